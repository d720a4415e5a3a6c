#pragma once
// Strict base64 decoding for values a configuration document carries as text (the display
// logo BMP). Boost 1.81 has no public base64 decoder (Beast's is in `detail`, Serialization's
// iterators neither check padding nor reject stray characters), and jemhead_config stays
// free of OpenSSL, so the decoder lives here.
#include <optional>
#include <string>
#include <string_view>

namespace jemhead::config {

// RFC 4648 §4 (standard alphabet, padded): the length is a multiple of 4 and '=' appears
// only as the last one or two characters. nullopt for anything else.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace jemhead::config
