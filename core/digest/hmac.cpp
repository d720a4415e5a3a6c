#include "core/digest/hmac.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace jemhead::digest {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // OpenSSL reads a null key pointer as "no key given"; an empty key is still a key.
  static const unsigned char kNoBytes = 0;
  const auto* key_bytes =
      key.empty() ? &kNoBytes : reinterpret_cast<const unsigned char*>(key.data());
  const auto* data =
      message.empty() ? &kNoBytes : reinterpret_cast<const unsigned char*>(message.data());
  if (!HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), data, message.size(), mac,
            &length))
    throw std::runtime_error("HMAC-SHA256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 0x0f]);
  }
  return out;
}

}  // namespace jemhead::digest
