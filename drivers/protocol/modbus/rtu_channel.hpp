#pragma once
// Modbus RTU over a Link of its own: a TCP terminal server ("RTU over TCP") or a serial
// port with one meter on it. (A line shared by several meters goes through the RS-485 bus
// instead, which serialises the masters' requests.)
//
// Before each request the input is drained and the decoder reset, so bytes left over from
// a timed-out exchange are never taken for the answer; the decoder accepts only frames
// from the addressed meter. When the line goes quiet in the middle of a frame for
// `frame_gap`, the partial frame is abandoned (RtuDecoder::on_silence) so that a false
// start on noise cannot hide the real answer.
#include <chrono>
#include <memory>

#include "drivers/protocol/modbus/pdu_channel.hpp"
#include "drivers/protocol/modbus/rtu_frame.hpp"
#include "drivers/transport/link.hpp"

namespace jemhead::modbus {

class RtuChannel final : public PduChannel {
 public:
  RtuChannel(std::unique_ptr<transport::Link> link, std::uint8_t address, CrcOrder crc_order,
             std::chrono::milliseconds frame_gap = std::chrono::milliseconds(100));

  boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_pdu, Deadline deadline) override;
  void close() noexcept override { link_->close(); }
  std::string describe() const override;
  ChannelStats stats() const override;

 private:
  boost::asio::awaitable<void> ensure_open();
  boost::asio::awaitable<void> drain_input();

  std::unique_ptr<transport::Link> link_;
  std::uint8_t address_;
  CrcOrder crc_order_;
  std::chrono::milliseconds frame_gap_;
  RtuDecoder decoder_;
  bool opened_before_ = false;
  ChannelStats stats_;
};

}  // namespace jemhead::modbus
