#pragma once
// SHA-256 of a file's bytes as lower-case hex, for the truth endpoint (OpenSSL).
#include <string>
#include <string_view>

namespace jemhead::sim {

std::string sha256_hex(std::string_view bytes);

}  // namespace jemhead::sim
