// Long-form lengths, nested arrays and structures, and round trips of larger values.
#include <gtest/gtest.h>

#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/axdr/length.hpp"
#include "tests/unit/dlms_axdr/hex.hpp"

namespace jemhead::dlms::axdr {
namespace {

using test::hex;

std::vector<std::uint8_t> length_bytes(std::size_t n) {
  std::vector<std::uint8_t> out;
  encode_length(n, out);
  return out;
}

TEST(DlmsAxdrLength, ShortAndLongForms) {
  EXPECT_EQ(length_bytes(0), hex("00"));
  EXPECT_EQ(length_bytes(127), hex("7F"));
  EXPECT_EQ(length_bytes(128), hex("81 80"));
  EXPECT_EQ(length_bytes(240), hex("81 F0"));
  EXPECT_EQ(length_bytes(255), hex("81 FF"));
  EXPECT_EQ(length_bytes(256), hex("82 01 00"));
  EXPECT_EQ(length_bytes(287), hex("82 01 1F"));
  EXPECT_EQ(length_bytes(65535), hex("82 FF FF"));
  EXPECT_EQ(length_bytes(65536), hex("84 00 01 00 00"));
  EXPECT_EQ(length_bytes(0xFFFFFFFFu), hex("84 FF FF FF FF"));
  EXPECT_THROW(length_bytes(0x100000000ull), EncodeError);
}

TEST(DlmsAxdrLength, DecodeReportsSizeAndCanonicalForm) {
  const auto three = hex("83 01 11 70");  // legal BER, but DLMS encoders write 0x84
  const auto field = decode_length(three, 0);
  EXPECT_EQ(field.value, 70000u);
  EXPECT_EQ(field.size, 4u);
  EXPECT_FALSE(field.canonical);
  EXPECT_TRUE(decode_length(hex("84 00 01 11 70"), 0).canonical);
  EXPECT_FALSE(decode_length(hex("84 00 00 00 05"), 0).canonical);
  EXPECT_TRUE(decode_length(hex("05"), 0).canonical);
}

TEST(DlmsAxdrContainers, LongFormStringLengthsBothWays) {
  for (std::size_t size : {127u, 128u, 200u, 300u, 70000u}) {
    const Data value = Data::make_octet_string(Bytes(size, 0x5A));
    const auto bytes = encode(value);
    const auto prefix = length_bytes(size);
    ASSERT_EQ(bytes.size(), 1 + prefix.size() + size);
    EXPECT_EQ(bytes[0], 0x09);
    EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), bytes.begin() + 1)) << size;
    EXPECT_EQ(decode(bytes), value) << size;
  }
  std::vector<std::uint8_t> with_83 = hex("09 83 01 11 70");
  with_83.resize(with_83.size() + 70000, 0x5A);
  EXPECT_EQ(decode(with_83).as_octet_string().size(), 70000u);
}

TEST(DlmsAxdrContainers, ArrayOfTwoHundredElementsUsesTheLongForm) {
  std::vector<std::uint8_t> bytes = hex("01 81 C8");
  for (int i = 0; i < 200; ++i) bytes.insert(bytes.end(), {0x11, static_cast<std::uint8_t>(i)});
  const Data value = decode(bytes);
  ASSERT_EQ(value.as_array().size(), 200u);
  EXPECT_EQ(value.as_array()[199].as_unsigned(), 199);
  EXPECT_EQ(encode(value), bytes);
}

// A profile buffer as the manual describes it (L15031): an array of structures
// {timestamp octet-string(12), status double-long-unsigned, channel float32...}.
TEST(DlmsAxdrContainers, NestedProfileBufferRoundTrips) {
  const auto bytes =
      hex("01 02"
          " 02 04 09 0C 07 E3 06 1A 03 0D 14 00 00 FF 88 00 06 00 00 00 01 17 40 0E B8 52 17 00 00 "
          "00 00"
          " 02 04 09 0C 07 E3 06 1A 03 0D 19 00 00 FF 88 00 06 00 00 00 40 17 40 C8 51 EC 17 00 00 "
          "00 00");
  const Data buffer = decode(bytes);
  const auto& rows = buffer.as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].as_structure()[1].as_double_long_unsigned(), 1u);
  EXPECT_EQ(rows[1].as_structure()[1].as_double_long_unsigned(), 64u);
  EXPECT_FLOAT_EQ(rows[0].as_structure()[2].as_float32(), 2.23f);
  EXPECT_FLOAT_EQ(rows[1].as_structure()[2].as_float32(), 6.26f);
  EXPECT_EQ(encode(buffer), bytes);
}

TEST(DlmsAxdrContainers, BuiltValuesRoundTrip) {
  const Data value = Data::make_structure({
      Data::make_array({Data::make_long64(-1), Data::make_long64_unsigned(1)}),
      Data::make_structure({Data::make_visible_string(std::string(300, 'x')),
                            Data::make_bit_string(BitString::from_bits(std::vector<bool>(9, true))),
                            Data::make_dont_care()}),
      Data::make_compact_array(
          {TypeDescription::structure_of({TypeDescription::simple(DataType::date_time),
                                          TypeDescription::simple(DataType::float32)}),
           {Data::make_structure(
               {Data::make_date_time(Bytes(12, 0xFF)), Data::make_float32(1.25f)})}}),
  });
  DecodeOptions strict;
  strict.strict = true;
  EXPECT_EQ(decode(encode(value), strict), value);
}

TEST(DlmsAxdrContainers, CompactArrayElementsReadAsOrdinaryValues) {
  const Data value = decode(hex("13 02 02 12 09 08 00 01 02 AA BB 00 02 00"));
  const auto& compact = value.as_compact_array();
  EXPECT_EQ(compact.element_type.type, DataType::structure);
  ASSERT_EQ(compact.elements.size(), 2u);
  EXPECT_EQ(compact.elements[0].as_structure()[1].as_octet_string(), (Bytes{0xAA, 0xBB}));
  EXPECT_EQ(compact.elements[1].as_structure()[0].as_long_unsigned(), 2);
}

TEST(DlmsAxdrEncodeErrors, CompactArrayElementMustMatchItsDescription) {
  const auto wrong_type = Data::make_compact_array(
      {TypeDescription::simple(DataType::long_unsigned), {Data::make_unsigned(1)}});
  EXPECT_THROW(encode(wrong_type), EncodeError);
  const auto wrong_count = Data::make_compact_array(
      {TypeDescription::array_of(2, TypeDescription::simple(DataType::unsigned_)),
       {Data::make_array({Data::make_unsigned(1)})}});
  EXPECT_THROW(encode(wrong_count), EncodeError);
  const auto zero_size =
      Data::make_compact_array({TypeDescription::simple(DataType::null_data), {Data(), Data()}});
  EXPECT_THROW(encode(zero_size), EncodeError);
  const auto nested =
      Data::make_compact_array({TypeDescription::simple(DataType::compact_array), {}});
  EXPECT_THROW(encode(nested), EncodeError);
}

TEST(DlmsAxdrEncodeErrors, DepthAndFixedSizes) {
  Data value = Data::make_array({});
  for (int i = 0; i < 16; ++i) value = Data::make_array({value});  // 17 levels
  EXPECT_THROW(encode(value), EncodeError);
  EXPECT_NO_THROW(encode(value, 17));
  EXPECT_THROW(Data::make_date_time(Bytes(11, 0)), EncodeError);
  EXPECT_THROW(Data::make_date(Bytes(4, 0)), EncodeError);
  EXPECT_THROW(Data::make_time(Bytes(5, 0)), EncodeError);
  EXPECT_THROW(Data::make_bit_string(BitString{9, Bytes(1, 0)}), EncodeError);
}

}  // namespace
}  // namespace jemhead::dlms::axdr
