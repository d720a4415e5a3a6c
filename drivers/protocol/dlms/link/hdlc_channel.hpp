#pragma once
// HdlcChannel: the DLMS client's side of an IEC 62056-46 HDLC data link over a byte
// stream (serial port, optical probe, modem, raw HDLC over TCP), as the JEMStar II speaks
// it (part7 §3): normal response mode, frame format type 3, window 1, a four-byte server
// address (management logical device 1, physical address = the meter's Unit ID).
//
// connect()    SNRM stating our limits -> UA; the UA's parameters are negotiated against
//              ours (each limit is the smaller of the two) and applied: requests are split
//              at the negotiated transmit size, longer frames from the meter rejected.
// exchange()   the request APDU behind the LLC header E6 E6 00, in one I frame or, when
//              longer than max info transmit, in segments (S bit), each acknowledged by
//              the meter's RR before the next goes. The response (LLC E6 E7 00) may come
//              segmented too: every segment is acknowledged with RR, which polls for the
//              next. N(S)/N(R) count modulo 8; every frame we send carries P=1.
// disconnect() DISC -> UA (or DM: the meter was not connected, which is as good), then
//              the link's graceful close (a modem hangs up with +++ and ATH).
//
// Window 1 only: one I frame outstanding, the meter polled after each. Larger windows
// in the options are clamped to 1 (the meter supports nothing else, manual L13960-13962)
// and the UA's window is never applied above what we stated.
//
// Retransmission (ISO/IEC 13239 checkpointing, kept to its simplest form): when nothing
// from the meter arrives within response_timeout after a frame we sent, we poll with
// RR(P=1, N(R) = the next frame we expect) and the meter answers from its state:
//   - it never received our I frame: it answers RR with N(R) = that frame's N(S), and we
//     send the frame again;
//   - its answer was lost: the N(R) of our RR does not acknowledge its last I frame, so
//     it sends that frame again.
// A frame with a bad FCS is dropped by the decoder, so it is recovered the same way.
// SNRM and DISC are simply sent again. After `retries` polls or resends for one frame
// with no progress, the operation fails with drivers::Timeout.
//
// Errors: DM -> drivers::ConnectionFailed (the meter is in disconnected mode); FRMR, a
// malformed UA, a wrong LLC header or a response longer than max_response_length ->
// drivers::BadResponse. I frames out of sequence, duplicates, UI frames and frames for
// other addresses are counted and ignored. Any failure leaves the channel disconnected
// and the link closed (the meter's sequence state is unknown); connect() starts over.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "drivers/protocol/dlms/hdlc/address.hpp"
#include "drivers/protocol/dlms/link/apdu_channel.hpp"
#include "drivers/protocol/dlms/link/hdlc_framer.hpp"
#include "drivers/transport/link.hpp"

namespace jemhead::dlms::link {

struct HdlcChannelOptions {
  std::uint8_t client_sap = hdlc::kPublicClientSap;  // 16 public, 1 and 2 LLS
  std::uint16_t logical_device = hdlc::kManagementLogicalDevice;
  std::uint16_t physical_address = hdlc::kDefaultPhysicalAddress;  // the Unit ID, 16..16381
  // Stated in the SNRM. Info lengths 1..2030 (the largest a type-3 frame can carry with
  // four-byte addresses); windows are clamped to 1.
  LinkParameters proposed{};
  // How long the meter has to answer each frame before we poll again: the connection
  // profile's timeout_ms. Must exceed the meter's inter-frame timeout.
  std::chrono::milliseconds response_timeout{5000};
  // Silence inside a frame after which its bytes are abandoned: the meter's "Rx Timeout"
  // (20..6000 ms, default 1000, manual L6537-6539).
  std::chrono::milliseconds inter_frame_timeout{1000};
  // Polls or resends per frame after a silence before drivers::Timeout.
  unsigned retries = 3;
  // The meter drops a link idle this long (its HDLC inactivity timeout, default 120 s,
  // L13970): exchange() then fails with ConnectionFailed rather than talk into a dead
  // link; the caller reconnects and re-associates. Zero: never.
  std::chrono::milliseconds inactivity_timeout{std::chrono::seconds(120)};
  // Largest response APDU (LLC header included) reassembled from segments.
  std::size_t max_response_length = 0xFFFF + 3;
};

class HdlcChannel final : public ApduChannel {
 public:
  // Throws drivers::ConfigurationError for an address out of range (SAP 0..127, logical
  // device 0..0x3FFF, physical address 16..16381), an info length outside 1..2030 or a
  // zero timeout.
  HdlcChannel(std::unique_ptr<transport::Link> link, HdlcChannelOptions options);
  ~HdlcChannel() override;

  boost::asio::awaitable<void> connect() override;
  boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_apdu) override;
  boost::asio::awaitable<void> disconnect() override;
  void close() noexcept override;

  bool connected() const override { return connected_; }
  LinkParameters negotiated() const override { return negotiated_; }
  ApduChannelStats stats() const override;
  std::string describe() const override;

  const HdlcChannelOptions& options() const { return options_; }
  transport::Link& link() { return *link_; }

 private:
  boost::asio::awaitable<std::vector<std::uint8_t>> run_exchange(
      std::span<const std::uint8_t> request_apdu);
  boost::asio::awaitable<std::optional<ReceivedFrame>> send_information(
      std::span<const std::uint8_t> info, bool segmented);
  boost::asio::awaitable<std::vector<std::uint8_t>> receive_response(
      std::optional<ReceivedFrame> first);
  boost::asio::awaitable<void> poll(unsigned& attempts, const char* waiting_for);
  // One more try (counted as a retransmission), or drivers::Timeout with `failure` once the
  // profile's retries are used up.
  void retry_or_time_out(unsigned& attempts, const std::string& failure);
  // Frames that end the link whatever we were doing: DM and FRMR.
  void check_link_ending(const ReceivedFrame& frame, const char* during) const;
  void fail_state() noexcept;

  std::unique_ptr<transport::Link> link_;
  HdlcChannelOptions options_;
  hdlc::Address client_;
  hdlc::Address server_;
  ApduChannelStats stats_;
  HdlcFramer framer_;
  bool connected_ = false;
  LinkParameters negotiated_{};
  std::uint8_t send_state_ = 0;     // V(S): N(S) of our next I frame
  std::uint8_t receive_state_ = 0;  // V(R): N(S) we expect on the meter's next I frame
};

}  // namespace jemhead::dlms::link
