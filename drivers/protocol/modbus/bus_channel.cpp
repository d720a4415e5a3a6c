#include "drivers/protocol/modbus/bus_channel.hpp"

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/modbus/rtu_frame.hpp"

namespace jemhead::modbus {

BusChannel::BusChannel(std::shared_ptr<transport::Bus> bus, std::uint8_t address,
                       CrcOrder crc_order)
    : bus_(std::move(bus)), address_(address), crc_order_(crc_order) {}

std::string BusChannel::describe() const {
  return "modbus rtu address " + std::to_string(address_) + " on " + bus_->describe();
}

boost::asio::awaitable<std::vector<std::uint8_t>> BusChannel::exchange(
    std::span<const std::uint8_t> request_pdu, Deadline deadline) {
  auto frame = encode_rtu(address_, request_pdu, crc_order_);
  // Shared with the matcher's callbacks, which the bus runs on its strand while this
  // coroutine waits; the bus is done with them when transact() returns.
  auto decoder = std::make_shared<RtuDecoder>(
      RtuDecoderOptions{RtuDirection::responses, crc_order_, address_, false});
  transport::ResponseMatcher matcher;
  matcher.on_bytes = [decoder](std::span<const std::uint8_t> chunk, std::span<const std::uint8_t>) {
    decoder->feed(chunk);
    return decoder->stats().frames > 0;
  };
  matcher.on_silence = [decoder] { decoder->on_silence(); };

  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  const auto timeout = std::max(left, std::chrono::milliseconds(1));
  auto result = co_await bus_->transact(address_, std::move(frame), std::move(matcher), timeout);
  stats_.framing_errors += decoder->stats().crc_errors + decoder->stats().oversize;
  if (!result.ok()) {
    if (result.error == transport::TransportErrc::response_timeout) {
      ++stats_.timeouts;
      throw drivers::Timeout(describe() + ": " + result.detail);
    }
    throw drivers::ConnectionFailed(describe() + ": " + result.detail);
  }
  auto answer = decoder->next();
  if (!answer) throw drivers::BadResponse(describe() + ": the bus ended the exchange early");
  ++stats_.exchanges;
  co_return std::move(answer->pdu);
}

}  // namespace jemhead::modbus
