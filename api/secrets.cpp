#include "api/secrets.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace jemhead::api {

namespace json = boost::json;

bool is_secret_key(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 6> kMarkers{"password", "passwd", "secret",
                                                            "token",    "key",    "credential"};
  return std::any_of(kMarkers.begin(), kMarkers.end(),
                     [&](std::string_view m) { return lower.find(m) != std::string::npos; });
}

json::value redact_secrets(json::value v) {
  if (v.is_object()) {
    for (auto& [key, value] : v.as_object())
      value = is_secret_key(key) ? json::value(kRedacted) : redact_secrets(std::move(value));
  } else if (v.is_array()) {
    for (auto& item : v.as_array()) item = redact_secrets(std::move(item));
  }
  return v;
}

void restore_redacted(json::object& incoming, const json::object& stored) {
  for (auto& [key, value] : incoming) {
    if (!is_secret_key(key)) {
      const auto* old = stored.if_contains(key);
      if (value.is_object() && old && old->is_object())
        restore_redacted(value.as_object(), old->as_object());
      continue;
    }
    if (value.is_string() && value.as_string() == kRedacted) {
      if (const auto* old = stored.if_contains(key)) value = *old;
    }
  }
}

}  // namespace jemhead::api
