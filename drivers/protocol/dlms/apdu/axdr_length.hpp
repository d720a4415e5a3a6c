#pragma once
// The two length encodings inside an APDU: BER definite lengths (ACSE) and A-XDR lengths
// (xDLMS), plus the minimal A-XDR walk this layer needs to find where one COSEM Data
// element ends. Values stay opaque here: the A-XDR codec (axdr/) interprets them. Internal.
#include <cstddef>
#include <cstdint>

#include "drivers/protocol/dlms/apdu/byte_reader.hpp"

namespace jemhead::dlms::apdu::detail {

// A-XDR length: one byte below 0x80, else 0x80|n followed by n (1..4) big-endian bytes.
void put_axdr_length(Bytes& out, std::size_t length);
bool read_axdr_length(ByteReader& r, std::size_t& length, std::string_view what);

// BER definite length (X.690): short form, or 0x81..0x84 long form. Indefinite (0x80) is
// not allowed in DLMS and is rejected.
void put_ber_length(Bytes& out, std::size_t length);
bool read_ber_length(ByteReader& r, std::size_t& length, std::string_view what);

// Nesting limit for skip_data: the meter's deepest value (an LP buffer: array of
// structures of simple values) needs 3; object_list needs 5.
inline constexpr int kMaxDataDepth = 16;

// Advances past exactly one A-XDR Data element (tag + contents), checking every length
// against the bytes left; fails on unknown tags, truncation and nesting > kMaxDataDepth.
bool skip_data(ByteReader& r, int depth = 0);

// Checks that `bytes` is exactly one Data element (nothing missing, nothing after).
bool is_single_data(ByteView bytes);

}  // namespace jemhead::dlms::apdu::detail
