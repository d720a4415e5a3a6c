#include "drivers/protocol/dlms/link/hdlc_framer.hpp"

#include <algorithm>

#include "drivers/transport/driver_link_io.hpp"

namespace jemhead::dlms::link {

namespace {
// Stale input dropped before an SNRM is bounded, so a line that never stops talking
// cannot hold the channel forever.
constexpr std::size_t kMaxDiscardBytes = 64 * 1024;
constexpr std::size_t kReadChunk = 512;
}  // namespace

HdlcFramer::HdlcFramer(transport::Link& link, hdlc::Address client, hdlc::Address server,
                       std::chrono::milliseconds inter_frame_timeout, ApduChannelStats& stats)
    : link_(link),
      client_(client),
      server_(server),
      inter_frame_timeout_(inter_frame_timeout),
      stats_(stats),
      buffer_(kReadChunk) {}

boost::asio::awaitable<void> HdlcFramer::send(hdlc::Control control,
                                              std::span<const std::uint8_t> info, bool segmented,
                                              transport::Deadline deadline) {
  const auto bytes =
      hdlc::encode_frame(hdlc::make_frame(server_, client_, control, info, segmented));
  auto op = transport::write_bytes(link_, bytes, deadline);
  co_await std::move(op);
  ++stats_.frames_out;
  if (segmented) ++stats_.segments_out;
}

boost::asio::awaitable<std::optional<ReceivedFrame>> HdlcFramer::receive(
    transport::Deadline deadline) {
  for (;;) {
    while (auto frame = decoder_.next()) {
      if (frame->destination != client_ || frame->source != server_) {
        ++stats_.foreign_frames;
        continue;
      }
      const auto control = hdlc::decode_control(frame->control);
      if (!control) {
        ++stats_.ignored_frames;
        continue;
      }
      ++stats_.frames_in;
      last_received_ = transport::Clock::now();
      co_return ReceivedFrame{*control, frame->segmented, std::move(frame->info)};
    }
    const auto now = transport::Clock::now();
    if (decoder_.mid_frame() && now - last_byte_ >= inter_frame_timeout_) {
      decoder_.on_timeout();
      continue;  // a whole frame may have been found behind the abandoned one
    }
    if (now >= deadline) co_return std::nullopt;
    const auto wait_until =
        decoder_.mid_frame() ? std::min(deadline, last_byte_ + inter_frame_timeout_) : deadline;
    auto op = transport::read_bytes(link_, buffer_, wait_until);
    const auto received = co_await std::move(op);
    if (received == 0) continue;
    last_byte_ = transport::Clock::now();
    decoder_.feed(std::span<const std::uint8_t>(buffer_.data(), received));
  }
}

boost::asio::awaitable<void> HdlcFramer::discard_input() {
  std::size_t dropped = 0;
  while (link_.is_open() && dropped < kMaxDiscardBytes) {
    // A deadline in the past returns only bytes already waiting (Link contract).
    auto op = transport::read_bytes(link_, buffer_, transport::Clock::now());
    const auto n = co_await std::move(op);
    if (n == 0) break;
    dropped += n;
  }
  decoder_.reset();
  decoder_.set_max_frame_length(hdlc::kMaxFrameLength);
}

void HdlcFramer::set_max_info_receive(std::size_t max_info) {
  decoder_.set_max_frame_length(
      std::min(hdlc::kMaxFrameLength, hdlc::frame_length_for_info(max_info)));
}

}  // namespace jemhead::dlms::link
