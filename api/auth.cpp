#include "api/auth.hpp"

#include <openssl/crypto.h>

#include <cctype>

#include "core/digest/sha256.hpp"

namespace jemhead::api {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

// One SHA-256 helper in the tree (storage/sha256.hpp), shared with content addressing.
std::string sha256_hex(std::string_view data) {
  return digest::sha256_hex(data);
}

std::optional<Principal> authenticate(const std::vector<ApiToken>& tokens,
                                      std::string_view authorization_header) {
  auto header = trim(authorization_header);
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || !iequals(header.substr(0, kScheme.size()), kScheme) ||
      header[kScheme.size()] != ' ')
    return std::nullopt;
  const auto token = trim(header.substr(kScheme.size() + 1));
  // Refuse absurd lengths before hashing; real tokens are a few dozen characters.
  if (token.empty() || token.size() > 4096) return std::nullopt;

  // Comparing hex digests of equal length in constant time, and visiting every configured
  // token, means neither the timing nor the position of a match reveals anything.
  const auto presented = sha256_hex(token);
  std::optional<Principal> found;
  for (const auto& t : tokens) {
    if (t.sha256_hex.size() != presented.size()) continue;
    if (CRYPTO_memcmp(t.sha256_hex.data(), presented.data(), presented.size()) == 0 && !found)
      found = Principal{t.name, t.role};
  }
  return found;
}

}  // namespace jemhead::api
