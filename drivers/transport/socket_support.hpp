#pragma once
// Internal to drivers/transport: TCP connection setup and error classification shared by
// TcpLink and TlsLink.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>

#include "drivers/transport/link.hpp"

namespace jemhead::transport::detail {

// Which TransportErrc an operating-system or resolver error is; `fallback` for the rest.
TransportErrc classify(const boost::system::error_code& ec, TransportErrc fallback);

// "host:port", with brackets around an IPv6 literal.
std::string host_port(const std::string& host, std::uint16_t port);

// Resolves `host` (unless it is an IP literal) and connects `socket` (closed on entry) to
// the first address that accepts, all before `deadline`. Closing `socket` meanwhile aborts
// the attempt. Throws TransportError naming `description`.
boost::asio::awaitable<void> connect_tcp(boost::asio::ip::tcp::socket& socket,
                                         const std::string& host, std::uint16_t port,
                                         Deadline deadline, const std::string& description);

std::string endpoint_text(const boost::asio::ip::tcp::endpoint& e);

}  // namespace jemhead::transport::detail
