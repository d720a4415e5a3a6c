// DEMANDS: lengths 1-60 min, outage threshold 0-60 s, subinterval divides interval.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

auto lengths(int interval, int sub) {
  return [=](MeterConfiguration& c) {
    c.demands.interval_minutes = interval;
    c.demands.subinterval_minutes = sub;
  };
}

TEST(ConfigDemands, FactoryDefaultsFromAppendixC) {
  const Demands d;
  EXPECT_EQ(d.interval_minutes, 15);
  EXPECT_EQ(d.subinterval_minutes, 5);
  EXPECT_FALSE(d.demand_sync);
  EXPECT_EQ(d.thermal_time_minutes, 15);
  EXPECT_EQ(d.defer_subintervals, 0);
  EXPECT_EQ(d.outage_threshold_seconds, 1);
}

TEST(ConfigDemands, ValidationTable) {
  const std::string divides = "demand_subinterval_divides_interval";
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"block interval 15/15", lengths(15, 15), {}},
      {"60/1", lengths(60, 1), {}},
      {"60/20", lengths(60, 20), {}},
      {"15/4 does not divide",
       lengths(15, 4),
       {{"demands.subinterval_minutes", divides, "L3501-L3521"}}},
      {"subinterval longer than interval",
       lengths(5, 15),
       {{"demands.subinterval_minutes", divides, "L3501-L3521"}}},
      {"interval 0", lengths(0, 5), {{"demands.interval_minutes", "range", "L3493-L3499, L13510"}}},
      {"interval 61",
       lengths(61, 61),
       {{"demands.interval_minutes", "range", "L3493-L3499, L13510"},
        {"demands.subinterval_minutes", "range", "L3501-L3521, L13512"}}},
      {"thermal 61",
       [](MeterConfiguration& c) { c.demands.thermal_time_minutes = 61; },
       {{"demands.thermal_time_minutes", "range", "L3536-L3550, L13516"}}},
      {"outage threshold 0 and 60",
       [](MeterConfiguration& c) {
         c.demands.outage_threshold_seconds = 60;
         c.demands.defer_subintervals = 0;
       },
       {}},
      {"outage threshold 61",
       [](MeterConfiguration& c) { c.demands.outage_threshold_seconds = 61; },
       {{"demands.outage_threshold_seconds", "range", "L3562-L3566, L13520"}}},
      {"defer -1",
       [](MeterConfiguration& c) { c.demands.defer_subintervals = -1; },
       {{"demands.defer_subintervals", "range", "L3552-L3560, L13518"}}},
  });
}

}  // namespace
}  // namespace jemhead::config::test
