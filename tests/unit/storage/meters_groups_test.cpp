// Meters and groups: round trips of every field, filters, keyset paging, uniqueness and
// reference rules.
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

void expect_same_meter(const Meter& actual, const Meter& expected) {
  EXPECT_EQ(actual.serial, expected.serial);
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_EQ(actual.location, expected.location);
  EXPECT_EQ(actual.model, expected.model);
  EXPECT_EQ(actual.mid, expected.mid);
  EXPECT_EQ(actual.firmware, expected.firmware);
  EXPECT_EQ(actual.options, expected.options);
  for (std::size_t i = 0; i < expected.identification.size(); ++i) {
    EXPECT_EQ(actual.identification[i].title, expected.identification[i].title) << i;
    EXPECT_EQ(actual.identification[i].value, expected.identification[i].value) << i;
  }
  EXPECT_EQ(actual.group_id, expected.group_id);
  EXPECT_EQ(actual.time_zone, expected.time_zone);
  EXPECT_EQ(actual.enabled, expected.enabled);
  EXPECT_EQ(actual.schedules_json, expected.schedules_json);
  EXPECT_EQ(actual.created_at, expected.created_at);
  EXPECT_EQ(actual.updated_at, expected.updated_at);
}

TEST_F(StorageTest, MeterRoundTripKeepsEveryField) {
  Group g;
  g.name = "north";
  std::int64_t group_id = repo->insert_group(g);
  Meter m = sample_meter("SN-0001");
  m.group_id = group_id;

  std::int64_t id = repo->insert_meter(m);
  EXPECT_GT(id, 0);
  auto found = repo->find_meter(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  expect_same_meter(*found, m);

  auto by_serial = repo->find_meter_by_serial("SN-0001");
  ASSERT_TRUE(by_serial.has_value());
  EXPECT_EQ(by_serial->id, id);
  expect_same_meter(*by_serial, m);
}

TEST_F(StorageTest, MeterWithoutTimesGetsTheCurrentTime) {
  Meter m = sample_meter("SN-T");
  m.created_at = {};
  m.updated_at = {};
  UtcTime before = utc_now();
  auto found = repo->find_meter(repo->insert_meter(m));
  UtcTime after = utc_now();
  ASSERT_TRUE(found.has_value());
  EXPECT_GE(found->created_at, before);
  EXPECT_LE(found->created_at, after);
  EXPECT_EQ(found->updated_at, found->created_at);
}

TEST_F(StorageTest, UnknownMeterIsAbsent) {
  EXPECT_FALSE(repo->find_meter(424242).has_value());
  EXPECT_FALSE(repo->find_meter_by_serial("nope").has_value());
  Meter m = sample_meter("X");
  m.id = 424242;
  EXPECT_FALSE(repo->update_meter(m));
  EXPECT_FALSE(repo->delete_meter(424242));
}

TEST_F(StorageTest, MeterUpdateReplacesFieldsButKeepsCreationTime) {
  Meter m = sample_meter("SN-U");
  std::int64_t id = repo->insert_meter(m);

  Meter changed = sample_meter("SN-U2");
  changed.id = id;
  changed.name = "Renamed";
  changed.mid = false;
  changed.enabled = true;
  changed.options = {};
  changed.identification[4] = {"MV 90 Meter ID", "MV-77"};
  changed.created_at = at_us(1);  // ignored: creation time is immutable
  changed.updated_at = at_us(1'800'000'000'000'000);
  ASSERT_TRUE(repo->update_meter(changed));

  auto found = repo->find_meter(id);
  ASSERT_TRUE(found.has_value());
  changed.created_at = m.created_at;
  expect_same_meter(*found, changed);
  EXPECT_FALSE(repo->find_meter_by_serial("SN-U").has_value());
}

TEST_F(StorageTest, DuplicateSerialIsConflictNamingTheSerial) {
  repo->insert_meter(sample_meter("DUP-1"));
  try {
    repo->insert_meter(sample_meter("DUP-1"));
    FAIL() << "expected Conflict";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find("DUP-1"), std::string::npos) << e.what();
  }
  EXPECT_EQ(repo->count_meters({}), 1);

  std::int64_t other = repo->insert_meter(sample_meter("DUP-2"));
  Meter clash = sample_meter("DUP-1");
  clash.id = other;
  EXPECT_THROW(repo->update_meter(clash), Conflict);
  EXPECT_EQ(repo->find_meter(other)->serial, "DUP-2");
}

TEST_F(StorageTest, MeterInUnknownGroupIsNotFound) {
  Meter m = sample_meter("G-404");
  m.group_id = 999;
  EXPECT_THROW(repo->insert_meter(m), NotFound);
  EXPECT_EQ(repo->count_meters({}), 0);
}

TEST_F(StorageTest, DeleteMeterRemovesIt) {
  std::int64_t id = add_meter("DEL-1");
  EXPECT_TRUE(repo->delete_meter(id));
  EXPECT_FALSE(repo->find_meter(id).has_value());
  EXPECT_FALSE(repo->delete_meter(id));
}

TEST_F(StorageTest, MeterFiltersSelectExactlyTheMatchingMeters) {
  Group g;
  g.name = "east";
  std::int64_t east = repo->insert_group(g);

  auto make = [&](const std::string& serial, const std::string& name, const std::string& location,
                  bool mid, bool enabled, std::optional<std::int64_t> group) {
    Meter m = sample_meter(serial);
    m.name = name;
    m.location = location;
    m.mid = mid;
    m.enabled = enabled;
    m.group_id = group;
    return repo->insert_meter(m);
  };
  std::int64_t a = make("ABC-1", "Alpha", "Hall 1", true, true, east);
  std::int64_t b = make("ABC-2", "Beta", "Yard 50%_off", false, true, std::nullopt);
  std::int64_t c = make("XYZ-1", "Gamma", "Hall 2", true, false, east);
  std::int64_t d = make("abc-3", "Delta", "Roof", false, false, std::nullopt);

  auto ids = [&](const MeterFilter& f) {
    std::vector<std::int64_t> out;
    for (const auto& m : repo->list_meters(f, {})) out.push_back(m.id);
    EXPECT_EQ(repo->count_meters(f), static_cast<std::int64_t>(out.size()));
    return out;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids({}), (Ids{a, b, c, d}));

  MeterFilter by_group;
  by_group.group_id = east;
  EXPECT_EQ(ids(by_group), (Ids{a, c}));

  MeterFilter mid_only;
  mid_only.mid = true;
  EXPECT_EQ(ids(mid_only), (Ids{a, c}));
  mid_only.mid = false;
  EXPECT_EQ(ids(mid_only), (Ids{b, d}));

  MeterFilter enabled;
  enabled.enabled = true;
  EXPECT_EQ(ids(enabled), (Ids{a, b}));

  MeterFilter prefix;
  prefix.serial_prefix = "ABC";  // case-sensitive: "abc-3" is not in it
  EXPECT_EQ(ids(prefix), (Ids{a, b}));

  MeterFilter text;
  text.text = "hall";  // location, case-insensitive
  EXPECT_EQ(ids(text), (Ids{a, c}));
  text.text = "gam";  // name
  EXPECT_EQ(ids(text), (Ids{c}));
  text.text = "50%_";  // LIKE wildcards are literal
  EXPECT_EQ(ids(text), (Ids{b}));
  text.text = "%";
  EXPECT_EQ(ids(text), (Ids{b}));

  MeterFilter combined;
  combined.group_id = east;
  combined.enabled = false;
  combined.text = "hall";
  EXPECT_EQ(ids(combined), (Ids{c}));
}

TEST_F(StorageTest, KeysetPagingVisitsEveryMeterOnce) {
  std::vector<std::int64_t> inserted;
  for (int i = 0; i < 25; ++i) inserted.push_back(add_meter("P-" + std::to_string(i)));

  std::vector<std::int64_t> seen;
  Page page;
  page.limit = 10;
  std::vector<std::size_t> page_sizes;
  while (true) {
    auto meters = repo->list_meters({}, page);
    if (meters.empty()) break;
    page_sizes.push_back(meters.size());
    for (const auto& m : meters) seen.push_back(m.id);
    page.after_id = meters.back().id;
  }
  EXPECT_EQ(seen, inserted);
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{10, 10, 5}));

  Page zero;
  zero.limit = 0;
  EXPECT_TRUE(repo->list_meters({}, zero).empty());
}

TEST_F(StorageTest, GroupRoundTripUpdateAndPaging) {
  Group g;
  g.name = "west";
  g.description = "West substations";
  g.created_at = at_us(1'650'000'000'000'001);
  std::int64_t id = repo->insert_group(g);

  auto found = repo->find_group(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->name, "west");
  EXPECT_EQ(found->description, "West substations");
  EXPECT_EQ(found->created_at, g.created_at);

  Group renamed = *found;
  renamed.name = "far-west";
  renamed.description = "";
  EXPECT_TRUE(repo->update_group(renamed));
  EXPECT_EQ(repo->find_group(id)->name, "far-west");
  EXPECT_EQ(repo->find_group(id)->description, "");
  EXPECT_EQ(repo->find_group(id)->created_at, g.created_at);

  Group second;
  second.name = "south";
  std::int64_t second_id = repo->insert_group(second);
  Page page;
  page.limit = 1;
  auto first_page = repo->list_groups(page);
  ASSERT_EQ(first_page.size(), 1u);
  EXPECT_EQ(first_page[0].id, id);
  page.after_id = id;
  auto second_page = repo->list_groups(page);
  ASSERT_EQ(second_page.size(), 1u);
  EXPECT_EQ(second_page[0].id, second_id);
  EXPECT_EQ(second_page[0].name, "south");

  Group missing;
  missing.id = 9999;
  missing.name = "x";
  EXPECT_FALSE(repo->update_group(missing));
  EXPECT_FALSE(repo->find_group(9999).has_value());
}

TEST_F(StorageTest, DuplicateGroupNameIsConflict) {
  Group g;
  g.name = "same";
  repo->insert_group(g);
  EXPECT_THROW(repo->insert_group(g), Conflict);
  Group other;
  other.name = "other";
  other.id = repo->insert_group(other);
  other.name = "same";
  EXPECT_THROW(repo->update_group(other), Conflict);
}

TEST_F(StorageTest, DeletingAGroupInUseIsConflictAndKeepsIt) {
  Group g;
  g.name = "busy";
  std::int64_t group_id = repo->insert_group(g);
  Meter m = sample_meter("IN-GROUP");
  m.group_id = group_id;
  std::int64_t meter_id = repo->insert_meter(m);

  try {
    repo->delete_group(group_id);
    FAIL() << "expected Conflict";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find("1 meter"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(repo->find_group(group_id).has_value());

  EXPECT_TRUE(repo->delete_meter(meter_id));
  EXPECT_TRUE(repo->delete_group(group_id));
  EXPECT_FALSE(repo->find_group(group_id).has_value());
  EXPECT_FALSE(repo->delete_group(group_id));
}

}  // namespace
}  // namespace jemhead::storage::testing
