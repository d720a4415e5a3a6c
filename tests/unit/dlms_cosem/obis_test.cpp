#include "drivers/protocol/dlms/cosem/obis.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using jemhead::dlms::cosem::Obis;
using namespace jemhead::dlms::cosem::obis_literals;

TEST(DlmsCosemObis, ParsesTheManualsDottedForm) {
  const auto lp1 = Obis::parse("1.0.99.1.0.255");
  ASSERT_TRUE(lp1);
  EXPECT_EQ(lp1->bytes(), (Obis::Bytes{1, 0, 99, 1, 0, 255}));
  EXPECT_EQ(lp1->c(), 99);
  EXPECT_EQ(lp1->f(), 255);
}

TEST(DlmsCosemObis, ParsesTheDashedAndReducedForms) {
  // "1-0-1-7-0-255" is how the register details table prints it (L14805).
  EXPECT_EQ(Obis::parse("1-0-1-7-0-255"), Obis(1, 0, 1, 7, 0, 255));
  EXPECT_EQ(Obis::parse("1-0:99.1.0*255"), Obis(1, 0, 99, 1, 0, 255));
  EXPECT_EQ(Obis::parse("0-0:1.0.0"), Obis(0, 0, 1, 0, 0, 255));
  EXPECT_EQ(Obis::parse("1-0:1.8.0*101"), Obis(1, 0, 1, 8, 0, 101));
}

TEST(DlmsCosemObis, RejectsMalformedText) {
  for (const char* bad :
       {"", "1.0.99.1.0", "1.0.99.1.0.256", "1.0.99.1.0.255.1", "1..99.1.0.255", "1.0.99.1.0.255 ",
        "a.0.99.1.0.255", "1-0:99.1.0*", "1-0:99.1.0.255", "1.0-99.1.0.255", "0001.0.99.1.0.255"})
    EXPECT_FALSE(Obis::parse(bad)) << bad;
}

TEST(DlmsCosemObis, FormatsBothWays) {
  const Obis lp2(1, 0, 98, 1, 0, 255);
  EXPECT_EQ(lp2.to_string(), "1.0.98.1.0.255");
  EXPECT_EQ(lp2.to_reduced(), "1-0:98.1.0*255");
  EXPECT_EQ(Obis::parse(lp2.to_reduced()), lp2);
}

TEST(DlmsCosemObis, ConvertsFromTheLogicalNameOctetString) {
  const std::vector<std::uint8_t> six{0, 0, 1, 0, 0, 255};
  EXPECT_EQ(Obis::from_octet_string(six), Obis(0, 0, 1, 0, 0, 255));
  const std::vector<std::uint8_t> five{0, 0, 1, 0, 0};
  EXPECT_FALSE(Obis::from_octet_string(five));
  const std::vector<std::uint8_t> seven{0, 0, 1, 0, 0, 255, 0};
  EXPECT_FALSE(Obis::from_octet_string(seven));
}

TEST(DlmsCosemObis, OrdersByteWise) {
  EXPECT_LT(Obis(1, 0, 1, 8, 0, 255), Obis(1, 0, 2, 7, 0, 255));
  EXPECT_LT(Obis(0, 255, 255, 255, 255, 255), Obis(1, 0, 0, 0, 0, 0));
  EXPECT_NE(Obis(1, 0, 143, 29, 0, 255), Obis(1, 0, 143, 27, 0, 255));
}

TEST(DlmsCosemObis, WorksAtCompileTime) {
  constexpr auto clock = "0.0.1.0.0.255"_obis;
  static_assert(clock == Obis(0, 0, 1, 0, 0, 255));
  static_assert(!Obis::parse("1.2.3"));
  static_assert(Obis::parse("1-0:1.8.0")->f() == 255);
  EXPECT_EQ(clock.c(), 1);
}

}  // namespace
