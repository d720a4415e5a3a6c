#include "drivers/protocol/dlms/apdu/axdr_length.hpp"

#include <string>

namespace jemhead::dlms::apdu::detail {

namespace {

void put_long_form(Bytes& out, std::size_t length) {
  int n = 1;
  while (n < 4 && (length >> (8 * n)) != 0) ++n;
  out.push_back(static_cast<std::uint8_t>(0x80 | n));
  for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
}

bool read_long_form(ByteReader& r, std::uint8_t first, std::size_t& length, std::string_view what) {
  const int n = first & 0x7F;
  if (n == 0 || n > 4)
    return r.fail(ApduError::bad_length, std::string(what) + ": length form 0x" +
                                             std::to_string(first) + " not supported");
  length = 0;
  for (int i = 0; i < n; ++i) {
    std::uint8_t b = 0;
    if (!r.u8(b, what)) return false;
    length = (length << 8) | b;
  }
  return true;
}

// Fixed content sizes of the simple Data types (Green Book Data CHOICE); -1 = not simple.
int fixed_size(std::uint8_t tag) {
  switch (tag) {
    case 0:
    case 255: return 0;  // null-data, dont-care
    case 3:
    case 13:
    case 15:
    case 17:
    case 22: return 1;  // boolean, bcd, integer, unsigned, enum
    case 16:
    case 18: return 2;  // long, long-unsigned
    case 5:
    case 6:
    case 23:
    case 27: return 4;  // double-long(-unsigned), float32, time
    case 26: return 5;  // date
    case 20:
    case 21:
    case 24: return 8;   // long64(-unsigned), float64
    case 25: return 12;  // date-time
    default: return -1;
  }
}

bool skip_type_description(ByteReader& r, int depth) {
  if (depth > kMaxDataDepth) return r.fail(ApduError::too_deep, "compact-array type nesting");
  std::uint8_t tag = 0;
  if (!r.u8(tag, "type description")) return false;
  if (tag == 1) {  // array: element count then one element type
    std::uint16_t count = 0;
    return r.u16(count, "compact-array count") && skip_type_description(r, depth + 1);
  }
  if (tag == 2) {  // structure: number of members then each member's type
    std::size_t members = 0;
    if (!read_axdr_length(r, members, "compact-array structure")) return false;
    if (members > r.remaining()) return r.fail(ApduError::bad_length, "structure type count");
    for (std::size_t i = 0; i < members; ++i)
      if (!skip_type_description(r, depth + 1)) return false;
    return true;
  }
  if (fixed_size(tag) >= 0 || tag == 4 || tag == 9 || tag == 10 || tag == 12) return true;
  return r.fail(ApduError::bad_value, "unknown type description tag " + std::to_string(tag));
}

}  // namespace

void put_axdr_length(Bytes& out, std::size_t length) {
  if (length < 0x80)
    out.push_back(static_cast<std::uint8_t>(length));
  else
    put_long_form(out, length);
}

bool read_axdr_length(ByteReader& r, std::size_t& length, std::string_view what) {
  std::uint8_t first = 0;
  if (!r.u8(first, what)) return false;
  if (first < 0x80) {
    length = first;
    return true;
  }
  return read_long_form(r, first, length, what);
}

void put_ber_length(Bytes& out, std::size_t length) {
  put_axdr_length(out, length);
}

bool read_ber_length(ByteReader& r, std::size_t& length, std::string_view what) {
  std::uint8_t first = 0;
  if (!r.u8(first, what)) return false;
  if (first < 0x80) {
    length = first;
    return true;
  }
  if (!read_long_form(r, first, length, what)) return false;
  if (length > r.remaining())
    return r.fail(ApduError::bad_length, std::string(what) + ": length " + std::to_string(length) +
                                             " exceeds the " + std::to_string(r.remaining()) +
                                             " byte(s) left");
  return true;
}

bool skip_data(ByteReader& r, int depth) {
  if (depth > kMaxDataDepth)
    return r.fail(ApduError::too_deep, "Data nested deeper than " + std::to_string(kMaxDataDepth));
  const std::size_t at = r.offset();
  std::uint8_t tag = 0;
  if (!r.u8(tag, "Data tag")) return false;
  if (const int size = fixed_size(tag); size >= 0) {
    ByteView ignored;
    return r.take(static_cast<std::size_t>(size), ignored, "Data value");
  }
  std::size_t length = 0;
  ByteView ignored;
  switch (tag) {
    case 1:    // array
    case 2: {  // structure
      if (!read_axdr_length(r, length, "element count")) return false;
      // Every element is at least one byte: a bigger count cannot be genuine.
      if (length > r.remaining())
        return r.fail_at(ApduError::bad_length, at,
                         std::to_string(length) + " elements but " + std::to_string(r.remaining()) +
                             " byte(s) left");
      for (std::size_t i = 0; i < length; ++i)
        if (!skip_data(r, depth + 1)) return false;
      return true;
    }
    case 4:  // bit-string: length in bits
      if (!read_axdr_length(r, length, "bit-string length")) return false;
      return r.take((length + 7) / 8, ignored, "bit-string");
    case 9:   // octet-string
    case 10:  // visible-string
    case 12:  // utf8-string
      if (!read_axdr_length(r, length, "string length")) return false;
      return r.take(length, ignored, "string");
    case 19:  // compact-array: type description, then contents as an octet string
      if (!skip_type_description(r, depth + 1)) return false;
      if (!read_axdr_length(r, length, "compact-array length")) return false;
      return r.take(length, ignored, "compact-array contents");
    default: return r.fail_at(ApduError::bad_value, at, "unknown Data tag " + std::to_string(tag));
  }
}

bool is_single_data(ByteView bytes) {
  ByteReader r(bytes);
  return skip_data(r) && r.at_end();
}

}  // namespace jemhead::dlms::apdu::detail
