#pragma once
// An in-process Modbus slave for the session tests, built from our own codec (request
// decoding, response encoding, MBAP/RTU framing) and served over real loopback TCP. It
// holds plain register/bit images and can misbehave on purpose: answer with an exception,
// stay silent, or answer late.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "drivers/protocol/modbus/crc16.hpp"
#include "drivers/protocol/modbus/pdu.hpp"

namespace jemhead::modbus::testing {

struct FakeSlaveConfig {
  bool rtu = false;  // RTU over TCP instead of MBAP
  std::uint8_t unit = 1;
  CrcOrder crc_order = CrcOrder::low_byte_first;
};

class FakeSlave {
 public:
  FakeSlave(boost::asio::io_context& io, FakeSlaveConfig config);
  // Closes the listener and every connection on the io thread and waits until no
  // coroutine of this slave is left, so none can touch it after it is gone.
  ~FakeSlave();
  FakeSlave(const FakeSlave&) = delete;
  FakeSlave& operator=(const FakeSlave&) = delete;
  std::uint16_t port() const { return port_; }

  // The data. A register or bit absent from its map is answered with exception 02.
  std::map<std::uint16_t, std::uint16_t> holding, input;
  std::map<std::uint16_t, bool> discrete, coils;

  // Misbehaviour.
  std::map<std::uint8_t, ExceptionCode> exception_for_function;  // by FC byte
  int ignore_next = 0;                                           // requests to leave unanswered
  std::chrono::milliseconds delay{0};  // before each of the next `delayed` answers
  int delayed = 0;

  // What was asked, in order.
  std::vector<Request> requests;

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);
  std::vector<std::uint8_t> answer(const std::vector<std::uint8_t>& request_pdu);

  boost::asio::io_context& io_;
  FakeSlaveConfig config_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  // Touched on the io thread only: the open connections and the live coroutines.
  std::set<boost::asio::ip::tcp::socket*> connections_;
  int live_coroutines_ = 0;
  std::promise<void> all_done_;
  bool closing_ = false;
  void coroutine_finished();
};

}  // namespace jemhead::modbus::testing
