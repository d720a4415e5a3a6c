#pragma once
// An RS-485 bus of simulated meters on a pseudo-terminal. jemsim keeps the master side;
// a Modbus master opens the slave device (/dev/pts/N) as if it were a serial port. Every
// byte reaches every meter on the bus, and each meter's RtuDecoder hunts for its own
// address (the manual's "synchronization algorithm", L12760-12766), so only the meter
// addressed answers. A meter drops a frame with a bad CRC silently (L12786-12790) and
// discards a partial frame when its frame timeout runs out (L12858-12866).
//
// A meter that hunts for its address byte also syncs falsely on that byte inside other
// meters' frames (e.g. the FC 03 of a request to address 1 looks like address 3). A meter
// stuck on such a candidate would stay deaf until its frame timeout. The simulated meter's
// synchronization therefore also listens to the bus as a whole: when a complete, valid
// frame for any address has just passed, a candidate still open in another meter cannot
// be a real frame, and is abandoned at once (RtuDecoder::on_silence rescans what followed
// it, so nothing real is lost). Answers go out
// after the meter's turnaround plus the frame's time on the wire at the bus baud rate, one
// at a time.
// Internal to jemhead_sim_modbus (Asio in the header): include only from its .cpp files.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/protocol/modbus/rtu_frame.hpp"
#include "sim/modbus/modbus_slave.hpp"

namespace jemhead::sim {

class RtuBus {
 public:
  RtuBus(boost::asio::io_context& io, RtuBusSpec spec, std::vector<ModbusSlave*> slaves);
  ~RtuBus();
  RtuBus(const RtuBus&) = delete;
  RtuBus& operator=(const RtuBus&) = delete;

  // Opens the pseudo-terminal in raw mode (throws std::system_error) and starts serving.
  void start();
  const RtuBusSpec& spec() const { return spec_; }
  const std::string& device() const { return device_; }  // the slave side, e.g. /dev/pts/7
  std::vector<ModbusSlave*> slaves() const;
  void close();  // only once the io_context's threads have stopped

 private:
  struct Drop {
    ModbusSlave* slave;
    modbus::RtuDecoder decoder;
    std::optional<std::chrono::steady_clock::time_point> partial_since;
  };
  boost::asio::awaitable<void> read_loop();
  boost::asio::awaitable<void> frame_timer_loop();
  boost::asio::awaitable<void> answer(std::vector<std::uint8_t> bytes,
                                      std::chrono::microseconds delay);
  boost::asio::awaitable<void> write_queue();
  void on_bytes(std::span<const std::uint8_t> bytes);
  void handle_frame(Drop& drop, const modbus::RtuFrame& frame);
  std::chrono::microseconds wire_time(std::size_t bytes) const;

  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  RtuBusSpec spec_;
  std::vector<Drop> drops_;
  modbus::RtuDecoder monitor_;  // every valid frame on the bus, whatever its address
  std::optional<std::chrono::steady_clock::time_point> monitor_partial_since_;
  boost::asio::posix::stream_descriptor master_;
  int slave_fd_ = -1;  // kept open so the master side never sees a hang-up between clients
  std::string device_;
  std::deque<std::vector<std::uint8_t>> outgoing_;
  bool writing_ = false;
  boost::asio::steady_timer frame_timer_;
};

}  // namespace jemhead::sim
