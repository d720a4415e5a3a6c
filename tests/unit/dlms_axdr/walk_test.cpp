// Walking structures of known shape: unpack, unpack_each, array_of, StructureReader.
#include "drivers/protocol/dlms/axdr/walk.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "tests/unit/dlms_axdr/hex.hpp"

namespace jemhead::dlms::axdr {
namespace {

using test::hex;

TEST(DlmsAxdrWalk, UnpackScalerUnit) {
  const Data value = decode(hex("02 02 0F FD 16 1E"));
  const auto [scaler, unit] = unpack<DataType::integer, DataType::enum_>(value, "scaler_unit");
  EXPECT_EQ(scaler, -3);
  EXPECT_EQ(unit, 30);
}

TEST(DlmsAxdrWalk, UnpackEachCaptureObject) {
  // capture_objects: {8, 0.0.1.0.0.255, 2, 0} and {3, 1.0.1.29.0.255, 2, 0}.
  const Data value =
      decode(hex("01 02 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00"
                 " 02 04 12 00 03 09 06 01 00 01 1D 00 FF 0F 02 12 00 00"));
  const auto objects =
      unpack_each<DataType::long_unsigned, DataType::octet_string, DataType::integer,
                  DataType::long_unsigned>(value, "capture_objects");
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(std::get<0>(objects[0]), 8);
  EXPECT_EQ(std::get<1>(objects[1]), (Bytes{1, 0, 1, 29, 0, 255}));
  EXPECT_EQ(std::get<2>(objects[1]), 2);
  EXPECT_EQ(std::get<3>(objects[1]), 0);
}

TEST(DlmsAxdrWalk, MismatchesNameTheElement) {
  const Data value = decode(hex("01 01 02 04 12 00 08 09 00 10 00 02 12 00 00"));
  try {
    (void)unpack_each<DataType::long_unsigned, DataType::octet_string, DataType::integer,
                      DataType::long_unsigned>(value, "capture_objects");
    FAIL() << "no throw";
  } catch (const TypeMismatch& e) {
    EXPECT_STREQ(e.what(), "capture_objects[0] element 2: expected integer, got long");
  }
  try {
    (void)unpack<DataType::integer, DataType::enum_>(decode(hex("02 01 0F FD")), "scaler_unit");
    FAIL() << "no throw";
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "scaler_unit has 1 elements, expected 2");
  }
  EXPECT_THROW((unpack<DataType::integer>(decode(hex("01 01 0F FD")), "x")), TypeMismatch);
}

TEST(DlmsAxdrWalk, ArrayOfFloats) {
  // The Km array (L14327): float32 per load-profile channel.
  const Data km = decode(hex("01 02 17 40 0A 00 00 17 3F 80 00 00"));
  EXPECT_EQ(array_of<DataType::float32>(km, "km"), (std::vector<float>{2.15625f, 1.0f}));
  EXPECT_THROW(array_of<DataType::float64>(km, "km"), TypeMismatch);
}

TEST(DlmsAxdrWalk, StructureReaderForChoices) {
  // A register read as structure{value (any numeric), scaler_unit}.
  const Data value = decode(hex("02 02 06 00 00 12 34 02 02 0F FD 16 1E"));
  StructureReader reader(value, "register", 2);
  EXPECT_EQ(reader.next().to_int64(), 0x1234);
  const Data& scaler_unit = reader.next_as<DataType::structure>();
  EXPECT_EQ(std::get<0>(unpack<DataType::integer, DataType::enum_>(scaler_unit, "su")), -3);
  EXPECT_TRUE(reader.at_end());
  EXPECT_NO_THROW(reader.expect_end());
  EXPECT_THROW(reader.next(), ShapeError);

  StructureReader partial(value, "register");
  (void)partial.next();
  EXPECT_THROW(partial.expect_end(), ShapeError);
  try {
    (void)partial.next_as<DataType::integer>();
    FAIL() << "no throw";
  } catch (const TypeMismatch& e) {
    EXPECT_STREQ(e.what(), "register element 1: expected integer, got structure");
  }
  EXPECT_THROW(StructureReader(value, "register", 3), ShapeError);
  EXPECT_THROW(StructureReader(Data::make_array({}), "register"), TypeMismatch);
}

}  // namespace
}  // namespace jemhead::dlms::axdr
