// Migration 5: load-profile channel layouts (replace on upsert, per profile, cascade) and
// clock readings (insert, newest-first paging, time range, the kind check), plus a
// meter's checkpoints by prefix.
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

LoadProfileChannel channel(std::uint16_t n, const std::string& obis, const std::string& unit) {
  LoadProfileChannel c;
  c.channel = n;
  c.obis = obis;
  c.quantity = "q" + std::to_string(n);
  c.phase = n % 2 ? "A" : "total";
  c.description = "Channel " + std::to_string(n) + " words";
  c.unit = unit;
  return c;
}

LoadProfileLayout layout(std::uint8_t profile, std::uint32_t period,
                         std::vector<LoadProfileChannel> channels) {
  LoadProfileLayout l;
  l.profile = profile;
  l.capture_period_s = period;
  l.channels = std::move(channels);
  return l;
}

ClockRecord clock(std::int64_t meter, std::int64_t head_end_minute, std::int64_t offset_us,
                  const std::string& kind, std::optional<std::int64_t> job = std::nullopt) {
  ClockRecord r;
  r.reading.meter_id = meter;
  r.reading.head_end_time = minute(head_end_minute);
  r.reading.meter_time = minute(head_end_minute) + Micros(offset_us);
  r.reading.source = "dlms";
  r.kind = kind;
  r.job_run_id = job;
  return r;
}

TEST_F(StorageTest, LoadProfileLayoutRoundTripsPerProfile) {
  const auto meter = add_meter("LAY-1");
  repo->upsert_load_profile_layout(
      meter,
      layout(1, 900, {channel(1, "1.0.1.29.0.255", "kWh"), channel(2, "1.0.2.29.0.255", "kWh")}));
  repo->upsert_load_profile_layout(meter, layout(2, 300, {channel(1, "1.0.32.27.0.255", "V")}));

  const auto stored = repo->load_profile_layouts(meter);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].profile, 1);
  EXPECT_EQ(stored[0].capture_period_s, 900u);
  ASSERT_EQ(stored[0].channels.size(), 2u);
  EXPECT_EQ(stored[0].channels[1].channel, 2);
  EXPECT_EQ(stored[0].channels[1].obis, "1.0.2.29.0.255");
  EXPECT_EQ(stored[0].channels[1].quantity, "q2");
  EXPECT_EQ(stored[0].channels[1].phase, "total");
  EXPECT_EQ(stored[0].channels[1].description, "Channel 2 words");
  EXPECT_EQ(stored[0].channels[1].unit, "kWh");
  EXPECT_EQ(stored[1].profile, 2);
  EXPECT_EQ(stored[1].capture_period_s, 300u);
  ASSERT_EQ(stored[1].channels.size(), 1u);
  EXPECT_EQ(stored[1].channels[0].unit, "V");
  EXPECT_TRUE(repo->load_profile_layouts(add_meter("LAY-EMPTY")).empty());
}

TEST_F(StorageTest, LoadProfileLayoutUpsertReplacesTheStoredOne) {
  const auto meter = add_meter("LAY-2");
  repo->upsert_load_profile_layout(
      meter, layout(1, 900,
                    {channel(1, "1.0.1.29.0.255", "kWh"), channel(2, "1.0.2.29.0.255", "kWh"),
                     channel(3, "1.0.3.29.0.255", "kvarh")}));
  // Reconfigured: shorter period, two channels, the second one another quantity.
  repo->upsert_load_profile_layout(
      meter,
      layout(1, 300, {channel(1, "1.0.1.29.0.255", "kWh"), channel(2, "1.0.32.27.0.255", "V")}));
  const auto stored = repo->load_profile_layouts(meter);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].capture_period_s, 300u);
  ASSERT_EQ(stored[0].channels.size(), 2u);
  EXPECT_EQ(stored[0].channels[1].obis, "1.0.32.27.0.255");
  EXPECT_EQ(stored[0].channels[1].unit, "V");
}

TEST_F(StorageTest, LoadProfileLayoutOfUnknownMeterIsNotFoundAndGoesWithItsMeter) {
  EXPECT_THROW(repo->upsert_load_profile_layout(999, layout(1, 900, {channel(1, "x", "kWh")})),
               NotFound);
  const auto meter = add_meter("LAY-3");
  repo->upsert_load_profile_layout(meter, layout(1, 900, {channel(1, "x", "kWh")}));
  ASSERT_TRUE(repo->delete_meter(meter));
  EXPECT_TRUE(repo->load_profile_layouts(meter).empty());
}

TEST_F(StorageTest, ClockReadingsAreListedNewestFirstWithPagingAndRange) {
  const auto meter = add_meter("CLK-1");
  const auto other = add_meter("CLK-2");
  const auto a = repo->insert_clock_reading(clock(meter, 0, 1'500'000, "check"));
  const auto b = repo->insert_clock_reading(clock(meter, 10, -7'250'000, "sync_before", 42));
  const auto c = repo->insert_clock_reading(clock(meter, 10, 3'000, "sync_after", 42));
  repo->insert_clock_reading(clock(other, 5, 1, "check"));

  auto all = repo->clock_readings(meter, {}, {0, 100});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, c);
  EXPECT_EQ(all[1].id, b);
  EXPECT_EQ(all[2].id, a);
  EXPECT_EQ(all[1].kind, "sync_before");
  EXPECT_EQ(all[1].job_run_id, std::optional<std::int64_t>(42));
  EXPECT_EQ(all[1].reading.offset_us(), -7'250'000);
  EXPECT_EQ(all[1].reading.head_end_time, minute(10));
  EXPECT_EQ(all[1].reading.source, "dlms");
  EXPECT_EQ(all[1].reading.meter_id, meter);
  EXPECT_FALSE(all[2].job_run_id.has_value());
  EXPECT_EQ(all[2].reading.offset_us(), 1'500'000);

  auto page = repo->clock_readings(meter, {}, {c, 1});  // older than c, one row
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, b);

  TimeRange early{minute(0), minute(10)};  // [from, to): only the check at minute 0
  auto ranged = repo->clock_readings(meter, early, {0, 100});
  ASSERT_EQ(ranged.size(), 1u);
  EXPECT_EQ(ranged[0].id, a);
}

TEST_F(StorageTest, ClockReadingRefusesUnknownKindAndUnknownMeter) {
  const auto meter = add_meter("CLK-3");
  EXPECT_THROW(repo->insert_clock_reading(clock(meter, 0, 0, "guess")), StorageError);
  EXPECT_THROW(repo->insert_clock_reading(clock(12345, 0, 0, "check")), NotFound);
  EXPECT_TRUE(repo->clock_readings(meter, {}, {0, 100}).empty());
}

TEST_F(StorageTest, MeterCheckpointsByPrefixAreOneMetersOnly) {
  const auto meter = add_meter("CP-1");
  const auto other = add_meter("CP-2");
  repo->set_checkpoint(meter, "events.security.last_time", "2026-01-01T00:00:00.000000Z");
  repo->set_checkpoint(meter, "events.event.last_time", "2026-01-02T00:00:00.000000Z");
  repo->set_checkpoint(meter, "load_profile.1.last_interval_end", "x");
  repo->set_checkpoint(other, "events.event.last_time", "y");
  auto found = repo->meter_checkpoints(meter, "events.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].key, "events.event.last_time");
  EXPECT_EQ(found[0].value, "2026-01-02T00:00:00.000000Z");
  EXPECT_EQ(found[0].meter_id, meter);
  EXPECT_EQ(found[1].key, "events.security.last_time");
}

}  // namespace
}  // namespace jemhead::storage::testing
