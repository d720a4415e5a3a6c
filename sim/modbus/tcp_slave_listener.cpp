#include "sim/modbus/tcp_slave_listener.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <system_error>

#include "drivers/protocol/modbus/mbap_frame.hpp"
#include "sim/modbus/fault_injection.hpp"

namespace jemhead::sim {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

TcpSlaveListener::TcpSlaveListener(asio::io_context& io, ModbusSlave& slave)
    : io_(io), slave_(slave), acceptor_(io) {}

void TcpSlaveListener::start() {
  const auto& spec = slave_.spec();
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(spec.tcp_address, ec);
  if (ec) throw std::system_error(ec, "modbus tcp address " + spec.tcp_address);
  tcp::endpoint endpoint(address, spec.tcp_port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint, ec);
  if (ec)
    throw std::system_error(ec, "meter " + slave_.serial() + ": modbus tcp listen " +
                                    spec.tcp_address + ":" + std::to_string(spec.tcp_port));
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

std::string TcpSlaveListener::listen_text() const {
  const auto& a = slave_.spec().tcp_address;
  return (a.find(':') != std::string::npos ? "[" + a + "]" : a) + ":" + std::to_string(port_);
}

void TcpSlaveListener::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> TcpSlaveListener::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
    if (ec) {
      if (!acceptor_.is_open() || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    if (active_.load() >= kMaxModbusTcpSessions) {
      slave_.count_session_refused();
      boost::system::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
      continue;
    }
    ++active_;
    slave_.count_session_accepted();
    asio::co_spawn(io_, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> TcpSlaveListener::session(tcp::socket socket) {
  modbus::MbapDecoder decoder;
  std::array<std::uint8_t, 1024> buffer{};
  asio::steady_timer timer(socket.get_executor());
  const std::uint8_t unit = slave_.spec().effective_unit_id();
  bool open = true;
  while (open) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buffer), kTuple);
    if (ec) break;
    decoder.feed(std::span<const std::uint8_t>(buffer.data(), n));
    while (open) {
      auto frame = decoder.next();
      if (!frame) break;
      if (frame->unit_id != unit && frame->unit_id != 0xFF) {
        slave_.count_wrong_unit_id();
        continue;
      }
      const FaultSettings faults = slave_.faults();
      if (fault_swallows_request(faults, SlaveLink::tcp)) {
        slave_.count_swallowed_request();
        if (faults.mode == FaultMode::drop_connection) open = false;
        continue;
      }
      const auto pdu = slave_.serve(frame->pdu);
      auto outcome = apply_fault(faults, SlaveLink::tcp,
                                 modbus::encode_mbap(frame->transaction_id, frame->unit_id, pdu),
                                 slave_.next_random());
      if (outcome.applied) slave_.count_fault_applied();
      if (outcome.close_connection) open = false;
      if (!outcome.send) continue;
      if (outcome.delay.count() > 0) {
        timer.expires_after(outcome.delay);
        co_await timer.async_wait(kTuple);
      }
      auto [wec, written] = co_await asio::async_write(socket, asio::buffer(outcome.bytes), kTuple);
      (void)written;
      if (wec) open = false;
    }
    if (decoder.error()) break;  // framing lost: the stream cannot be trusted again
  }
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  --active_;
  slave_.count_session_closed();
}

}  // namespace jemhead::sim
