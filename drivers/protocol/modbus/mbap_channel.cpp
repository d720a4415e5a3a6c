#include "drivers/protocol/modbus/mbap_channel.hpp"

#include <array>

#include "drivers/driver_errors.hpp"
#include "drivers/transport/driver_link_io.hpp"

namespace jemhead::modbus {

MbapChannel::MbapChannel(std::unique_ptr<transport::Link> link, std::uint8_t unit_id)
    : link_(std::move(link)), unit_id_(unit_id) {}

std::string MbapChannel::describe() const {
  return "modbus tcp unit " + std::to_string(unit_id_) + " via " + link_->describe();
}

boost::asio::awaitable<void> MbapChannel::ensure_open() {
  if (link_->is_open()) co_return;
  if (opened_before_) ++stats_.reconnects;
  decoder_.reset();  // a new connection is a new stream
  co_await transport::open_link(*link_);
  opened_before_ = true;
}

boost::asio::awaitable<std::vector<std::uint8_t>> MbapChannel::exchange(
    std::span<const std::uint8_t> request_pdu, Deadline deadline) {
  co_await ensure_open();
  const std::uint16_t transaction = next_transaction_++;
  const auto frame = encode_mbap(transaction, unit_id_, request_pdu);

  co_await transport::write_bytes(*link_, frame, deadline);

  std::array<std::uint8_t, 512> buffer{};
  for (;;) {
    while (auto answer = decoder_.next()) {
      if (answer->transaction_id == transaction && answer->unit_id == unit_id_) {
        ++stats_.exchanges;
        co_return std::move(answer->pdu);
      }
      ++stats_.stale_frames;
    }
    if (decoder_.error()) {
      ++stats_.framing_errors;
      const auto why = decoder_.error_detail();
      link_->close();
      throw drivers::BadResponse(describe() + ": the MBAP stream lost its framing (" + why + ")");
    }
    const auto received = co_await transport::read_bytes(*link_, buffer, deadline);
    if (received == 0) {
      ++stats_.timeouts;
      throw drivers::Timeout(describe() + ": no response to transaction " +
                             std::to_string(transaction) + " before the timeout");
    }
    decoder_.feed(std::span<const std::uint8_t>(buffer.data(), received));
  }
}

}  // namespace jemhead::modbus
