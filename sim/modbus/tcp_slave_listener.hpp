#pragma once
// Modbus TCP for one simulated meter: a loopback listener of its own, MBAP framing, at
// most two sessions at a time (manual L5754, L5908-5910: "2 concurrent MODBUS TCP"); a
// third connection is accepted and closed at once. Frames for another unit id than the
// meter's (255 is always accepted) are ignored, as a gateway-less device would.
//
// With TcpSlaveFraming::rtu the same listener serves RTU over TCP (the meter behind a
// terminal server): RTU frames as on the serial port, hunted for the meter's Device
// Address, dropped silently on a bad CRC, a partial frame abandoned after the frame
// timeout; the RTU faults (bad_crc, wrong_crc_order, a half answer for drop_connection).
// Internal to jemhead_sim_modbus (Asio in the header): include only from its .cpp files.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "sim/modbus/modbus_slave.hpp"

namespace jemhead::sim {

inline constexpr int kMaxModbusTcpSessions = 2;

enum class TcpSlaveFraming { mbap, rtu };

class TcpSlaveListener {
 public:
  TcpSlaveListener(boost::asio::io_context& io, ModbusSlave& slave,
                   TcpSlaveFraming framing = TcpSlaveFraming::mbap);
  // Binds the spec's address and port (throws std::system_error) and starts accepting.
  void start();
  std::uint16_t port() const { return port_; }
  std::string listen_text() const;
  // Stops accepting; only once the io_context's threads have stopped (sessions end with
  // the io_context).
  void close();

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);
  boost::asio::awaitable<void> mbap_session(boost::asio::ip::tcp::socket& socket);
  boost::asio::awaitable<void> rtu_session(boost::asio::ip::tcp::socket& socket);
  const std::string& listen_address() const;

  boost::asio::io_context& io_;
  ModbusSlave& slave_;
  TcpSlaveFraming framing_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<int> active_{0};
};

}  // namespace jemhead::sim
