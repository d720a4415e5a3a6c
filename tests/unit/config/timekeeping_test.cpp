// TIMEKEEPING: factory defaults, one table of validation cases, schema coverage.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

TEST(ConfigTimekeeping, FactoryDefaultsAreValid) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
}

}  // namespace
}  // namespace jemhead::config::test
