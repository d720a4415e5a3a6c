#pragma once
// Base64 (RFC 4648 §4, the standard alphabet) through OpenSSL: SMTP AUTH exchanges
// (RFC 4954) and HTTP Basic credentials (RFC 7617), one implementation for api and sim.
// Decoding is strict, since both callers face credentials: text that is not clean base64
// is refused, not guessed at.
#include <optional>
#include <string>
#include <string_view>

namespace jemhead::digest {

// Padded, no line breaks.
std::string base64_encode(std::string_view bytes);
// Padding is optional, but when present it must be complete ("Zg==", not "Zg="); leftover
// bits must be zero (the canonical encoding); any character outside the alphabet,
// whitespace included, or an impossible length gives nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace jemhead::digest
