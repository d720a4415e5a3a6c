#include "drivers/protocol/modbus/modbus_options.hpp"

#include <gtest/gtest.h>

namespace jemhead::modbus {
namespace {

TEST(ModbusOptions, EmptyOptionsGiveTheDefaults) {
  for (const char* text : {"", "{}"}) {
    const auto loaded = parse_modbus_options(text);
    ASSERT_TRUE(loaded.ok()) << loaded.problems.summary();
    EXPECT_EQ(loaded.options.crc_order, CrcOrder::low_byte_first);
    EXPECT_EQ(loaded.options.limits.max_read_registers, 60);
    EXPECT_EQ(loaded.options.limits.max_write_registers, 120);
    EXPECT_FALSE(loaded.options.unit_id);
  }
}

TEST(ModbusOptions, ReadsEveryKey) {
  const auto loaded = parse_modbus_options(
      R"({"crc_order": "high_byte_first", "max_read_registers": 30, "max_write_registers": 60,
          "max_read_bits": 100, "max_gap": 4, "unit_id": 255})");
  ASSERT_TRUE(loaded.ok()) << loaded.problems.summary();
  EXPECT_EQ(loaded.options.crc_order, CrcOrder::high_byte_first);
  EXPECT_EQ(loaded.options.limits.max_read_registers, 30);
  EXPECT_EQ(loaded.options.limits.max_write_registers, 60);
  EXPECT_EQ(loaded.options.limits.max_read_bits, 100);
  EXPECT_EQ(loaded.options.limits.max_gap, 4);
  EXPECT_EQ(loaded.options.unit_id, 255);
}

TEST(ModbusOptions, NamesEveryBadKey) {
  const auto loaded = parse_modbus_options(
      R"({"crc_order": "msb", "max_read_registers": 126, "max_write_registers": 121,
          "max_gap": "x", "unit_id": 256, "speed": 9600})");
  const auto& errors = loaded.problems.errors();
  ASSERT_EQ(errors.size(), 6u) << loaded.problems.summary();
  EXPECT_EQ(errors[0].field, "options/crc_order");
  EXPECT_EQ(errors[1].field, "options/max_read_registers");
  EXPECT_EQ(errors[2].field, "options/max_write_registers");
  EXPECT_EQ(errors[3].field, "options/max_gap");
  EXPECT_EQ(errors[4].field, "options/unit_id");
  EXPECT_EQ(errors[5].field, "options/speed");
  EXPECT_EQ(loaded.options.limits.max_read_registers, 60);  // bad values leave the default
}

TEST(ModbusOptions, RejectsNonObjects) {
  EXPECT_FALSE(parse_modbus_options("[1]").ok());
  EXPECT_FALSE(parse_modbus_options("{").ok());
}

}  // namespace
}  // namespace jemhead::modbus
