// Field-by-field diff: exactly the changed paths, with old and new values.
#include "core/config/config_diff.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jemhead::config::test {
namespace {

namespace json = boost::json;

std::vector<std::string> paths(const std::vector<ConfigChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.path);
  return out;
}

MeterConfiguration with_channels() {
  MeterConfiguration c;
  c.load_profile.profiles[0].channels.resize(3);
  return c;
}

TEST(ConfigDiff, IdenticalConfigurationsHaveNoChanges) {
  EXPECT_TRUE(diff(MeterConfiguration{}, MeterConfiguration{}).empty());
  EXPECT_TRUE(diff(with_channels(), with_channels()).empty());
}

TEST(ConfigDiff, ListsExactlyTheChangedFields) {
  const auto a = with_channels();
  auto b = a;
  b.primary.ct_primary = 600;
  b.identification.fields[4].value = "ACCT-77";
  b.load_profile.profiles[0].channels[2].km = 0.5;
  b.load_profile.profiles[0].channels[2].direction = LpDirection::received;
  b.demands.demand_sync = true;
  const auto changes = diff(a, b);
  EXPECT_EQ(paths(changes), (std::vector<std::string>{
                                "identification.fields[4].value",
                                "primary.ct_primary",
                                "load_profile.profiles[0].channels[2].direction",
                                "load_profile.profiles[0].channels[2].km",
                                "demands.demand_sync",
                            }));
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[0].old_value, json::value("1-888-222-6282"));
  EXPECT_EQ(changes[0].new_value, json::value("ACCT-77"));
  EXPECT_EQ(changes[1].old_value.as_double(), 1.0);
  EXPECT_EQ(changes[1].new_value.as_double(), 600.0);
  EXPECT_EQ(changes[2].old_value, json::value("delivered"));
  EXPECT_EQ(changes[2].new_value, json::value("received"));
  EXPECT_EQ(changes[4].new_value, json::value(true));
}

TEST(ConfigDiff, AddedAndRemovedListEntriesAreWholeEntries) {
  const auto a = with_channels();
  auto b = a;
  b.load_profile.profiles[0].channels.pop_back();
  b.load_profile.profiles.resize(2);
  const auto changes = diff(a, b);
  ASSERT_EQ(paths(changes), (std::vector<std::string>{"load_profile.profiles[0].channels[2]",
                                                      "load_profile.profiles[1]"}));
  EXPECT_TRUE(changes[0].new_value.is_null());
  EXPECT_EQ(changes[0].old_value.at("quantity"), json::value("watt_hours"));
  EXPECT_TRUE(changes[1].old_value.is_null());
  EXPECT_EQ(changes[1].new_value.at("interval_minutes").as_int64(), 15);
  // And back: the same paths, old and new swapped.
  const auto back = diff(b, a);
  ASSERT_EQ(paths(back), paths(changes));
  EXPECT_EQ(back[0].new_value, changes[0].old_value);
}

TEST(ConfigDiff, JsonDiffReportsKeysOnlyOneSideHas) {
  std::vector<ConfigChange> out;
  diff_json(json::parse(R"({"a": 1, "b": {"c": 2}})"), json::parse(R"({"b": {"c": 3}, "d": 4})"),
            "", out);
  EXPECT_EQ(paths(out), (std::vector<std::string>{"a", "b.c", "d"}));
  EXPECT_TRUE(out[0].new_value.is_null());
  EXPECT_EQ(out[2].new_value.as_int64(), 4);
}

}  // namespace
}  // namespace jemhead::config::test
