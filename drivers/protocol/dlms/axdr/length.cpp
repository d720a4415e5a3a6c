#include "drivers/protocol/dlms/axdr/length.hpp"

#include <string>

#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms::axdr {

std::size_t encoded_length_size(std::size_t length) {
  if (length < 0x80) return 1;
  if (length <= 0xFF) return 2;
  if (length <= 0xFFFF) return 3;
  return 5;
}

void encode_length(std::size_t length, std::vector<std::uint8_t>& out) {
  if (length > 0xFFFFFFFFu)
    throw EncodeError("length " + std::to_string(length) + " exceeds the 4-byte length form");
  const std::size_t size = encoded_length_size(length);
  if (size == 1) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  const std::size_t digits = size - 1;
  out.push_back(static_cast<std::uint8_t>(0x80u | digits));
  for (std::size_t i = digits; i-- > 0;)
    out.push_back(static_cast<std::uint8_t>((length >> (8 * i)) & 0xFFu));
}

LengthField decode_length(std::span<const std::uint8_t> bytes, std::size_t offset,
                          std::size_t base_offset) {
  if (offset >= bytes.size())
    throw DecodeError(DecodeErrc::truncated, base_offset + offset, "length field missing");
  const std::uint8_t first = bytes[offset];
  if (first < 0x80) return {first, 1, true};
  const std::size_t digits = first & 0x7Fu;
  if (digits == 0 || digits > 4)
    throw DecodeError(DecodeErrc::bad_length, base_offset + offset,
                      "length form 0x" + std::string(1, "0123456789ABCDEF"[first >> 4]) +
                          std::string(1, "0123456789ABCDEF"[first & 0xF]) + " not supported");
  if (bytes.size() - offset - 1 < digits)
    throw DecodeError(DecodeErrc::truncated, base_offset + offset,
                      "length field needs " + std::to_string(digits + 1) + " bytes, " +
                          std::to_string(bytes.size() - offset) + " remain");
  std::size_t value = 0;
  for (std::size_t i = 0; i < digits; ++i) value = (value << 8) | bytes[offset + 1 + i];
  return {value, digits + 1, digits + 1 == encoded_length_size(value)};
}

}  // namespace jemhead::dlms::axdr
