#pragma once
// Modbus TCP for one simulated meter: a loopback listener of its own, MBAP framing, at
// most two sessions at a time (manual L5754, L5908-5910: "2 concurrent MODBUS TCP"); a
// third connection is accepted and closed at once. Frames for another unit id than the
// meter's (255 is always accepted) are ignored, as a gateway-less device would.
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

class TcpSlaveListener {
 public:
  TcpSlaveListener(boost::asio::io_context& io, ModbusSlave& slave);
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

  boost::asio::io_context& io_;
  ModbusSlave& slave_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<int> active_{0};
};

}  // namespace jemhead::sim
