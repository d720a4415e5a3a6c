#pragma once
// A-XDR encoding of COSEM Data: tag, then the value (big-endian integers, IEEE 754
// floats, length-prefixed strings and counts). Output is canonical: the decoder in strict
// mode accepts exactly what this writes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "drivers/protocol/dlms/axdr/data.hpp"

namespace jemhead::dlms::axdr {

// Throws EncodeError for a value nested deeper than max_depth containers or a
// compact-array element that does not match its description.
std::vector<std::uint8_t> encode(const Data& value, std::size_t max_depth = 16);
void encode_to(const Data& value, std::vector<std::uint8_t>& out, std::size_t max_depth = 16);

}  // namespace jemhead::dlms::axdr
