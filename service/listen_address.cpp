#include "service/listen_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace jemhead::service {

namespace {

bool is_ipv4(const std::string& host) {
  in_addr a{};
  return inet_pton(AF_INET, host.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& host) {
  in6_addr a{};
  return inet_pton(AF_INET6, host.c_str(), &a) == 1;
}

}  // namespace

std::optional<net::Endpoint> parse_listen_address(std::string_view text, std::string& problem) {
  const std::string_view expected =
      "must be \"ip:port\" or \"[ipv6]:port\", e.g. \"127.0.0.1:8080\" or \"[::1]:8080\"";
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    problem = expected;
    return std::nullopt;
  }
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);

  const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  const std::string host_str(host);
  if (bracketed ? !is_ipv6(host_str) : !is_ipv4(host_str)) {
    problem = std::string(expected) +
              (!bracketed && is_ipv6(host_str) ? " (IPv6 addresses go in brackets)" : "");
    return std::nullopt;
  }

  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
    problem = "port must be an integer between 0 and 65535 (0 = ephemeral)";
    return std::nullopt;
  }
  return net::Endpoint{host_str, static_cast<std::uint16_t>(port)};
}

std::string listen_address_text(const net::Endpoint& endpoint) {
  const bool v6 = endpoint.address.find(':') != std::string::npos;
  return (v6 ? "[" + endpoint.address + "]" : endpoint.address) + ":" +
         std::to_string(endpoint.port);
}

std::string http_url(const net::Endpoint& endpoint) {
  return "http://" + listen_address_text(endpoint);
}

}  // namespace jemhead::service
