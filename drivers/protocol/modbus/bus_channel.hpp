#pragma once
// Modbus RTU to one meter on a shared RS-485 line (transport::Bus): the bus keeps one
// request on the line at a time and serves the meters fairly; this channel frames the
// request and tells the bus, through an RtuDecoder that only accepts its meter's address,
// when the answer is complete.
#include <memory>

#include "drivers/protocol/modbus/crc16.hpp"
#include "drivers/protocol/modbus/pdu_channel.hpp"
#include "drivers/transport/bus.hpp"

namespace jemhead::modbus {

class BusChannel final : public PduChannel {
 public:
  BusChannel(std::shared_ptr<transport::Bus> bus, std::uint8_t address, CrcOrder crc_order);

  boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_pdu, Deadline deadline) override;
  // The line belongs to every meter on it: closing one meter's session leaves it open.
  void close() noexcept override {}
  std::string describe() const override;
  ChannelStats stats() const override { return stats_; }

 private:
  std::shared_ptr<transport::Bus> bus_;
  std::uint8_t address_;
  CrcOrder crc_order_;
  ChannelStats stats_;
};

}  // namespace jemhead::modbus
