#include "sim/dlms/tcp_listener.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"
#include "sim/dlms/session.hpp"
#include "sim/dlms/tcp_port.hpp"

namespace jemhead::sim::dlms_server {

namespace asio = boost::asio;
namespace wrapper = jemhead::dlms::wrapper;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

TcpDlmsListener::TcpDlmsListener(asio::io_context& io, DlmsMeterServer& server)
    : io_(io), server_(server), acceptor_(io) {}

void TcpDlmsListener::start() {
  const auto& spec = server_.spec();
  std::string what = "meter ";
  what += server_.serial();
  what += ": dlms tcp";
  port_ = listen_loopback(acceptor_, spec.tcp_address, spec.tcp_port, what);
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

std::string TcpDlmsListener::listen_text() const {
  return dlms_server::listen_text(server_.spec().tcp_address, port_);
}

void TcpDlmsListener::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> TcpDlmsListener::accept_loop() {
  for (;;) {
    auto accept = acceptor_.async_accept(kTuple);
    auto [ec, socket] = co_await std::move(accept);
    if (ec) {
      if (!acceptor_.is_open() || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    if (!admit_connection(server_, socket)) continue;
    ++active_;
    asio::co_spawn(io_, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> TcpDlmsListener::session(tcp::socket socket) {
  co_await serve(socket);
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  --active_;
  connection_closed(server_);
}

asio::awaitable<void> TcpDlmsListener::serve(tcp::socket& socket) {
  using namespace asio::experimental::awaitable_operators;
  const auto& spec = server_.spec();
  DlmsSession session(server_);
  // Requests never need more than the server's Max APDU; anything larger is not DLMS.
  wrapper::WrapperDecoder decoder({std::max<std::size_t>(spec.max_pdu_size, 2048)});
  std::array<std::uint8_t, 2048> buffer{};
  asio::steady_timer timer(socket.get_executor());
  const bool idle_limit = spec.inactivity_timeout_s > 0;
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = 0;
    if (idle_limit) {
      timer.expires_after(std::chrono::seconds(spec.inactivity_timeout_s));
      auto read = socket.async_read_some(asio::buffer(buffer), kTuple);
      auto wait = timer.async_wait(kTuple);
      auto either = std::move(read) || std::move(wait);
      auto outcome = co_await std::move(either);
      if (outcome.index() == 1) {
        ++server_.counters().idle_timeouts;
        co_return;
      }
      std::tie(ec, n) = std::get<0>(outcome);
    } else {
      auto read = socket.async_read_some(asio::buffer(buffer), kTuple);
      std::tie(ec, n) = co_await std::move(read);
    }
    if (ec) co_return;
    decoder.feed(std::span<const std::uint8_t>(buffer.data(), n));
    while (auto frame = decoder.next()) {
      if (frame->destination != wrapper::kManagementLogicalDevice) {
        ++server_.counters().ignored_frames;
        continue;
      }
      auto answer = session.serve(frame->source, frame->apdu);
      if (session.drop_requested()) co_return;  // an injected fault: the line goes dead
      if (!answer) continue;
      const auto bytes =
          wrapper::encode_wrapper(wrapper::kManagementLogicalDevice, frame->source, *answer);
      auto write = asio::async_write(socket, asio::buffer(bytes), kTuple);
      auto [wec, written] = co_await std::move(write);
      (void)written;
      if (wec) co_return;
    }
    if (decoder.error() != wrapper::WrapperError::none) co_return;
  }
}

}  // namespace jemhead::sim::dlms_server
