// METER IDENTIFICATION: ten fields, values and titles of at most 24 characters.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

TEST(ConfigIdentification, FactoryDefaultsFromAppendixC) {
  const MeterIdentification id;
  ASSERT_EQ(id.fields.size(), 10u);
  EXPECT_EQ(id.fields[0].title, "MV90 Meter ID");
  EXPECT_EQ(id.fields[0].value, "JEMStarII ID");
  EXPECT_EQ(id.fields[2].value, "Rochester, New York");
  EXPECT_EQ(id.fields[4].title, "Account Number");
  EXPECT_EQ(id.fields[4].value, "1-888-222-6282");
  EXPECT_EQ(id.fields[9].title, "ID 10");
  EXPECT_EQ(id.fields[9].value, "");
}

TEST(ConfigIdentification, ValidationTable) {
  const std::string len24(24, 'x');
  std::string accented24;
  for (int i = 0; i < 24; ++i) accented24 += "\xC3\xA9";  // U+00E9, two bytes each
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"24 characters",
       [&](MeterConfiguration& c) { c.identification.fields[3].value = len24; },
       {}},
      {"24 non-ASCII characters (48 bytes)",
       [&](MeterConfiguration& c) { c.identification.fields[3].value = accented24; },
       {}},
      {"value of 25 characters",
       [&](MeterConfiguration& c) { c.identification.fields[2].value = len24 + "y"; },
       {{"identification.fields[2].value", "max_length", "L2451-L2453"}}},
      {"title of 25 characters",
       [&](MeterConfiguration& c) { c.identification.fields[7].title = len24 + "y"; },
       {{"identification.fields[7].title", "max_length", "L2466-L2470"}}},
      {"nine fields",
       [](MeterConfiguration& c) { c.identification.fields.pop_back(); },
       {{"identification.fields", "count", "L2451"}}},
      {"eleven fields",
       [](MeterConfiguration& c) {
         c.identification.fields.push_back({"ID 11", ""});
       },
       {{"identification.fields", "count", "L2451"}}},
  });
}

}  // namespace
}  // namespace jemhead::config::test
