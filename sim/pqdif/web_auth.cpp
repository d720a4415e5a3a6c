#include "sim/pqdif/web_auth.hpp"

#include <cstdint>

namespace jemhead::sim {

namespace {

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const int v = sextet(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

const WebUser* authenticate(const WebServerSpec& spec, std::string_view authorization) {
  constexpr std::string_view kScheme = "basic ";
  if (authorization.size() <= kScheme.size()) return nullptr;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if ((authorization[i] | 0x20) != kScheme[i]) return nullptr;
  auto pair = decode_base64(authorization.substr(kScheme.size()));
  if (!pair) return nullptr;
  const auto colon = pair->find(':');
  if (colon == std::string::npos) return nullptr;
  const std::string_view name = std::string_view(*pair).substr(0, colon);
  const std::string_view password = std::string_view(*pair).substr(colon + 1);
  for (const auto& user : spec.users)
    if (user.name == name && user.password == password) return &user;
  return nullptr;
}

}  // namespace jemhead::sim
