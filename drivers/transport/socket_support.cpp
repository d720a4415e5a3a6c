#include "drivers/transport/socket_support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>

#include "drivers/transport/deadline_io.hpp"

namespace jemhead::transport::detail {

namespace asio = boost::asio;
using asio::ip::tcp;

TransportErrc classify(const boost::system::error_code& ec, TransportErrc fallback) {
  if (ec == asio::error::connection_refused) return TransportErrc::connection_refused;
  if (ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
      ec == asio::error::connection_aborted)
    return TransportErrc::connection_reset;
  if (ec == asio::error::eof) return TransportErrc::connection_closed;
  if (ec == asio::error::network_unreachable || ec == asio::error::host_unreachable)
    return TransportErrc::network_unreachable;
  if (ec == asio::error::timed_out) return TransportErrc::connect_timeout;
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again ||
      ec == asio::error::no_data || ec == asio::error::service_not_found)
    return TransportErrc::resolve_failed;
  if (ec == asio::error::bad_descriptor) return TransportErrc::not_open;
  if (ec == asio::error::operation_aborted) return TransportErrc::cancelled;
  return fallback;
}

std::string host_port(const std::string& host, std::uint16_t port) {
  const bool ipv6_literal = host.find(':') != std::string::npos;
  return (ipv6_literal ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string endpoint_text(const tcp::endpoint& e) {
  return host_port(e.address().to_string(), e.port());
}

asio::awaitable<void> connect_tcp(tcp::socket& socket, const std::string& host, std::uint16_t port,
                                  Deadline deadline, const std::string& description) {
  auto executor = co_await asio::this_coro::executor;
  // A zero timeout means "do not try": racing a connect against an expired timer would
  // make the outcome depend on scheduling.
  if (Clock::now() >= deadline) throw TransportError(TransportErrc::connect_timeout, description);

  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code parse_error;
  auto literal = asio::ip::make_address(host, parse_error);
  if (!parse_error) {
    endpoints.emplace_back(literal, port);
  } else {
    tcp::resolver resolver(executor);
    auto resolved = co_await before_deadline(
        resolver.async_resolve(host, std::to_string(port), asio::ip::resolver_base::numeric_service,
                               use_tuple),
        deadline);
    if (!resolved) throw TransportError(TransportErrc::connect_timeout, description, "resolving");
    auto& [ec, results] = *resolved;
    if (ec) {
      throw TransportError(classify(ec, TransportErrc::resolve_failed), description, ec.message());
    }
    for (const auto& entry : results) endpoints.push_back(entry.endpoint());
    if (endpoints.empty()) throw TransportError(TransportErrc::resolve_failed, description);
  }

  auto connected =
      co_await before_deadline(asio::async_connect(socket, endpoints, use_tuple), deadline);
  if (!connected) {
    boost::system::error_code ignored;
    socket.close(ignored);
    throw TransportError(TransportErrc::connect_timeout, description);
  }
  if (auto ec = std::get<0>(*connected)) {
    throw TransportError(classify(ec, TransportErrc::io_error), description, ec.message());
  }
}

}  // namespace jemhead::transport::detail
