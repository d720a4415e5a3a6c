#include "sim/dlms/hdlc_tcp_listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sim/dlms/hdlc_pump.hpp"
#include "sim/dlms/tcp_port.hpp"

namespace jemhead::sim::dlms_server {

namespace asio = boost::asio;
using asio::ip::tcp;

HdlcTcpListener::HdlcTcpListener(asio::io_context& io, DlmsMeterServer& server,
                                 DlmsHdlcTcpSpec spec)
    : io_(io), server_(server), spec_(std::move(spec)), acceptor_(io) {}

void HdlcTcpListener::start() {
  std::string what = "meter ";
  what += server_.serial();
  what += ": dlms hdlc_tcp";
  port_ = listen_loopback(acceptor_, spec_.address, spec_.port, what);
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

std::string HdlcTcpListener::listen_text() const {
  return dlms_server::listen_text(spec_.address, port_);
}

void HdlcTcpListener::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> HdlcTcpListener::accept_loop() {
  constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
  for (;;) {
    // Each connection on a strand of its own: its line is touched by its reads and ticks.
    auto accept = acceptor_.async_accept(asio::make_strand(io_), kTuple);
    auto [ec, accepted] = co_await std::move(accept);
    if (ec) {
      if (!acceptor_.is_open() || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    tcp::socket socket(std::move(accepted));
    if (!admit_connection(server_, socket)) continue;
    ++active_;
    auto ended = [this] {
      --active_;
      connection_closed(server_);
    };
    auto pump = std::make_shared<HdlcPump<tcp::socket>>(std::move(socket), server_, spec_,
                                                        HdlcCarrier::tcp_connection, ended);
    pump->start();
  }
}

}  // namespace jemhead::sim::dlms_server
