#pragma once
// A-XDR length/count fields (the BER-style form DLMS uses for array and structure counts
// and for string lengths): below 0x80 one byte; otherwise 0x80 | n followed by n
// big-endian bytes. The encoder writes 0x81, 0x82 or 0x84 as DLMS implementations do
// (never 0x83); the decoder also accepts 0x83 and non-minimal forms unless strict.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jemhead::dlms::axdr {

// Throws EncodeError above 0xFFFFFFFF.
void encode_length(std::size_t length, std::vector<std::uint8_t>& out);
std::size_t encoded_length_size(std::size_t length);

struct LengthField {
  std::size_t value = 0;
  std::size_t size = 0;   // bytes the field occupied
  bool canonical = true;  // exactly what encode_length writes for `value`
};

// Reads the field at bytes[offset]. Errors (DecodeError) report base_offset + offset.
LengthField decode_length(std::span<const std::uint8_t> bytes, std::size_t offset,
                          std::size_t base_offset = 0);

}  // namespace jemhead::dlms::axdr
