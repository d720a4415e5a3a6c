#pragma once
// Base64 (RFC 4648 §4) for SMTP AUTH exchanges (RFC 4954 §4): challenges out, client
// responses in. Decoding is strict: a response that is not clean base64 is a 501, not
// something to guess at.
#include <optional>
#include <string>
#include <string_view>

namespace jemhead::smtp {

std::string base64_encode(std::string_view bytes);
// Padding is optional; any other character, or a bad length, gives nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace jemhead::smtp
