#pragma once
// ApduChannel: the data link that carries DLMS APDUs between the client and one meter,
// whatever the framing underneath (HDLC on serial lines, optical probes, modems and raw
// TCP; the IEC 62056-47 wrapper on TCP port 4059). The application layer (AARQ, GET, SET)
// sits on top and never sees frames.
//
// Life cycle: connect() -> exchange()... -> disconnect(). Failures are driver errors:
//   drivers::Timeout           the meter stopped answering (after the channel's retries)
//   drivers::ConnectionFailed  the link could not be opened or broke, the meter answered
//                              DM (disconnected mode), or the link sat idle longer than the
//                              meter's inactivity timeout
//   drivers::BadResponse       the meter answered with something the protocol does not
//                              allow here (FRMR, a malformed UA, a wrong LLC header,
//                              wrapper ports or version)
// After any failure the channel is disconnected: the state the meter is in cannot be
// known, so the caller connects again (and re-associates) before the next exchange.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/protocol/dlms/hdlc/parameters.hpp"

namespace jemhead::dlms::link {

// The limits in force on a connected channel. HDLC: the SNRM/UA outcome, from the
// client's point of view. Wrapper: no negotiation, so the largest APDU the wrapper
// accepts in both directions and window 1 (one request at a time).
using LinkParameters = hdlc::LinkParameters;

struct ApduChannelStats {
  std::uint64_t connects = 0;         // successful connect() calls
  std::uint64_t disconnects = 0;      // disconnect() calls that reached the meter
  std::uint64_t exchanges = 0;        // complete response APDUs delivered
  std::uint64_t timeouts = 0;         // operations that gave up for want of an answer
  std::uint64_t retransmissions = 0;  // polls and frames resent after a silence
  std::uint64_t frames_out = 0;       // HDLC frames / wrapper messages sent
  std::uint64_t frames_in = 0;        // ... received and addressed to us
  std::uint64_t segments_out = 0;     // HDLC I frames sent with the S bit
  std::uint64_t segments_in = 0;      // HDLC I frames received with the S bit
  std::uint64_t foreign_frames = 0;   // frames for another address, ignored
  std::uint64_t ignored_frames = 0;   // ours but out of sequence, duplicated or UI
  std::uint64_t framing_errors = 0;   // candidates the decoder rejected (HCS, FCS, ...)
  std::uint64_t bytes_out = 0;        // on the link, framing included
  std::uint64_t bytes_in = 0;
};

class ApduChannel {
 public:
  virtual ~ApduChannel() = default;

  // Opens the link if it is not open yet, then (HDLC) sets up the data link with SNRM/UA.
  virtual boost::asio::awaitable<void> connect() = 0;
  // Sends one request APDU and returns the complete response APDU.
  virtual boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_apdu) = 0;
  // Ends the data link (HDLC: DISC, answered by UA or DM) and closes the link. The
  // channel is disconnected afterwards even when this throws.
  virtual boost::asio::awaitable<void> disconnect() = 0;
  // Closes the link at once, without telling the meter. Never throws.
  virtual void close() noexcept = 0;

  virtual bool connected() const = 0;
  virtual LinkParameters negotiated() const = 0;
  virtual ApduChannelStats stats() const = 0;
  // "hdlc 16->1/100 via serial /dev/ttyUSB0 9600 8N1"
  virtual std::string describe() const = 0;
};

}  // namespace jemhead::dlms::link
