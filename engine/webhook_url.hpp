#pragma once
// Where a webhook subscriber wants its POSTs: an absolute http or https URL, parsed once
// by the API (to refuse a bad one when it is written) and by the dispatcher (to connect).
// Credentials in the URL are refused: the URL is shown to every viewer, the secret is not.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jemhead::engine {

inline constexpr std::size_t kWebhookUrlMaxBytes = 2048;

struct WebhookUrl {
  bool https = false;
  std::string host;        // a name or an IP address; IPv6 without its brackets
  std::uint16_t port = 0;  // 80 / 443 unless the URL names one
  std::string target;      // path and query, "/" at least
};

// nullopt with `why` set when `url` is not one we can POST to.
std::optional<WebhookUrl> parse_webhook_url(std::string_view url, std::string* why = nullptr);

}  // namespace jemhead::engine
