#include "net/listeners.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <string>
#include <system_error>

namespace jemhead::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::string endpoint_text(const tcp::endpoint& ep) {
  std::string text = ep.address().to_string();
  if (ep.address().is_v6()) text = "[" + text + "]";
  text += ":";
  text += std::to_string(ep.port());
  return text;
}

}  // namespace

Listeners open_listeners(const asio::strand<asio::io_context::executor_type>& strand,
                         const std::vector<Endpoint>& listen, std::string_view service) {
  std::string invalid = "invalid ";
  std::string cannot = "cannot listen ";
  if (!service.empty()) {
    invalid += service;
    invalid += ' ';
    cannot += "for ";
    cannot += service;
    cannot += ' ';
  }
  invalid += "listen address '";
  cannot += "on ";

  Listeners out;
  for (const auto& ep : listen) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(ep.address, ec);
    if (ec) throw std::system_error(ec, invalid + ep.address + "'");
    const tcp::endpoint endpoint(address, ep.port);
    const auto where = cannot + endpoint_text(endpoint);
    auto acceptor = std::make_unique<tcp::acceptor>(strand);
    acceptor->open(endpoint.protocol(), ec);
    if (ec) throw std::system_error(ec, where);
    if (address.is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
    acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    acceptor->bind(endpoint, ec);
    if (ec) throw std::system_error(ec, where);
    acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::system_error(ec, where);
    const auto local = acceptor->local_endpoint();
    out.bound.push_back(Endpoint{local.address().to_string(), local.port()});
    out.acceptors.push_back(std::move(acceptor));
  }
  return out;
}

}  // namespace jemhead::net
