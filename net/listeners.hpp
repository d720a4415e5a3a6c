#pragma once
// The listening sockets of a server (net::HttpServer, smtp::SmtpServer), opened the same
// way for both. For the servers' .cpp files only: it brings in Asio, which public headers
// keep out.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <memory>
#include <string_view>
#include <vector>

#include "net/http_server.hpp"  // Endpoint

namespace jemhead::net {

struct Listeners {
  std::vector<std::unique_ptr<boost::asio::ip::tcp::acceptor>> acceptors;
  std::vector<Endpoint> bound;  // in listen order, ephemeral ports resolved
};

// Binds and listens on every endpoint, the acceptors on `strand`. "::" does not also claim
// the IPv4 port, so "0.0.0.0" and "::" can be listed together. Throws std::system_error
// naming the address; `service` ("SMTP", or "" for HTTP) names the server in that message.
Listeners open_listeners(const boost::asio::strand<boost::asio::io_context::executor_type>& strand,
                         const std::vector<Endpoint>& listen, std::string_view service);

}  // namespace jemhead::net
