#include "drivers/protocol/dlms/cosem/interval_status.hpp"

#include <gtest/gtest.h>

namespace {

using namespace jemhead::dlms::cosem;
namespace flag = jemhead::interval_flag;

TEST(DlmsCosemIntervalStatus, TwentyCodesWithTheManualsValues) {
  ASSERT_EQ(std::size(kIntervalStatusCodes), 20u);
  // Hex and decimal columns of "Buffer Object Status" (L15093-L15134).
  EXPECT_EQ(find_status_code(0x0001)->name, "Normal Interval");
  EXPECT_EQ(find_status_code(0x0003)->name, "Midnight Normal");
  EXPECT_EQ(find_status_code(0x000A)->name, "Midnight Time Set");
  EXPECT_EQ(find_status_code(0x0006)->name, "Midnight Power Outage");
  EXPECT_EQ(find_status_code(0x0010)->name, "Daylight Savings Time Change");
  EXPECT_EQ(find_status_code(0x0082)->name, "Freeze Midnight");
  EXPECT_EQ(find_status_code(0x0102)->name, "BPR Midnight");
  EXPECT_EQ(find_status_code(0x0202)->name, "Midnight Register Preset");
  EXPECT_EQ(find_status_code(0x0402)->name, "Midnight Recalibration");
  EXPECT_EQ(find_status_code(0x0802)->name, "Midnight Diagnostic");
  EXPECT_EQ(find_status_code(0), nullptr);
  EXPECT_EQ(find_status_code(0x000C), nullptr);
}

TEST(DlmsCosemIntervalStatus, EachSingleEventMapsToItsFlag) {
  EXPECT_EQ(decode_interval_status(1).flags, 0u);  // Normal
  EXPECT_EQ(decode_interval_status(2).flags, flag::midnight);
  EXPECT_EQ(decode_interval_status(4).flags, flag::power_outage);
  EXPECT_EQ(decode_interval_status(8).flags, flag::time_set);
  EXPECT_EQ(decode_interval_status(16).flags, flag::dst_change);
  EXPECT_EQ(decode_interval_status(32).flags, flag::test_mode);
  EXPECT_EQ(decode_interval_status(64).flags, flag::configuration_change);
  EXPECT_EQ(decode_interval_status(128).flags, flag::freeze);
  EXPECT_EQ(decode_interval_status(256).flags, flag::billing_reset);
  EXPECT_EQ(decode_interval_status(512).flags, flag::register_preset);
  EXPECT_EQ(decode_interval_status(1024).flags, flag::recalibration);
  EXPECT_EQ(decode_interval_status(2048).flags, flag::diagnostic);
}

TEST(DlmsCosemIntervalStatus, MidnightCombinationsCarryBothFlags) {
  // "if a Billing Period Reset is configured to occur exactly at Midnight, we will report a
  // single event called BPR Midnight" (L15136-L15140).
  const auto bpr = decode_interval_status(258);
  EXPECT_TRUE(bpr.documented);
  EXPECT_EQ(bpr.code_name, "BPR Midnight");
  EXPECT_EQ(bpr.flags, flag::billing_reset | flag::midnight);
  ASSERT_EQ(bpr.names.size(), 2u);
  EXPECT_EQ(bpr.names[0], "Midnight Event");
  EXPECT_EQ(bpr.names[1], "Billing Period Reset (BPR)");
  EXPECT_EQ(decode_interval_status(10).flags, flag::time_set | flag::midnight);
  EXPECT_EQ(decode_interval_status(6).flags, flag::power_outage | flag::midnight);
  const auto normal_midnight = decode_interval_status(3);
  EXPECT_EQ(normal_midnight.flags, flag::midnight);
  EXPECT_EQ(normal_midnight.code_name, "Midnight Normal");
}

TEST(DlmsCosemIntervalStatus, EveryDocumentedCodeDecodesAsTheOrOfItsBits) {
  for (const auto& code : kIntervalStatusCodes) {
    const auto s = decode_interval_status(code.value);
    EXPECT_TRUE(s.documented) << code.name;
    EXPECT_EQ(s.code_name, code.name);
    EXPECT_EQ(s.unknown_bits, 0u) << code.name;
    EXPECT_FALSE(s.names.empty()) << code.name;
  }
}

TEST(DlmsCosemIntervalStatus, ZeroAndUndocumentedValuesDecodeWithoutError) {
  // The worked example's entries 2-4 carry status 0 (L16510-L16592).
  const auto zero = decode_interval_status(0);
  EXPECT_FALSE(zero.documented);
  EXPECT_EQ(zero.flags, 0u);
  EXPECT_TRUE(zero.names.empty());
  // Power outage + time set together is not one of the 20 codes but both flags hold.
  const auto both = decode_interval_status(0x000C);
  EXPECT_FALSE(both.documented);
  EXPECT_EQ(both.flags, flag::power_outage | flag::time_set);
  EXPECT_EQ(both.names.size(), 2u);
  const auto odd = decode_interval_status(0x10040);
  EXPECT_EQ(odd.unknown_bits, 0x10000u);
  EXPECT_EQ(odd.flags, flag::configuration_change);
}

TEST(DlmsCosemIntervalStatus, ExistingFlagBitsKeepTheirValues) {
  // Stored values: the bits core/readings.hpp had before the DLMS flags were added.
  EXPECT_EQ(flag::power_outage, 1u << 0);
  EXPECT_EQ(flag::time_set, 1u << 1);
  EXPECT_EQ(flag::billing_reset, 1u << 3);
  EXPECT_EQ(flag::test_mode, 1u << 6);
  EXPECT_EQ(flag::configuration_change, 1u << 7);
  EXPECT_EQ(flag::data_invalid, 1u << 9);
  EXPECT_EQ(flag::midnight, 1u << 10);
  EXPECT_EQ(flag::diagnostic, 1u << 15);
}

}  // namespace
