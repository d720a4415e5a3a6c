#pragma once
// HMAC-SHA256 (RFC 2104) through OpenSSL, as lower-case hex: the signature of outbound
// webhook requests, which subscribers recompute with the shared secret.
#include <string>
#include <string_view>

namespace jemhead::digest {

std::string hmac_sha256_hex(std::string_view key, std::string_view message);

}  // namespace jemhead::digest
