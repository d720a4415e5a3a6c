#include "sim/dlms/tcp_port.hpp"

#include <system_error>

namespace jemhead::sim::dlms_server {

namespace asio = boost::asio;
using asio::ip::tcp;

std::uint16_t listen_loopback(tcp::acceptor& acceptor, const std::string& address,
                              std::uint16_t port, const std::string& what) {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) throw std::system_error(ec, what + " address " + address);
  tcp::endpoint endpoint(ip, port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(endpoint, ec);
  if (ec) throw std::system_error(ec, what + " listen " + listen_text(address, port));
  acceptor.listen();
  return acceptor.local_endpoint().port();
}

std::string listen_text(const std::string& address, std::uint16_t port) {
  std::string text = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  text += ":";
  text += std::to_string(port);
  return text;
}

bool admit_connection(DlmsMeterServer& server, tcp::socket& socket) {
  if (!server.try_claim()) {  // one association at a time, whatever the port
    ++server.counters().connections_refused;
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    return false;
  }
  ++server.counters().connections_accepted;
  server.log_ethernet(EthernetStatus::connect, RealClock::now());
  return true;
}

void connection_closed(DlmsMeterServer& server) {
  server.log_ethernet(EthernetStatus::disconnect, RealClock::now());
  server.release();
  ++server.counters().connections_closed;
}

}  // namespace jemhead::sim::dlms_server
