#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace jemhead {
namespace {

TEST(Validation, CollectsEveryProblemWithItsField) {
  Validation v;
  v.range("address", 0, 1, 254, "manual L1373");
  v.range("baud", 9600, 1200, 38400);
  v.max_length("phone", std::string(51, '1'), 50);
  v.not_empty("name", "");
  ASSERT_EQ(v.errors().size(), 3u);
  EXPECT_EQ(v.errors()[0].field, "address");
  EXPECT_EQ(v.errors()[0].message, "must be between 1 and 254 (got 0): manual L1373");
  EXPECT_EQ(v.errors()[1].field, "phone");
  EXPECT_EQ(v.errors()[1].message, "must be at most 50 characters (got 51)");
  EXPECT_EQ(v.errors()[2].field, "name");
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.summary().substr(0, 9), "address: ");
}

TEST(Validation, BoundariesAreInclusive) {
  Validation v;
  v.range("a", 1, 1, 254);
  v.range("a", 254, 1, 254);
  v.max_length("p", std::string(50, 'x'), 50);
  EXPECT_TRUE(v.ok());
}

}  // namespace
}  // namespace jemhead
