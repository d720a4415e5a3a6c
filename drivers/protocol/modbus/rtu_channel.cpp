#include "drivers/protocol/modbus/rtu_channel.hpp"

#include <algorithm>
#include <array>

#include "drivers/driver_errors.hpp"
#include "drivers/transport/driver_link_io.hpp"

namespace jemhead::modbus {

namespace {
// Stale input drained before a request is bounded, so a line that never stops talking
// cannot hold the channel forever.
constexpr std::size_t kMaxDrainBytes = 64 * 1024;
}  // namespace

RtuChannel::RtuChannel(std::unique_ptr<transport::Link> link, std::uint8_t address,
                       CrcOrder crc_order, std::chrono::milliseconds frame_gap)
    : link_(std::move(link)),
      address_(address),
      crc_order_(crc_order),
      frame_gap_(frame_gap),
      decoder_(RtuDecoderOptions{RtuDirection::responses, crc_order, address, false}) {}

std::string RtuChannel::describe() const {
  return "modbus rtu address " + std::to_string(address_) + " via " + link_->describe();
}

ChannelStats RtuChannel::stats() const {
  auto s = stats_;
  s.framing_errors = decoder_.stats().crc_errors + decoder_.stats().oversize;
  const auto link = link_->stats();
  s.bytes = link.bytes_in + link.bytes_out;
  return s;
}

boost::asio::awaitable<void> RtuChannel::ensure_open() {
  if (link_->is_open()) co_return;
  if (opened_before_) ++stats_.reconnects;
  co_await transport::open_link(*link_);
  opened_before_ = true;
}

boost::asio::awaitable<void> RtuChannel::drain_input() {
  std::array<std::uint8_t, 256> buffer{};
  std::size_t drained = 0;
  while (drained < kMaxDrainBytes) {
    // A deadline in the past returns only bytes already waiting (Link contract).
    const auto n = co_await transport::read_bytes(*link_, buffer, transport::Clock::now());
    if (n == 0) break;
    drained += n;
  }
}

boost::asio::awaitable<std::vector<std::uint8_t>> RtuChannel::exchange(
    std::span<const std::uint8_t> request_pdu, Deadline deadline) {
  co_await ensure_open();
  const auto frame = encode_rtu(address_, request_pdu, crc_order_);

  co_await drain_input();
  decoder_.reset();
  decoder_.set_address(address_);
  co_await transport::write_bytes(*link_, frame, deadline);

  std::array<std::uint8_t, 512> buffer{};
  for (;;) {
    if (auto answer = decoder_.next()) {
      ++stats_.exchanges;
      co_return std::move(answer->pdu);
    }
    const auto now = transport::Clock::now();
    if (now >= deadline) break;
    const auto wait_until = decoder_.mid_frame() ? std::min(deadline, now + frame_gap_) : deadline;
    const auto received = co_await transport::read_bytes(*link_, buffer, wait_until);
    if (received == 0) {
      if (decoder_.mid_frame()) decoder_.on_silence();
      continue;
    }
    decoder_.feed(std::span<const std::uint8_t>(buffer.data(), received));
  }
  ++stats_.timeouts;
  throw drivers::Timeout(describe() + ": no valid response before the timeout");
}

}  // namespace jemhead::modbus
