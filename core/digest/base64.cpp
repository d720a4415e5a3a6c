#include "core/digest/base64.hpp"

#include <openssl/evp.h>

#include <algorithm>

namespace jemhead::digest {

namespace {

// EVP_EncodeBlock and EVP_DecodeBlock take an int length: large inputs go in chunks of
// whole 3-byte (encode) or 4-character (decode) groups.
constexpr std::size_t kEncodeChunk = 3 * 16 * 1024;
constexpr std::size_t kDecodeChunk = 4 * 16 * 1024;

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out((bytes.size() + 2) / 3 * 4, '\0');
  std::size_t written = 0;
  // +1: EVP_EncodeBlock writes a terminating NUL after each chunk.
  std::string chunk_out(kEncodeChunk / 3 * 4 + 1, '\0');
  while (!bytes.empty()) {
    const auto chunk = bytes.substr(0, kEncodeChunk);
    bytes.remove_prefix(chunk.size());
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(chunk_out.data()),
                                  bytes_of(chunk), static_cast<int>(chunk.size()));
    std::copy_n(chunk_out.data(), n, out.data() + written);
    written += static_cast<std::size_t>(n);
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  // EVP_DecodeBlock is lenient (it skips surrounding whitespace, takes '=' anywhere, ignores
  // non-zero leftover bits) and always yields whole 3-byte groups, so the text is checked
  // here and the bytes that stand for padding are cut off afterwards.
  std::size_t pad = 0;
  while (!text.empty() && text.back() == '=' && pad < 2) {
    text.remove_suffix(1);
    ++pad;
  }
  const std::size_t tail = text.size() % 4;  // characters in the last, partial group
  if (tail == 1 || (pad > 0 && tail + pad != 4)) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return sextet(c) >= 0; }))
    return std::nullopt;
  // The last character of a partial group carries bits beyond the final byte: 4 of them
  // after two characters, 2 after three. They must be zero.
  if (tail == 2 && (sextet(text.back()) & 0x0f) != 0) return std::nullopt;
  if (tail == 3 && (sextet(text.back()) & 0x03) != 0) return std::nullopt;

  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::string chunk_out(kDecodeChunk / 4 * 3, '\0');
  const auto decode = [&](std::string_view groups) {
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(chunk_out.data()),
                                  bytes_of(groups), static_cast<int>(groups.size()));
    out.append(chunk_out.data(), static_cast<std::size_t>(std::max(n, 0)));
  };
  std::string_view whole = text.substr(0, text.size() - tail);
  while (!whole.empty()) {
    decode(whole.substr(0, kDecodeChunk));
    whole.remove_prefix(std::min(whole.size(), kDecodeChunk));
  }
  if (tail > 0) {
    // The partial group, padded: it decodes to 3 bytes of which tail - 1 are real.
    std::string last(text.substr(text.size() - tail));
    last.append(4 - tail, '=');
    decode(last);
    out.resize(out.size() - (4 - tail));
  }
  return out;
}

}  // namespace jemhead::digest
