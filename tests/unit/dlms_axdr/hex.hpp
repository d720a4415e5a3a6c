#pragma once
// "06 00 00 12 34" -> bytes, for writing test vectors the way references print them.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jemhead::dlms::axdr::test {

inline std::vector<std::uint8_t> hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::string digits;
  for (char c : text)
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace jemhead::dlms::axdr::test
