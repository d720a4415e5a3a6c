#pragma once
// Modbus TCP: MBAP framing over a Link. Every request gets the next transaction id and
// only the response carrying that id and the unit id is accepted; answers to earlier,
// timed-out requests that arrive late are counted as stale and skipped, so one slow
// answer never shifts every later one. A broken MBAP header loses the stream's framing:
// the link is closed and reopened by the next exchange.
#include <memory>

#include "drivers/protocol/modbus/mbap_frame.hpp"
#include "drivers/protocol/modbus/pdu_channel.hpp"
#include "drivers/transport/link.hpp"

namespace jemhead::modbus {

class MbapChannel final : public PduChannel {
 public:
  MbapChannel(std::unique_ptr<transport::Link> link, std::uint8_t unit_id);

  boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_pdu, Deadline deadline) override;
  void close() noexcept override { link_->close(); }
  std::string describe() const override;
  ChannelStats stats() const override {
    auto s = stats_;
    const auto link = link_->stats();
    s.bytes = link.bytes_in + link.bytes_out;
    return s;
  }

 private:
  boost::asio::awaitable<void> ensure_open();

  std::unique_ptr<transport::Link> link_;
  std::uint8_t unit_id_;
  std::uint16_t next_transaction_ = 1;
  MbapDecoder decoder_;
  bool opened_before_ = false;
  ChannelStats stats_;
};

}  // namespace jemhead::modbus
