// What a job's readings leave in storage: the rows, the "latest read" checkpoints, and
// status edges against the previous snapshot.
#include "engine/reading_store.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jemhead::engine {
namespace {

using std::chrono::minutes;

UtcTime at(const char* iso) {
  const auto t = parse_iso8601(iso);
  if (!t) throw std::invalid_argument(iso);
  return *t;
}

const UtcTime kT0 = at("2026-01-15T12:00:00Z");

StatusSnapshot snapshot(UtcTime read_at, std::vector<StatusPoint> points) {
  return StatusSnapshot{read_at, std::move(points)};
}

class EngineRuntimeReadingStore : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    meter_ = add_meter("JS2-0001");
  }
  std::int64_t add_meter(const std::string& serial) {
    Meter m;
    m.serial = serial;
    m.name = "Feeder " + serial;
    return repo_->insert_meter(m);
  }
  std::size_t status(std::int64_t meter, const StatusSnapshot& s) {
    std::size_t edges = 0;
    repo_->transact([&](storage::Store& store) { edges = store_status(store, meter, s); });
    return edges;
  }
  std::vector<LogEvent> events(std::int64_t meter) { return repo_->events(meter, {}, {}); }

  static RegisterReading reading(std::int64_t meter, const std::string& id, double value,
                                 UtcTime read_at) {
    RegisterReading r;
    r.meter_id = meter;
    r.register_id = id;
    r.value = value;
    r.unit = "kWh";
    r.read_at = read_at;
    r.source = "modbus";
    return r;
  }
  static InstantaneousValue instant(std::int64_t meter, const std::string& phase, double value,
                                    UtcTime read_at) {
    InstantaneousValue v;
    v.meter_id = meter;
    v.quantity = "voltage";
    v.phase = phase;
    v.value = value;
    v.unit = "V";
    v.read_at = read_at;
    v.source = "modbus";
    return v;
  }

  std::unique_ptr<storage::Repository> repo_;
  std::int64_t meter_ = 0;
};

TEST_F(EngineRuntimeReadingStore, FirstSnapshotReportsActivePointsAsSet) {
  const auto first = snapshot(
      kT0, {{"system.battery_failure", true}, {"system.dst", false}, {"trigger.bit_5", true}});
  EXPECT_EQ(status(meter_, first), 2u);

  const auto stored = events(meter_);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].log, "status");
  EXPECT_EQ(stored[0].meter_id, meter_);
  EXPECT_EQ(stored[0].event_time, kT0);
  EXPECT_EQ(stored[0].code, "system.battery_failure");
  EXPECT_EQ(stored[0].description, "set");
  EXPECT_EQ(stored[0].raw, R"({"point":"system.battery_failure","active":true})");
  EXPECT_EQ(stored[1].code, "trigger.bit_5");
  EXPECT_EQ(stored[1].description, "set");

  auto latest = latest_status(*repo_, meter_);
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest, first);
}

TEST_F(EngineRuntimeReadingStore, LaterSnapshotsStoreOnlyTheChanges) {
  status(meter_, snapshot(kT0, {{"system.battery_failure", true}, {"system.dst", false}}));
  const UtcTime t1 = kT0 + minutes(5);
  EXPECT_EQ(status(meter_, snapshot(t1, {{"system.battery_failure", false},
                                         {"system.dst", true},
                                         {"system.cover_removed", true}})),
            3u);
  auto stored = events(meter_);
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_EQ(stored[1].code, "system.battery_failure");
  EXPECT_EQ(stored[1].description, "cleared");
  EXPECT_EQ(stored[1].event_time, t1);
  EXPECT_EQ(stored[1].raw, R"({"point":"system.battery_failure","active":false})");
  EXPECT_EQ(stored[2].code, "system.dst");
  EXPECT_EQ(stored[2].description, "set");
  EXPECT_EQ(stored[3].code, "system.cover_removed");
  EXPECT_EQ(stored[3].description, "set");

  // Nothing changed: no events, but the snapshot (and its read time) still advances.
  const UtcTime t2 = kT0 + minutes(10);
  const auto same = snapshot(
      t2,
      {{"system.battery_failure", false}, {"system.dst", true}, {"system.cover_removed", true}});
  EXPECT_EQ(status(meter_, same), 0u);
  EXPECT_EQ(events(meter_).size(), 4u);
  EXPECT_EQ(latest_status(*repo_, meter_), same);

  // A point missing from a read is unknown, not cleared.
  EXPECT_EQ(status(meter_, snapshot(kT0 + minutes(15), {{"system.battery_failure", false}})), 0u);
  EXPECT_EQ(events(meter_).size(), 4u);
}

TEST_F(EngineRuntimeReadingStore, SnapshotsArePerMeter) {
  const auto other = add_meter("JS2-0002");
  status(meter_, snapshot(kT0, {{"system.dst", true}}));
  EXPECT_EQ(status(other, snapshot(kT0, {{"system.dst", true}})), 1u);
  EXPECT_EQ(events(other).size(), 1u);
  EXPECT_EQ(events(meter_).size(), 1u);
  EXPECT_FALSE(latest_status(*repo_, add_meter("JS2-0003")));
}

TEST_F(EngineRuntimeReadingStore, DamagedSnapshotCheckpointCountsAsNoPreviousSnapshot) {
  repo_->set_checkpoint(meter_, kStatusSnapshotKey, "not a snapshot");
  EXPECT_FALSE(latest_status(*repo_, meter_));
  EXPECT_EQ(
      status(meter_, snapshot(kT0, {{"system.dst", true}, {"system.battery_failure", false}})), 1u);
  EXPECT_EQ(events(meter_).size(), 1u);
  EXPECT_TRUE(latest_status(*repo_, meter_));
}

TEST_F(EngineRuntimeReadingStore, StatusEventsRollBackWithTheTransaction) {
  EXPECT_THROW(repo_->transact([&](storage::Store& s) {
    store_status(s, meter_, snapshot(kT0, {{"system.dst", true}}));
    throw std::runtime_error("job failed later");
  }),
               std::runtime_error);
  EXPECT_TRUE(events(meter_).empty());
  EXPECT_FALSE(latest_status(*repo_, meter_));
}

TEST_F(EngineRuntimeReadingStore, RegistersAdvanceTheLatestReadCheckpoint) {
  const UtcTime t1 = kT0 + minutes(1), t2 = kT0 + minutes(2);
  const std::vector<RegisterReading> batch{
      reading(meter_, "1", 10, kT0), reading(meter_, "2", 20, t2), reading(meter_, "3", 30, t1)};
  store_registers(*repo_, meter_, batch);
  EXPECT_EQ(repo_->registers(meter_, {}, 100).size(), 3u);
  EXPECT_EQ(repo_->checkpoint(meter_, kLatestRegistersKey), format_iso8601(t2));
  EXPECT_FALSE(repo_->checkpoint(meter_, kLatestInstantaneousKey));

  // An older batch (a late retry) is stored but does not move the checkpoint back.
  const std::vector<RegisterReading> older{reading(meter_, "1", 9, kT0 - minutes(30))};
  store_registers(*repo_, meter_, older);
  EXPECT_EQ(repo_->registers(meter_, {}, 100).size(), 4u);
  EXPECT_EQ(repo_->checkpoint(meter_, kLatestRegistersKey), format_iso8601(t2));

  const UtcTime t3 = kT0 + minutes(3);
  const std::vector<RegisterReading> newer{reading(meter_, "1", 11, t3)};
  store_registers(*repo_, meter_, newer);
  EXPECT_EQ(repo_->checkpoint(meter_, kLatestRegistersKey), format_iso8601(t3));

  // Nothing read: nothing stored, checkpoint untouched.
  store_registers(*repo_, meter_, {});
  EXPECT_EQ(repo_->registers(meter_, {}, 100).size(), 5u);
  EXPECT_EQ(repo_->checkpoint(meter_, kLatestRegistersKey), format_iso8601(t3));
}

TEST_F(EngineRuntimeReadingStore, InstantaneousValuesAdvanceTheirOwnCheckpoint) {
  repo_->set_checkpoint(meter_, kLatestInstantaneousKey, "garbage");  // overwritten
  const UtcTime t1 = kT0 + minutes(1);
  const std::vector<InstantaneousValue> batch{instant(meter_, "A", 230.1, t1),
                                              instant(meter_, "B", 229.8, t1)};
  store_instantaneous(*repo_, meter_, batch);
  EXPECT_EQ(repo_->instantaneous(meter_, {}, 100).size(), 2u);
  EXPECT_EQ(repo_->checkpoint(meter_, kLatestInstantaneousKey), format_iso8601(t1));
  EXPECT_FALSE(repo_->checkpoint(meter_, kLatestRegistersKey));

  const std::vector<InstantaneousValue> older{instant(meter_, "A", 231.0, kT0)};
  store_instantaneous(*repo_, meter_, older);
  EXPECT_EQ(repo_->checkpoint(meter_, kLatestInstantaneousKey), format_iso8601(t1));
}

}  // namespace
}  // namespace jemhead::engine
