#include "engine/webhook_url.hpp"

#include <cctype>
#include <charconv>

namespace jemhead::engine {

namespace {

std::optional<WebhookUrl> fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return std::nullopt;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

}  // namespace

std::optional<WebhookUrl> parse_webhook_url(std::string_view url, std::string* why) {
  if (url.size() > kWebhookUrlMaxBytes)
    return fail(why, "at most " + std::to_string(kWebhookUrlMaxBytes) + " bytes");
  // The target goes into the request line as is: no byte may end or split it.
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return fail(why, "must not contain spaces, control or non-ASCII characters");
  WebhookUrl out;
  if (starts_with_nocase(url, "https://")) {
    out.https = true;
    url.remove_prefix(8);
  } else if (starts_with_nocase(url, "http://")) {
    url.remove_prefix(7);
  } else {
    return fail(why, "must be an absolute http:// or https:// URL");
  }
  if (const auto hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  const auto end = url.find_first_of("/?");
  auto authority = url.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? std::string_view{} : url.substr(end);
  if (authority.find('@') != std::string_view::npos)
    return fail(why, "must not hold credentials (use the subscription's secret)");
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail(why, "has an unclosed '[' in its host");
    out.host = std::string(authority.substr(1, close - 1));
    for (char c : out.host)
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
        return fail(why, "has a bad IPv6 address");
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail(why, "has text after its IPv6 address");
      port_text = after.substr(1);
      if (port_text.empty()) return fail(why, "has an empty port");
    }
  } else {
    const auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return fail(why, "has an empty port");
    }
    for (char c : out.host)
      if (!host_char(c)) return fail(why, "has a bad host name");
  }
  if (out.host.empty()) return fail(why, "has no host");
  out.port = out.https ? 443 : 80;
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto* last = port_text.data() + port_text.size();
    auto [p, ec] = std::from_chars(port_text.data(), last, port);
    if (ec != std::errc{} || p != last || port == 0 || port > 65535)
      return fail(why, "has a bad port (1 to 65535)");
    out.port = static_cast<std::uint16_t>(port);
  }
  if (rest.empty() || rest.front() == '?') out.target.push_back('/');
  out.target += rest;
  return out;
}

}  // namespace jemhead::engine
