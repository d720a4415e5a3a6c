#include "api/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace jemhead::api {

namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Digest out{};
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size())
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  return out;
}

std::string to_hex(const Digest& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(d.size() * 2);
  for (unsigned char b : d) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0f]);
  }
  return out;
}

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

std::string sha256_hex(std::string_view data) {
  return to_hex(sha256(data));
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
