#include "core/meter.hpp"

#include <gtest/gtest.h>

namespace jemhead {
namespace {

Meter valid_meter() {
  Meter m;
  m.serial = "50123456";
  m.identification = default_identification();
  return m;
}

TEST(Meter, DefaultIdentificationHasTheManualsTitles) {
  auto ids = default_identification();
  EXPECT_EQ(ids[0].title, "Meter ID");
  EXPECT_EQ(ids[5].title, "MV 90 Meter ID");
  EXPECT_EQ(ids[9].title, "");
}

TEST(Meter, IdentificationValuesAreAtMost24Chars) {
  auto m = valid_meter();
  m.identification[3].value = std::string(24, 'A');
  EXPECT_TRUE(validate(m).ok()) << validate(m).summary();
  m.identification[3].value = std::string(25, 'A');
  auto v = validate(m);
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].field, "identification/3/value");
}

TEST(Meter, SerialIsRequiredAndPrintable) {
  auto m = valid_meter();
  m.serial = "";
  EXPECT_EQ(validate(m).errors().at(0).field, "serial");
  m.serial = "ab\ncd";
  EXPECT_EQ(validate(m).errors().at(0).field, "serial");
}

TEST(Meter, TimeZoneMustBeKnown) {
  auto m = valid_meter();
  m.time_zone = "America/New_York";
  EXPECT_TRUE(validate(m).ok());
  m.time_zone = "Mars/Olympus";
  EXPECT_EQ(validate(m).errors().at(0).field, "time_zone");
}

TEST(Group, NameRequired) {
  Group g;
  EXPECT_EQ(validate(g).errors().at(0).field, "name");
  g.name = "north";
  EXPECT_TRUE(validate(g).ok());
}

}  // namespace
}  // namespace jemhead
