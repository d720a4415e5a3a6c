// Every COSEM Data type both ways: the bytes decode to the value, the value encodes to
// the bytes, and strict decoding accepts them (they are canonical).
#include <gtest/gtest.h>

#include <cmath>

#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "tests/unit/dlms_axdr/hex.hpp"

namespace jemhead::dlms::axdr {
namespace {

using test::hex;

struct Vector {
  const char* name;
  const char* bytes;
  Data value;
};

std::vector<Vector> vectors() {
  return {
      {"null-data", "00", Data::make_null_data()},
      {"dont-care", "FF", Data::make_dont_care()},
      {"boolean true", "03 01", Data::make_boolean(true)},
      {"boolean false", "03 00", Data::make_boolean(false)},
      {"bit-string 10 bits", "04 0A C0 80",
       Data::make_bit_string(BitString::from_bits(
           {true, true, false, false, false, false, false, false, true, false}))},
      {"double-long -2", "05 FF FF FF FE", Data::make_double_long(-2)},
      // A register value as public DLMS examples show it.
      {"double-long-unsigned 0x1234", "06 00 00 12 34", Data::make_double_long_unsigned(0x1234)},
      {"octet-string OBIS 1.0.1.8.0.255", "09 06 01 00 01 08 00 FF",
       Data::make_octet_string({1, 0, 1, 8, 0, 255})},
      {"visible-string", "0A 03 41 42 43", Data::make_visible_string("ABC")},
      {"utf8-string", "0C 02 C3 A9", Data::make_utf8_string("\xC3\xA9")},
      {"bcd", "0D 12", Data::make_bcd(0x12)},
      {"integer -3", "0F FD", Data::make_integer(-3)},
      {"long -123", "10 FF 85", Data::make_long(-123)},
      {"unsigned 255", "11 FF", Data::make_unsigned(255)},
      {"long-unsigned 0x1234", "12 12 34", Data::make_long_unsigned(0x1234)},
      {"long64 -2", "14 FF FF FF FF FF FF FF FE", Data::make_long64(-2)},
      {"long64-unsigned 2^32", "15 00 00 00 01 00 00 00 00",
       Data::make_long64_unsigned(0x100000000ull)},
      {"enum Wh", "16 1E", Data::make_enum(30)},
      // Km = 2.15625, the manual's LP scaling-factor example (L14354).
      {"float32 2.15625", "17 40 0A 00 00", Data::make_float32(2.15625f)},
      {"float64 2.15625", "18 40 01 40 00 00 00 00 00", Data::make_float64(2.15625)},
      {"date-time", "19 07 E8 06 0F 06 14 17 2D 00 FF 88 80",
       Data::make_date_time(hex("07 E8 06 0F 06 14 17 2D 00 FF 88 80"))},
      {"date", "1A 07 E8 06 0F 06", Data::make_date(hex("07 E8 06 0F 06"))},
      {"time", "1B 14 17 2D 00", Data::make_time(hex("14 17 2D 00"))},
      // A register's scaler_unit {scaler -3, unit Wh}.
      {"scaler_unit structure", "02 02 0F FD 16 1E",
       Data::make_structure({Data::make_integer(-3), Data::make_enum(30)})},
      {"empty array", "01 00", Data::make_array({})},
      {"compact-array of double-long-unsigned", "13 06 0C 00 00 00 01 00 00 00 02 00 00 00 03",
       Data::make_compact_array(
           {TypeDescription::simple(DataType::double_long_unsigned),
            {Data::make_double_long_unsigned(1), Data::make_double_long_unsigned(2),
             Data::make_double_long_unsigned(3)}})},
      {"compact-array of structure{long-unsigned, octet-string}",
       "13 02 02 12 09 08 00 01 02 AA BB 00 02 00",
       Data::make_compact_array(
           {TypeDescription::structure_of({TypeDescription::simple(DataType::long_unsigned),
                                           TypeDescription::simple(DataType::octet_string)}),
            {Data::make_structure(
                 {Data::make_long_unsigned(1), Data::make_octet_string({0xAA, 0xBB})}),
             Data::make_structure({Data::make_long_unsigned(2), Data::make_octet_string({})})}})},
      {"compact-array of array[2] of unsigned", "13 01 00 02 11 04 01 02 03 04",
       Data::make_compact_array(
           {TypeDescription::array_of(2, TypeDescription::simple(DataType::unsigned_)),
            {Data::make_array({Data::make_unsigned(1), Data::make_unsigned(2)}),
             Data::make_array({Data::make_unsigned(3), Data::make_unsigned(4)})}})},
      {"empty compact-array", "13 11 00",
       Data::make_compact_array({TypeDescription::simple(DataType::unsigned_), {}})},
  };
}

TEST(DlmsAxdrTypes, EveryVectorDecodesToItsValue) {
  for (const auto& v : vectors()) {
    const Data decoded = decode(hex(v.bytes));
    EXPECT_EQ(decoded, v.value) << v.name << ": got " << to_text(decoded);
  }
}

TEST(DlmsAxdrTypes, EveryValueEncodesToItsVector) {
  for (const auto& v : vectors()) EXPECT_EQ(encode(v.value), hex(v.bytes)) << v.name;
}

TEST(DlmsAxdrTypes, EveryVectorIsCanonical) {
  DecodeOptions strict;
  strict.strict = true;
  for (const auto& v : vectors()) EXPECT_NO_THROW(decode(hex(v.bytes), strict)) << v.name;
}

TEST(DlmsAxdrTypes, AccessorsReturnTheValues) {
  EXPECT_EQ(decode(hex("06 00 00 12 34")).as_double_long_unsigned(), 0x1234u);
  EXPECT_EQ(decode(hex("05 80 00 00 00")).as_double_long(), INT32_MIN);
  EXPECT_EQ(decode(hex("0F 80")).as_integer(), -128);
  EXPECT_EQ(decode(hex("10 80 00")).as_long(), -32768);
  EXPECT_EQ(decode(hex("12 FF FF")).as_long_unsigned(), 65535);
  EXPECT_EQ(decode(hex("15 FF FF FF FF FF FF FF FF")).as_long64_unsigned(), UINT64_MAX);
  EXPECT_EQ(decode(hex("14 80 00 00 00 00 00 00 00")).as_long64(), INT64_MIN);
  EXPECT_EQ(decode(hex("16 1B")).as_enum(), 27);
  EXPECT_EQ(decode(hex("0D 99")).as_bcd(), 0x99);
  EXPECT_FLOAT_EQ(decode(hex("17 3F C0 00 00")).as_float32(), 1.5f);
  EXPECT_DOUBLE_EQ(decode(hex("18 BF F8 00 00 00 00 00 00")).as_float64(), -1.5);
  EXPECT_EQ(decode(hex("0A 03 41 42 43")).as_visible_string(), "ABC");
  const auto bits = decode(hex("04 0A C0 80")).as_bit_string();
  EXPECT_EQ(bits.bit_count, 10u);
  EXPECT_TRUE(bits.bit(0));
  EXPECT_TRUE(bits.bit(1));
  EXPECT_FALSE(bits.bit(2));
  EXPECT_TRUE(bits.bit(8));
  EXPECT_FALSE(bits.bit(9));
  EXPECT_THROW((void)bits.bit(10), ShapeError);
}

TEST(DlmsAxdrTypes, WrongAccessorThrowsTypeMismatch) {
  const Data value = Data::make_long(5);
  try {
    (void)value.as_integer();
    FAIL() << "no throw";
  } catch (const TypeMismatch& e) {
    EXPECT_EQ(e.expected(), DataType::integer);
    EXPECT_EQ(e.actual(), DataType::long_);
    EXPECT_STREQ(e.what(), "expected integer, got long");
  }
  EXPECT_THROW((void)Data::make_array({}).as_structure(), TypeMismatch);
  EXPECT_THROW((void)Data::make_visible_string("x").as_utf8_string(), TypeMismatch);
  EXPECT_THROW((void)Data::make_enum(1).as_unsigned(), TypeMismatch);
  EXPECT_THROW((void)Data().as_boolean(), TypeMismatch);
}

TEST(DlmsAxdrTypes, NumericReadsAcceptAnyIntegerType) {
  EXPECT_EQ(Data::make_double_long_unsigned(4000000000u).to_int64(), 4000000000);
  EXPECT_EQ(Data::make_integer(-3).to_int64(), -3);
  EXPECT_EQ(Data::make_enum(30).to_int64(), 30);
  EXPECT_DOUBLE_EQ(Data::make_float32(0.5f).to_double(), 0.5);
  EXPECT_DOUBLE_EQ(Data::make_long(-7).to_double(), -7.0);
  EXPECT_THROW((void)Data::make_long64_unsigned(UINT64_MAX).to_int64(), ShapeError);
  EXPECT_THROW((void)Data::make_float32(1.0f).to_int64(), TypeMismatch);
  EXPECT_THROW((void)Data::make_octet_string({}).to_double(), TypeMismatch);
  EXPECT_THROW((void)Data::make_bcd(1).to_int64(), TypeMismatch);
}

TEST(DlmsAxdrTypes, FloatBitsSurviveTheRoundTrip) {
  // A NaN payload and negative zero come back bit for bit.
  for (const char* bytes : {"17 7F C0 00 01", "17 80 00 00 00", "18 7F F8 00 00 00 00 00 01"})
    EXPECT_EQ(encode(decode(hex(bytes))), hex(bytes)) << bytes;
  EXPECT_TRUE(std::isnan(decode(hex("17 7F C0 00 01")).as_float32()));
}

TEST(DlmsAxdrTypes, LenientBooleanReadsAnyNonZeroAsTrue) {
  EXPECT_TRUE(decode(hex("03 FF")).as_boolean());
  EXPECT_EQ(encode(decode(hex("03 FF"))), hex("03 01"));
}

TEST(DlmsAxdrTypes, TypeNamesAreTheBlueBookSpelling) {
  EXPECT_EQ(type_name(DataType::long_unsigned), "long-unsigned");
  EXPECT_EQ(type_name(DataType::double_long_unsigned), "double-long-unsigned");
  EXPECT_EQ(type_name(DataType::dont_care), "dont-care");
  EXPECT_FALSE(data_type_from_tag(7).has_value());
  EXPECT_FALSE(data_type_from_tag(0x1C).has_value());
  EXPECT_EQ(data_type_from_tag(0x13), DataType::compact_array);
}

TEST(DlmsAxdrTypes, ToTextRendersNestedValues) {
  EXPECT_EQ(to_text(decode(hex("02 02 0F FD 16 1E"))), "structure{integer -3, enum 30}");
  EXPECT_EQ(to_text(decode(hex("09 02 AB CD"))), "octet-string ABCD");
}

}  // namespace
}  // namespace jemhead::dlms::axdr
