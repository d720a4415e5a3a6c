// Every decoder failure: its code, its byte offset and its message.
#include <gtest/gtest.h>

#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "tests/unit/dlms_axdr/hex.hpp"

namespace jemhead::dlms::axdr {
namespace {

using test::hex;

DecodeError failure(const std::vector<std::uint8_t>& bytes, DecodeOptions options = {}) {
  try {
    (void)decode(bytes, options);
  } catch (const DecodeError& e) {
    return e;
  }
  ADD_FAILURE() << "decoded without error";
  return DecodeError(DecodeErrc::truncated, 999999, "none");
}

std::vector<std::uint8_t> nested_arrays(int levels) {
  std::vector<std::uint8_t> out;
  for (int i = 0; i < levels - 1; ++i) out.insert(out.end(), {0x01, 0x01});
  out.insert(out.end(), {0x01, 0x00});
  return out;
}

TEST(DlmsAxdrDecodeErrors, EmptyInputIsTruncatedAtZero) {
  const auto e = failure({});
  EXPECT_EQ(e.code(), DecodeErrc::truncated);
  EXPECT_EQ(e.offset(), 0u);
  EXPECT_STREQ(e.what(), "type tag needs 1 bytes, 0 remain at offset 0");
}

TEST(DlmsAxdrDecodeErrors, UnknownTagReportsItsOffset) {
  EXPECT_EQ(failure(hex("07")).code(), DecodeErrc::unknown_tag);
  const auto e = failure(hex("01 02 11 05 08"));
  EXPECT_EQ(e.code(), DecodeErrc::unknown_tag);
  EXPECT_EQ(e.offset(), 4u);
  EXPECT_STREQ(e.what(), "unknown type tag 0x08 at offset 4");
}

TEST(DlmsAxdrDecodeErrors, TruncatedFixedSizeValue) {
  const auto e = failure(hex("06 00 00"));
  EXPECT_EQ(e.code(), DecodeErrc::truncated);
  EXPECT_EQ(e.offset(), 1u);
  EXPECT_STREQ(e.what(), "double-long-unsigned needs 4 bytes, 2 remain at offset 1");
  EXPECT_EQ(failure(hex("19 07 E8 06")).offset(), 1u);
  EXPECT_EQ(failure(hex("18 00")).code(), DecodeErrc::truncated);
}

TEST(DlmsAxdrDecodeErrors, UnsupportedLengthForms) {
  auto e = failure(hex("09 80"));
  EXPECT_EQ(e.code(), DecodeErrc::bad_length);
  EXPECT_EQ(e.offset(), 1u);
  EXPECT_STREQ(e.what(), "length form 0x80 not supported at offset 1");
  EXPECT_EQ(failure(hex("09 85 00 00 00 00 01 AA")).code(), DecodeErrc::bad_length);
  e = failure(hex("09 82 01"));
  EXPECT_EQ(e.code(), DecodeErrc::truncated);
  EXPECT_EQ(e.offset(), 1u);
  EXPECT_EQ(failure(hex("09")).code(), DecodeErrc::truncated);
}

TEST(DlmsAxdrDecodeErrors, ArrayLengthBeyondTheInput) {
  std::vector<std::uint8_t> bytes = hex("01 82 13 88");
  bytes.resize(bytes.size() + 12, 0x00);
  const auto e = failure(bytes);
  EXPECT_EQ(e.code(), DecodeErrc::length_exceeds_remaining);
  EXPECT_EQ(e.offset(), 4u);
  EXPECT_STREQ(e.what(), "array length 5000 exceeds remaining 12 bytes at offset 4");
}

TEST(DlmsAxdrDecodeErrors, StringAndBitStringLengthsBeyondTheInput) {
  auto e = failure(hex("09 05 01 02"));
  EXPECT_EQ(e.code(), DecodeErrc::length_exceeds_remaining);
  EXPECT_EQ(e.offset(), 2u);
  EXPECT_STREQ(e.what(), "octet-string length 5 exceeds remaining 2 bytes at offset 2");
  EXPECT_EQ(failure(hex("0A 84 FF FF FF FF")).code(), DecodeErrc::length_exceeds_remaining);
  e = failure(hex("04 11 FF FF"));  // 17 bits need 3 bytes
  EXPECT_EQ(e.code(), DecodeErrc::length_exceeds_remaining);
  EXPECT_EQ(e.offset(), 2u);
  EXPECT_NO_THROW(decode(hex("04 10 FF FF")));
}

TEST(DlmsAxdrDecodeErrors, DepthLimitAllowsSixteenAndRefusesSeventeen) {
  EXPECT_NO_THROW(decode(nested_arrays(16)));
  const auto e = failure(nested_arrays(17));
  EXPECT_EQ(e.code(), DecodeErrc::depth_exceeded);
  EXPECT_EQ(e.offset(), 32u);  // the 17th array's tag
  EXPECT_STREQ(e.what(), "array nested deeper than 16 levels at offset 32");
  DecodeOptions shallow;
  shallow.max_depth = 2;
  EXPECT_EQ(failure(hex("02 01 02 01 02 00"), shallow).code(), DecodeErrc::depth_exceeded);
  EXPECT_NO_THROW(decode(hex("02 01 02 00"), shallow));
}

TEST(DlmsAxdrDecodeErrors, DeepInputFailsWithoutExhaustingTheStack) {
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 100000; ++i) bytes.insert(bytes.end(), {0x02, 0x01});
  EXPECT_EQ(failure(bytes).code(), DecodeErrc::depth_exceeded);
}

TEST(DlmsAxdrDecodeErrors, ElementLimit) {
  DecodeOptions small;
  small.max_elements = 3;
  EXPECT_NO_THROW(decode(hex("01 02 00 00"), small));
  const auto e = failure(hex("01 03 00 00 00"), small);
  EXPECT_EQ(e.code(), DecodeErrc::too_many_elements);
  EXPECT_EQ(e.offset(), 2u);
  // Nested values count too, not only the top-level array's length.
  EXPECT_EQ(failure(hex("01 02 01 01 00 00"), small).code(), DecodeErrc::too_many_elements);
}

TEST(DlmsAxdrDecodeErrors, InputSizeLimit) {
  DecodeOptions small;
  small.max_input_bytes = 4;
  const auto e = failure(hex("06 00 00 12 34"), small);
  EXPECT_EQ(e.code(), DecodeErrc::input_too_large);
  EXPECT_EQ(e.offset(), 0u);
}

TEST(DlmsAxdrDecodeErrors, TrailingBytesAfterTheValue) {
  const auto e = failure(hex("11 01 00"));
  EXPECT_EQ(e.code(), DecodeErrc::trailing_bytes);
  EXPECT_EQ(e.offset(), 2u);
  EXPECT_STREQ(e.what(), "1 bytes after the value at offset 2");
  const auto prefix = decode_prefix(hex("11 01 00"));
  EXPECT_EQ(prefix.value, Data::make_unsigned(1));
  EXPECT_EQ(prefix.consumed, 2u);
}

TEST(DlmsAxdrDecodeErrors, StrictModeRefusesNonCanonicalForms) {
  DecodeOptions strict;
  strict.strict = true;
  auto e = failure(hex("09 81 02 AA BB"), strict);  // 2 fits the short form
  EXPECT_EQ(e.code(), DecodeErrc::non_canonical);
  EXPECT_EQ(e.offset(), 1u);
  EXPECT_EQ(failure(hex("01 82 00 01 00"), strict).code(), DecodeErrc::non_canonical);
  e = failure(hex("03 FF"), strict);
  EXPECT_EQ(e.code(), DecodeErrc::non_canonical);
  EXPECT_EQ(e.offset(), 1u);
  // The same inputs decode leniently.
  EXPECT_EQ(decode(hex("09 81 02 AA BB")), Data::make_octet_string({0xAA, 0xBB}));
  EXPECT_EQ(decode(hex("01 82 00 01 00")), Data::make_array({Data()}));
}

TEST(DlmsAxdrDecodeErrors, BaseOffsetShiftsReportedOffsets) {
  DecodeOptions options;
  options.base_offset = 100;
  const auto e = failure(hex("06 00"), options);
  EXPECT_EQ(e.offset(), 101u);
}

TEST(DlmsAxdrDecodeErrors, CompactArrayFailures) {
  auto e = failure(hex("13 13 00"));
  EXPECT_EQ(e.code(), DecodeErrc::bad_compact_array);
  EXPECT_EQ(e.offset(), 1u);
  e = failure(hex("13 00 01 AA"));  // null-data elements cannot fill one byte
  EXPECT_EQ(e.code(), DecodeErrc::bad_compact_array);
  EXPECT_EQ(e.offset(), 3u);
  e = failure(hex("13 12 03 00 01 02"));  // second long-unsigned has one byte
  EXPECT_EQ(e.code(), DecodeErrc::truncated);
  EXPECT_EQ(e.offset(), 5u);
  e = failure(hex("13 01 FF FF 06 04 00 00 00 01"));
  EXPECT_EQ(e.code(), DecodeErrc::length_exceeds_remaining);
  EXPECT_EQ(e.offset(), 6u);
  EXPECT_STREQ(e.what(),
               "compact-array element array needs at least 262140 bytes, 4 remain at offset 6");
  EXPECT_EQ(failure(hex("13 06 05 00 00 00 01")).code(), DecodeErrc::length_exceeds_remaining);
  EXPECT_EQ(failure(hex("13 07 00")).code(), DecodeErrc::unknown_tag);
  EXPECT_EQ(failure(hex("13 01 00")).code(), DecodeErrc::truncated);
}

TEST(DlmsAxdrDecodeErrors, CompactArrayOfZeroSizeArraysIsBoundedByTheElementLimit) {
  // structure{array[65535] of array[65535] of null-data, unsigned}: one content byte
  // would describe four billion values.
  DecodeOptions small;
  small.max_elements = 1000;
  const auto e = failure(hex("13 02 02 01 FF FF 01 FF FF 00 11 01 07"), small);
  EXPECT_EQ(e.code(), DecodeErrc::too_many_elements);
}

TEST(DlmsAxdrDecodeErrors, CompactArrayDescriptionDepthIsLimited) {
  std::vector<std::uint8_t> bytes{0x13};
  for (int i = 0; i < 20; ++i) bytes.insert(bytes.end(), {0x01, 0x00, 0x01});
  bytes.insert(bytes.end(), {0x11, 0x00});
  EXPECT_EQ(failure(bytes).code(), DecodeErrc::depth_exceeded);
}

}  // namespace
}  // namespace jemhead::dlms::axdr
