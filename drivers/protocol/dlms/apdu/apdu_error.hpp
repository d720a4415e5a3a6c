#pragma once
// Decoding problems shared by every APDU decoder. Decoders treat their input as hostile:
// they never throw and never read past the span; a problem is a value that says what was
// wrong and at which byte offset of the APDU, so a log line points at the culprit.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jemhead::dlms::apdu {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

enum class ApduError {
  empty,
  truncated,           // a field runs past the end of the APDU
  trailing_bytes,      // the APDU holds more than its structure describes
  unexpected_tag,      // the APDU (or a field) is not the one expected here
  unsupported_choice,  // a valid CHOICE we do not implement (e.g. with-list)
  bad_length,          // BER/A-XDR length malformed or inconsistent with its container
  bad_value,           // a field's value is outside its range (e.g. result 7)
  too_deep,            // A-XDR Data nested deeper than we accept
};

struct DecodeError {
  ApduError code = ApduError::empty;
  std::size_t offset = 0;  // byte offset in the APDU where the problem was found
  std::string detail;
  bool operator==(const DecodeError&) const = default;
};

// A decoder's outcome: the value, or why there is none.
template <typename T>
using Decoded = std::variant<T, DecodeError>;

std::string_view to_text(ApduError error);
std::string describe(const DecodeError& error);  // "truncated at offset 12: block number"

}  // namespace jemhead::dlms::apdu
