#include "sim/modbus/tcp_slave_listener.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <system_error>

#include "drivers/protocol/modbus/mbap_frame.hpp"
#include "drivers/protocol/modbus/rtu_frame.hpp"
#include "sim/modbus/fault_injection.hpp"

namespace jemhead::sim {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

TcpSlaveListener::TcpSlaveListener(asio::io_context& io, ModbusSlave& slave,
                                   TcpSlaveFraming framing)
    : io_(io), slave_(slave), framing_(framing), acceptor_(io) {}

const std::string& TcpSlaveListener::listen_address() const {
  const auto& spec = slave_.spec();
  return framing_ == TcpSlaveFraming::rtu ? spec.rtu_tcp_address : spec.tcp_address;
}

void TcpSlaveListener::start() {
  const auto& spec = slave_.spec();
  const auto& host = listen_address();
  const auto port = framing_ == TcpSlaveFraming::rtu ? spec.rtu_tcp_port : spec.tcp_port;
  const char* what = framing_ == TcpSlaveFraming::rtu ? "modbus rtu_tcp" : "modbus tcp";
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::system_error(ec, std::string(what) + " address " + host);
  tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint, ec);
  if (ec)
    throw std::system_error(ec, "meter " + slave_.serial() + ": " + what + " listen " + host + ":" +
                                    std::to_string(port));
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

std::string TcpSlaveListener::listen_text() const {
  const auto& a = listen_address();
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
  if (framing_ == TcpSlaveFraming::rtu)
    co_await rtu_session(socket);
  else
    co_await mbap_session(socket);
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  --active_;
  slave_.count_session_closed();
}

asio::awaitable<void> TcpSlaveListener::mbap_session(tcp::socket& socket) {
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
}

asio::awaitable<void> TcpSlaveListener::rtu_session(tcp::socket& socket) {
  using namespace asio::experimental::awaitable_operators;
  const auto& spec = slave_.spec();
  modbus::RtuDecoderOptions options;
  options.direction = modbus::RtuDirection::requests;
  options.crc_order = spec.crc_order;
  options.address = spec.rtu_tcp_device_address();
  modbus::RtuDecoder decoder(options);
  std::array<std::uint8_t, 1024> buffer{};
  asio::steady_timer timer(socket.get_executor());
  const std::chrono::milliseconds frame_timeout(spec.frame_timeout_ms);
  bool open = true;
  while (open) {
    boost::system::error_code ec;
    std::size_t n = 0;
    if (decoder.mid_frame()) {
      // The meter gives up on a partial frame after its frame timeout (L12858-12866).
      timer.expires_after(frame_timeout);
      auto outcome = co_await (socket.async_read_some(asio::buffer(buffer), kTuple) ||
                               timer.async_wait(kTuple));
      if (outcome.index() == 1) {
        decoder.on_silence();
        slave_.count_frame_timeout();
      } else {
        std::tie(ec, n) = std::get<0>(outcome);
      }
    } else {
      std::tie(ec, n) = co_await socket.async_read_some(asio::buffer(buffer), kTuple);
    }
    if (ec) break;
    const auto crc_errors_before = decoder.stats().crc_errors;
    decoder.feed(std::span<const std::uint8_t>(buffer.data(), n));
    if (decoder.stats().crc_errors > crc_errors_before)
      slave_.count_crc_errors(decoder.stats().crc_errors - crc_errors_before);
    while (open) {
      auto frame = decoder.next();
      if (!frame) break;
      const FaultSettings faults = slave_.faults();
      if (fault_swallows_request(faults, SlaveLink::rtu)) {
        slave_.count_swallowed_request();
        continue;
      }
      const auto pdu = slave_.serve(frame->pdu);
      auto answer = apply_fault(faults, SlaveLink::rtu,
                                modbus::encode_rtu(frame->address, pdu, spec.crc_order),
                                slave_.next_random());
      if (answer.applied) slave_.count_fault_applied();
      if (!answer.send) continue;
      timer.expires_after(std::chrono::milliseconds(spec.turnaround_ms) + answer.delay);
      co_await timer.async_wait(kTuple);
      auto [wec, written] = co_await asio::async_write(socket, asio::buffer(answer.bytes), kTuple);
      (void)written;
      if (wec) open = false;
    }
  }
}

}  // namespace jemhead::sim
