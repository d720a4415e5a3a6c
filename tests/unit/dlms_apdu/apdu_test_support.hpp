#pragma once
// Hex helpers and decode accessors for the DLMS APDU tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "drivers/protocol/dlms/apdu/apdu_error.hpp"

namespace jemhead::dlms::apdu::test {

// "60 36 A1" -> bytes; spaces ignored.
inline Bytes hex(const std::string& text) {
  Bytes out;
  std::string digits;
  for (char c : text)
    if (c != ' ' && c != '\n') digits += c;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
  return out;
}

template <typename T>
T value_of(const Decoded<T>& decoded) {
  if (const auto* error = std::get_if<DecodeError>(&decoded)) {
    ADD_FAILURE() << "unexpected decode error: " << describe(*error);
    return T{};
  }
  return std::get<T>(decoded);
}

template <typename T>
DecodeError error_of(const Decoded<T>& decoded) {
  if (const auto* error = std::get_if<DecodeError>(&decoded)) return *error;
  ADD_FAILURE() << "decoded although an error was expected";
  return {};
}

}  // namespace jemhead::dlms::apdu::test
