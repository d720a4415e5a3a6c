#pragma once
// Listen addresses as written in the configuration ("127.0.0.1:8080", "[::1]:8080") and
// the URLs clients use to reach them ("http://[::1]:8080").
#include <optional>
#include <string>
#include <string_view>

#include "net/http_server.hpp"

namespace jemhead::service {

// Parses "ipv4:port" or "[ipv6]:port". The host must be an IP literal: the server binds
// it directly, and a name that resolves differently tomorrow is not an address.
// On failure returns nullopt and sets `problem`.
std::optional<net::Endpoint> parse_listen_address(std::string_view text, std::string& problem);

std::string listen_address_text(const net::Endpoint& endpoint);  // "[::1]:8080"
std::string http_url(const net::Endpoint& endpoint);             // "http://[::1]:8080"

}  // namespace jemhead::service
