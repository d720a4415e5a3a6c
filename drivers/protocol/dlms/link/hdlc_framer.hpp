#pragma once
// The frame level under HdlcChannel: encodes and sends frames from the client to the
// meter, and reads bytes into the streaming decoder until a frame from the meter to the
// client comes out. Frames between other stations (another client's SAP, another
// physical address on a shared RS-485 line, or our own request echoed by a two-wire
// adapter) are counted and skipped, as are frames with an undefined control field.
//
// A frame whose bytes stop coming for the inter-frame timeout (the meter's "Rx Timeout")
// is abandoned, so a false start on noise cannot hide a real frame behind it.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "drivers/protocol/dlms/hdlc/control.hpp"
#include "drivers/protocol/dlms/hdlc/frame.hpp"
#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/link/apdu_channel.hpp"
#include "drivers/transport/link.hpp"

namespace jemhead::dlms::link {

struct ReceivedFrame {
  hdlc::Control control;
  bool segmented = false;
  std::vector<std::uint8_t> info;
};

class HdlcFramer {
 public:
  // `link` and `stats` must outlive the framer; frame counters go into `stats`.
  HdlcFramer(transport::Link& link, hdlc::Address client, hdlc::Address server,
             std::chrono::milliseconds inter_frame_timeout, ApduChannelStats& stats);

  // Throws drivers::Timeout / ConnectionFailed when the link fails
  // (drivers/transport/driver_link_io.hpp). The control goes by value: a coroutine keeps references
  // to its caller's temporaries.
  boost::asio::awaitable<void> send(hdlc::Control control, std::span<const std::uint8_t> info,
                                    bool segmented, transport::Deadline deadline);
  // The next frame from the meter to us, or nullopt when `deadline` passes first.
  boost::asio::awaitable<std::optional<ReceivedFrame>> receive(transport::Deadline deadline);

  // Drops bytes the link already holds and whatever the decoder buffered (before a new
  // SNRM: leftovers of an earlier session must not answer it).
  boost::asio::awaitable<void> discard_input();
  // After the UA: frames longer than the negotiated receive limit are rejected.
  void set_max_info_receive(std::size_t max_info);

  const hdlc::FrameDecoderStats& decoder_stats() const { return decoder_.stats(); }
  // When the last frame from the meter arrived (construction time before any).
  transport::Clock::time_point last_received() const { return last_received_; }

 private:
  transport::Link& link_;
  hdlc::Address client_;
  hdlc::Address server_;
  std::chrono::milliseconds inter_frame_timeout_;
  ApduChannelStats& stats_;
  hdlc::FrameDecoder decoder_;
  transport::Clock::time_point last_byte_{};
  transport::Clock::time_point last_received_ = transport::Clock::now();
  std::vector<std::uint8_t> buffer_;
};

}  // namespace jemhead::dlms::link
