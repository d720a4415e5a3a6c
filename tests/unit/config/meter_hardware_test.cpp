// The meter's hardware description: firmware parsing, the 5.5.2/6.5.2 feature gate and
// the ANSI-only options.
#include "core/config/meter_hardware.hpp"

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

MeterHardware with_firmware(std::string v) {
  MeterHardware hw;
  hw.firmware_version = std::move(v);
  return hw;
}

TEST(ConfigMeterHardware, FirmwareNumbersParseDottedDigitsOnly) {
  EXPECT_EQ(firmware_numbers(with_firmware("5.5.2")), (std::array<int, 3>{5, 5, 2}));
  EXPECT_EQ(firmware_numbers(with_firmware("6")), (std::array<int, 3>{6, 0, 0}));
  EXPECT_EQ(firmware_numbers(with_firmware("")), std::nullopt);
  EXPECT_EQ(firmware_numbers(with_firmware("5.5.")), std::nullopt);
  EXPECT_EQ(firmware_numbers(with_firmware("5.x.2")), std::nullopt);
  EXPECT_EQ(firmware_numbers(with_firmware("1.2.3.4")), std::nullopt);
}

TEST(ConfigMeterHardware, FeaturesOf552NeedThatReleaseOnEitherLine) {
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("")), std::nullopt);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("4.9.9")), false);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("5.5.1")), false);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("5.5.2")), true);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("5.6.0")), true);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("6.4.9")), false);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("6.5.2")), true);
  EXPECT_EQ(firmware_has_5_5_2_features(with_firmware("7.0")), true);
}

TEST(ConfigMeterHardware, ValidationCases) {
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"firmware known", [](MeterConfiguration& c) { c.hardware.firmware_version = "6.5.2"; }, {}},
      {"firmware not a version",
       [](MeterConfiguration& c) { c.hardware.firmware_version = "v6"; },
       {{"hardware.firmware_version", "firmware_version_format", "L1440, L5316"}}},
      {"ANSI meter with analog outputs",
       [](MeterConfiguration& c) { c.hardware.options.analog_outputs = true; },
       {}},
      {"IEC meter with analog outputs",
       [](MeterConfiguration& c) {
         c.hardware.standard = MeterStandard::iec;
         c.hardware.options.analog_outputs = true;
       },
       {{"hardware.options.analog_outputs", "ansi_only_option", "L4467, L5597"}}},
      {"model number too long",
       [](MeterConfiguration& c) { c.hardware.model_number = std::string(65, 'M'); },
       {{"hardware.model_number", "max_length", "L2145-L2147"}}},
  });
}

// The cell modem's own settings rules (communication) also speak when the option is on;
// only the hardware rule is asserted here.
TEST(ConfigMeterHardware, CellModemOnIecMeterIsRefused) {
  MeterConfiguration c;
  c.hardware.options.cell_modem = true;
  auto has_rule = [](const Problems& problems) {
    for (const auto& p : problems)
      if (p.rule == "ansi_only_option" && p.path == "hardware.options.cell_modem") return true;
    return false;
  };
  EXPECT_FALSE(has_rule(validate(c)));
  c.hardware.standard = MeterStandard::iec;
  EXPECT_TRUE(has_rule(validate(c)));
}

}  // namespace
}  // namespace jemhead::config::test
