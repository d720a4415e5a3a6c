// Readings: load-profile upsert idempotence and range reads, registers, instantaneous
// values and log events, with their filters and the meter cascade (pushed alarms:
// alarms_test.cpp).
#include <gtest/gtest.h>

#include <chrono>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

LoadProfileValue lp(std::int64_t meter, std::uint8_t profile, std::uint16_t channel,
                    std::int64_t minutes, double value, std::uint32_t status = 0) {
  LoadProfileValue v;
  v.meter_id = meter;
  v.profile = profile;
  v.channel = channel;
  v.interval_end = minute(minutes);
  v.value = value;
  v.status = status;
  return v;
}

TEST_F(StorageTest, LoadProfileRoundTripInTimeThenChannelOrder) {
  std::int64_t meter = add_meter("LP-1");
  std::vector<LoadProfileValue> values = {
      lp(meter, 1, 2, 15, 2.5, interval_flag::power_outage), lp(meter, 1, 1, 15, 1.25),
      lp(meter, 1, 1, 30, -3.75, interval_flag::time_set | interval_flag::dst_active),
      lp(meter, 2, 1, 15, 99.0),  // other profile
  };
  repo->upsert_load_profile(values);

  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0].channel, 1);
  EXPECT_EQ(read[0].interval_end, minute(15));
  EXPECT_EQ(read[0].value, 1.25);
  EXPECT_EQ(read[0].status, 0u);
  EXPECT_EQ(read[1].channel, 2);
  EXPECT_EQ(read[1].interval_end, minute(15));
  EXPECT_EQ(read[1].value, 2.5);
  EXPECT_EQ(read[1].status, interval_flag::power_outage);
  EXPECT_EQ(read[2].channel, 1);
  EXPECT_EQ(read[2].interval_end, minute(30));
  EXPECT_EQ(read[2].value, -3.75);
  EXPECT_EQ(read[2].status, interval_flag::time_set | interval_flag::dst_active);
  for (const auto& v : read) {
    EXPECT_EQ(v.meter_id, meter);
    EXPECT_EQ(v.profile, 1);
  }

  auto second = repo->load_profile(meter, 2, {});
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].value, 99.0);
  EXPECT_EQ(second[0].profile, 2);
}

TEST_F(StorageTest, LoadProfileUpsertTwiceKeepsOneRowWithTheLatestValue) {
  std::int64_t meter = add_meter("LP-2");
  std::vector<LoadProfileValue> first = {
      lp(meter, 1, 3, 45, 10.0, interval_flag::partial_interval)};
  repo->upsert_load_profile(first);
  repo->upsert_load_profile(first);  // the very same write again: still one row
  std::vector<LoadProfileValue> corrected = {lp(meter, 1, 3, 45, 11.5, 0)};
  repo->upsert_load_profile(corrected);

  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].channel, 3);
  EXPECT_EQ(read[0].interval_end, minute(45));
  EXPECT_EQ(read[0].value, 11.5);
  EXPECT_EQ(read[0].status, 0u);
}

TEST_F(StorageTest, LoadProfileRangeIsFromInclusiveToExclusive) {
  std::int64_t meter = add_meter("LP-3");
  std::vector<LoadProfileValue> values;
  for (int i = 1; i <= 8; ++i) values.push_back(lp(meter, 1, 1, i * 15, i));
  repo->upsert_load_profile(values);

  TimeRange range;
  range.from = minute(30);
  range.to = minute(75);
  auto read = repo->load_profile(meter, 1, range);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0].interval_end, minute(30));
  EXPECT_EQ(read[1].interval_end, minute(45));
  EXPECT_EQ(read[2].interval_end, minute(60));

  TimeRange open_start;
  open_start.to = minute(30);
  EXPECT_EQ(repo->load_profile(meter, 1, open_start).size(), 1u);
  TimeRange open_end;
  open_end.from = minute(106);
  ASSERT_EQ(repo->load_profile(meter, 1, open_end).size(), 1u);
  EXPECT_EQ(repo->load_profile(meter, 1, open_end)[0].value, 8.0);
}

TEST_F(StorageTest, LoadProfileForUnknownMeterIsNotFoundAndWritesNothing) {
  std::int64_t meter = add_meter("LP-4");
  std::vector<LoadProfileValue> values = {lp(meter, 1, 1, 15, 1.0), lp(4040, 1, 1, 15, 2.0)};
  try {
    repo->upsert_load_profile(values);
    FAIL() << "expected NotFound";
  } catch (const NotFound& e) {
    EXPECT_NE(std::string(e.what()).find("4040"), std::string::npos) << e.what();
  }
  // The batch is one transaction: the valid first value was rolled back too.
  EXPECT_TRUE(repo->load_profile(meter, 1, {}).empty());
}

// Batches larger than one multi-row statement: a full chunk plus a remainder.
TEST_F(StorageTest, LargeLoadProfileBatchStoresEveryValueAndLaterDuplicatesWin) {
  std::int64_t meter = add_meter("LP-BIG");
  std::vector<LoadProfileValue> values;
  for (int interval = 1; interval <= 10; ++interval)
    for (std::uint16_t channel = 1; channel <= 16; ++channel)
      values.push_back(lp(meter, 1, channel, interval * 15, interval * 100.0 + channel));
  // The same key again inside the first statement's rows, with a new value.
  values[40] = lp(meter, 1, 1, 15, -1.0, interval_flag::data_invalid);
  repo->upsert_load_profile(values);  // 160 values: two chunks of 64 and 32 single rows

  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 159u);  // 160 written, one key twice
  EXPECT_EQ(read[0].channel, 1);
  EXPECT_EQ(read[0].interval_end, minute(15));
  EXPECT_EQ(read[0].value, -1.0);
  EXPECT_EQ(read[0].status, interval_flag::data_invalid);
  for (const auto& v : read) {
    auto interval = (v.interval_end - minute(0)) / std::chrono::minutes(15);
    EXPECT_FALSE(interval == 3 && v.channel == 9);  // replaced by the duplicate key
    if (interval == 1 && v.channel == 1) continue;  // the duplicate, checked above
    EXPECT_EQ(v.value, static_cast<double>(interval) * 100.0 + v.channel);
  }
}

TEST_F(StorageTest, UnknownMeterInsideAMultiRowChunkIsNamed) {
  std::int64_t meter = add_meter("LP-CHUNK");
  std::vector<LoadProfileValue> values;
  for (int i = 0; i < 100; ++i) values.push_back(lp(meter, 1, 1, i * 15, i));
  values[30].meter_id = 6061;
  try {
    repo->upsert_load_profile(values);
    FAIL() << "expected NotFound";
  } catch (const NotFound& e) {
    EXPECT_NE(std::string(e.what()).find("6061"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(repo->load_profile(meter, 1, {}).empty());
}

TEST_F(StorageTest, LoadProfileOutOfRangeChannelIsRefused) {
  std::int64_t meter = add_meter("LP-5");
  std::vector<LoadProfileValue> bad_channel = {lp(meter, 1, 17, 15, 1.0)};
  EXPECT_THROW(repo->upsert_load_profile(bad_channel), StorageError);
  std::vector<LoadProfileValue> bad_profile = {lp(meter, 3, 1, 15, 1.0)};
  EXPECT_THROW(repo->upsert_load_profile(bad_profile), StorageError);
  EXPECT_TRUE(repo->load_profile(meter, 3, {}).empty());
}

TEST_F(StorageTest, RegistersRoundTripInTimeOrderWithLimit) {
  std::int64_t meter = add_meter("R-1");
  std::vector<RegisterReading> readings(3);
  for (int i = 0; i < 3; ++i) {
    auto& r = readings[static_cast<std::size_t>(i)];
    r.meter_id = meter;
    r.register_id = "1.0.1.8." + std::to_string(i) + ".255";
    r.description = "Active import T" + std::to_string(i);
    r.value = 1000.125 * (i + 1);
    r.unit = i == 2 ? "kvarh" : "kWh";
    r.read_at = minute(60 - i * 10);  // inserted newest first
    r.source = "dlms";
  }
  repo->insert_registers(readings);

  auto read = repo->registers(meter, {}, 10);
  ASSERT_EQ(read.size(), 3u);
  // Oldest first: the third inserted reading.
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& expected = readings[2 - i];
    EXPECT_EQ(read[i].meter_id, meter);
    EXPECT_EQ(read[i].register_id, expected.register_id);
    EXPECT_EQ(read[i].description, expected.description);
    EXPECT_EQ(read[i].value, expected.value);
    EXPECT_EQ(read[i].unit, expected.unit);
    EXPECT_EQ(read[i].read_at, expected.read_at);
    EXPECT_EQ(read[i].source, expected.source);
  }
  auto limited = repo->registers(meter, {}, 2);
  ASSERT_EQ(limited.size(), 2u);
  EXPECT_EQ(limited[1].read_at, minute(50));
  TimeRange range;
  range.from = minute(50);
  auto ranged = repo->registers(meter, range, 10);
  ASSERT_EQ(ranged.size(), 2u);
  EXPECT_EQ(ranged[0].read_at, minute(50));
  EXPECT_TRUE(repo->registers(meter + 1, {}, 10).empty());
}

TEST_F(StorageTest, InstantaneousValuesRoundTrip) {
  std::int64_t meter = add_meter("I-1");
  InstantaneousValue v;
  v.meter_id = meter;
  v.quantity = "voltage";
  v.phase = "B";
  v.value = 230.75;
  v.unit = "V";
  v.read_at = at_us(1'700'000'000'000'007);
  v.source = "modbus";
  InstantaneousValue w = v;
  w.quantity = "frequency";
  w.phase = "total";
  w.value = 49.98;
  w.unit = "Hz";
  w.read_at = at_us(1'700'000'000'000'008);
  std::vector<InstantaneousValue> values = {v, w};
  repo->insert_instantaneous(values);

  auto read = repo->instantaneous(meter, {}, 100);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].meter_id, meter);
  EXPECT_EQ(read[0].quantity, "voltage");
  EXPECT_EQ(read[0].phase, "B");
  EXPECT_EQ(read[0].value, 230.75);
  EXPECT_EQ(read[0].unit, "V");
  EXPECT_EQ(read[0].read_at, v.read_at);
  EXPECT_EQ(read[0].source, "modbus");
  EXPECT_EQ(read[1].quantity, "frequency");
  EXPECT_EQ(read[1].phase, "total");
  EXPECT_EQ(read[1].value, 49.98);
  EXPECT_EQ(read[1].unit, "Hz");
  EXPECT_EQ(read[1].read_at, w.read_at);
  EXPECT_EQ(repo->instantaneous(meter, {}, 1).size(), 1u);
}

TEST_F(StorageTest, LogEventsRoundTripWithPagingAndRange) {
  std::int64_t meter = add_meter("E-1");
  std::vector<LogEvent> events(5);
  for (int i = 0; i < 5; ++i) {
    auto& e = events[static_cast<std::size_t>(i)];
    e.meter_id = meter;
    e.log = i % 2 ? "security" : "event";
    e.event_time = minute(i);
    e.code = "C" + std::to_string(i);
    e.description = "Event number " + std::to_string(i);
    e.raw = std::string("\x01\x02raw", 5) + std::to_string(i);
  }
  repo->insert_events(events);

  Page page;
  page.limit = 3;
  auto first = repo->events(meter, {}, page);
  ASSERT_EQ(first.size(), 3u);
  page.after_id = first.back().id;
  auto rest = repo->events(meter, {}, page);
  ASSERT_EQ(rest.size(), 2u);
  std::vector<LogEvent> all = first;
  all.insert(all.end(), rest.begin(), rest.end());
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_GT(all[i].id, i == 0 ? 0 : all[i - 1].id);
    EXPECT_EQ(all[i].meter_id, meter);
    EXPECT_EQ(all[i].log, events[i].log);
    EXPECT_EQ(all[i].event_time, events[i].event_time);
    EXPECT_EQ(all[i].code, events[i].code);
    EXPECT_EQ(all[i].description, events[i].description);
    EXPECT_EQ(all[i].raw, events[i].raw);
  }
  TimeRange range;
  range.from = minute(1);
  range.to = minute(3);
  auto ranged = repo->events(meter, range, {});
  ASSERT_EQ(ranged.size(), 2u);
  EXPECT_EQ(ranged[0].code, "C1");
  EXPECT_EQ(ranged[1].code, "C2");
}

TEST_F(StorageTest, DeletingAMeterDeletesItsReadings) {
  std::int64_t meter = add_meter("CASCADE");
  std::int64_t keeper = add_meter("KEEPER");
  std::vector<LoadProfileValue> values = {lp(meter, 1, 1, 15, 1.0), lp(keeper, 1, 1, 15, 2.0)};
  repo->upsert_load_profile(values);
  RegisterReading r;
  r.meter_id = meter;
  r.register_id = "1";
  std::vector<RegisterReading> regs = {r};
  repo->insert_registers(regs);
  LogEvent e;
  e.meter_id = meter;
  e.log = "event";
  std::vector<LogEvent> evs = {e};
  repo->insert_events(evs);
  repo->set_checkpoint(meter, "lp", "x");

  ASSERT_TRUE(repo->delete_meter(meter));
  EXPECT_TRUE(repo->load_profile(meter, 1, {}).empty());
  EXPECT_TRUE(repo->registers(meter, {}, 10).empty());
  EXPECT_TRUE(repo->events(meter, {}, {}).empty());
  EXPECT_FALSE(repo->checkpoint(meter, "lp").has_value());
  ASSERT_EQ(repo->load_profile(keeper, 1, {}).size(), 1u);
}

}  // namespace
}  // namespace jemhead::storage::testing
