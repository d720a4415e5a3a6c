#pragma once
// A-XDR decoding of COSEM Data from a byte span: an explicit parser that checks every
// length against the bytes that remain before allocating, limits nesting depth, element
// count and input size, and reports failures as DecodeError with the byte offset.
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/protocol/dlms/axdr/data.hpp"

namespace jemhead::dlms::axdr {

struct DecodeOptions {
  // Containers (array, structure, compact-array and nested type descriptions) inside one
  // another; the 17th level fails with depth_exceeded.
  std::size_t max_depth = 16;
  // Values in one decode, every nested value and compact-array element counted. A month
  // of 15-minute load profile with 16 channels is about 54,000 values.
  std::size_t max_elements = 1'000'000;
  std::size_t max_input_bytes = 16u * 1024u * 1024u;
  // Refuse what the encoder would never write (non-minimal lengths, length form 0x83,
  // boolean bytes other than 00/01), so whatever decodes re-encodes byte for byte.
  bool strict = false;
  // Added to every reported offset, for callers decoding a slice of a larger APDU.
  std::size_t base_offset = 0;
};

struct DecodeResult {
  Data value;
  std::size_t consumed = 0;
};

// Exactly one value filling the whole span (trailing bytes are an error).
Data decode(std::span<const std::uint8_t> bytes, const DecodeOptions& options = {});

// One value at the start of the span; the rest is left to the caller.
DecodeResult decode_prefix(std::span<const std::uint8_t> bytes, const DecodeOptions& options = {});

}  // namespace jemhead::dlms::axdr
