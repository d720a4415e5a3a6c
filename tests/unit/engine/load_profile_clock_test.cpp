// Load profile, clock and log collection through the real engine (run now, job runner,
// commit queue) against a fake DLMS meter: chunked reads from the checkpoint, each chunk
// stored with its checkpoint before the job ends, the checkpoint after a link dropped
// mid-transfer and the resume, a meter deleted mid-job, a missing profile 2,
// layout changes, idempotence; clock check and sync with tolerances; logs read
// incrementally. Plus the pure helpers behind them.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <functional>
#include <thread>

#include "engine/clock_sync.hpp"
#include "engine/collection_engine.hpp"
#include "engine/load_profile_collection.hpp"
#include "engine/reading_store.hpp"
#include "engine/schedule_document.hpp"
#include "storage/repository.hpp"
#include "tests/unit/engine/fake_lp_meter.hpp"

namespace jemhead::testing {
namespace {

using namespace std::chrono_literals;
using engine::JobKind;

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

class EngineLpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    meter_ = std::make_shared<FakeLpMeter>();
    meter_->lp_start = grid_floor(utc_now() - 3 * 24h + 1h, meter_->period_s);
    drivers_.add(Protocol::dlms, [m = meter_] { return std::make_unique<FakeLpDriver>(m); });
    io_thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (engine_) engine_->stop(1s);
    engine_.reset();
    work_.reset();
    io_.stop();
    io_thread_.join();
    repo_->close();
  }

  void start_engine(std::chrono::hours chunk = 24h, std::chrono::hours first = 24h * 4) {
    engine::EngineOptions options;
    options.enabled = false;  // run-now only: nothing fires on its own during a test
    options.load_profile_chunk = chunk;
    options.load_profile_first_read = first;
    engine_ =
        std::make_shared<engine::CollectionEngine>(*repo_, drivers_, io_.get_executor(), options);
    engine_->start();
  }

  std::int64_t add_meter(const std::string& serial, std::uint32_t retries = 0,
                         const std::string& options_json = "{}",
                         std::optional<std::int64_t> group = std::nullopt,
                         const std::string& schedules = "{}") {
    Meter m;
    m.serial = serial;
    m.group_id = group;
    m.schedules_json = schedules;
    const auto id = repo_->insert_meter(m);
    ConnectionProfile p;
    p.meter_id = id;
    p.name = "eth";
    p.protocol = Protocol::dlms;
    p.transport = Transport::tcp;
    p.host = "127.0.0.1";
    p.is_default = true;
    p.retries = retries;
    p.retry_delay_s = 0;
    p.options_json = options_json;
    repo_->insert_connection(p);
    return id;
  }

  // Runs `kinds` now and waits for the job run; returns it.
  JobRun run(std::int64_t meter, std::vector<JobKind> kinds) {
    storage::JobFilter f;
    f.meter_id = meter;
    const auto before = repo_->job_runs(f, {0, 1000}).size();
    engine_->run_now({meter}, kinds);
    EXPECT_TRUE(eventually([&] { return repo_->job_runs(f, {0, 1000}).size() > before; }));
    auto runs = repo_->job_runs(f, {0, 1});
    return runs.empty() ? JobRun{} : runs.front();
  }

  // Intervals up to `until` already stored, with their checkpoint.
  void preload(std::int64_t meter, UtcTime until) {
    auto values = meter_->truth(1, std::nullopt, until);
    for (auto& v : values) v.meter_id = meter;
    repo_->upsert_load_profile(values);
    repo_->set_checkpoint(meter, engine::load_profile_checkpoint_key(1), format_iso8601(until));
  }

  std::optional<UtcTime> lp_checkpoint(std::int64_t meter, int profile = 1) {
    const auto text = repo_->checkpoint(
        meter, engine::load_profile_checkpoint_key(static_cast<std::uint8_t>(profile)));
    return text ? parse_iso8601(*text) : std::nullopt;
  }

  // Stored values equal the fake meter's truth up to the checkpoint, exactly.
  void expect_stored_equals_truth(std::int64_t meter, std::uint8_t profile) {
    const auto checkpoint = lp_checkpoint(meter, profile);
    ASSERT_TRUE(checkpoint.has_value());
    const auto stored = repo_->load_profile(meter, profile, {});
    const auto truth = meter_->truth(profile, std::nullopt, *checkpoint);
    ASSERT_EQ(stored.size(), truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
      EXPECT_EQ(stored[i].interval_end, truth[i].interval_end) << i;
      EXPECT_EQ(stored[i].channel, truth[i].channel) << i;
      EXPECT_DOUBLE_EQ(stored[i].value, truth[i].value) << i;
      EXPECT_EQ(stored[i].status, truth[i].status) << i;
    }
  }

  std::unique_ptr<storage::Repository> repo_;
  std::shared_ptr<FakeLpMeter> meter_;
  drivers::DriverRegistry drivers_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::thread io_thread_;
  std::shared_ptr<engine::CollectionEngine> engine_;
};

TEST_F(EngineLpTest, FirstLoadProfileReadIsChunkedAndStoresLayoutAndCheckpoint) {
  start_engine();
  meter_->outages = {{meter_->lp_start + 10h, meter_->lp_start + 12h}};
  const auto id = add_meter("LP-FIRST");
  const auto r = run(id, {JobKind::load_profile});
  EXPECT_EQ(r.outcome, "ok") << r.error;

  // Four days back: one empty day, then (growing over the empty start) two days, then
  // one-day chunks up to the meter's present; profile 2 was asked once and is absent.
  ASSERT_GE(meter_->requests.size(), 4u);
  const auto& first = meter_->requests.front();
  ASSERT_TRUE(first.after.has_value());
  ASSERT_TRUE(first.to.has_value());
  EXPECT_EQ(*first.to - *first.after, Micros(24h));
  EXPECT_EQ(meter_->requests[1].to.value() - meter_->requests[1].after.value(), Micros(48h));
  EXPECT_EQ(meter_->requests[1].after, first.to);
  EXPECT_EQ(meter_->requests.back().profile, 2);
  for (std::size_t i = 0; i + 1 < meter_->requests.size(); ++i)
    EXPECT_EQ(meter_->requests[i].profile, 1) << i;
  EXPECT_EQ(meter_->read_clock_calls, 1);  // the present is the meter's clock

  expect_stored_equals_truth(id, 1);
  const auto stored = repo_->load_profile(id, 1, {});
  EXPECT_EQ(r.values, static_cast<std::int64_t>(stored.size()));
  // The outage is missing, not invented, and the interval after it carries the flag.
  const auto outage_rows =
      repo_->load_profile(id, 1, {meter_->lp_start + 10h, meter_->lp_start + 12h + 1s});
  EXPECT_TRUE(outage_rows.empty());
  const auto after = repo_->load_profile(
      id, 1, {meter_->lp_start + 12h + 15min, meter_->lp_start + 12h + 15min + 1s});
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].status, interval_flag::power_outage);
  // The checkpoint is the newest interval end (within one period of now).
  const auto cp = lp_checkpoint(id);
  ASSERT_TRUE(cp.has_value());
  EXPECT_EQ(*cp, stored.back().interval_end);
  EXPECT_LE(utc_now() - *cp, Micros(15min) + Micros(1s));

  const auto layouts = repo_->load_profile_layouts(id);
  ASSERT_EQ(layouts.size(), 1u);
  EXPECT_EQ(layouts[0].profile, 1);
  EXPECT_EQ(layouts[0].capture_period_s, 900u);
  ASSERT_EQ(layouts[0].channels.size(), 2u);
  EXPECT_EQ(layouts[0].channels[1].unit, "kvarh");
  EXPECT_FALSE(lp_checkpoint(id, 2).has_value());
}

TEST_F(EngineLpTest, LinkDroppedMidTransferKeepsCompletedChunksAndNextCycleResumes) {
  start_engine();
  const auto id = add_meter("LP-DROP", /*retries=*/0);
  // Already collected up to the first day; three more days to read in one-day chunks.
  const auto start_cp = meter_->lp_start + 23h;
  preload(id, start_cp);
  meter_->fail_on_lp_call = 2;

  const auto failed = run(id, {JobKind::load_profile});
  EXPECT_EQ(failed.outcome, "failed");
  EXPECT_EQ(failed.error_type, "connection_failed");
  ASSERT_EQ(meter_->requests.size(), 2u);
  EXPECT_EQ(meter_->requests[0].after, start_cp);
  EXPECT_EQ(meter_->requests[0].to, start_cp + 24h);
  // The first chunk is stored and the checkpoint covers exactly it.
  const auto cp = lp_checkpoint(id);
  ASSERT_TRUE(cp.has_value());
  EXPECT_EQ(*cp, grid_floor(start_cp + 24h, meter_->period_s));
  const auto first_chunk = meter_->truth(1, start_cp, start_cp + 24h);
  EXPECT_EQ(failed.values, static_cast<std::int64_t>(first_chunk.size()));
  expect_stored_equals_truth(id, 1);

  // Next cycle: resumes at the checkpoint and completes; nothing is stored twice.
  meter_->fail_on_lp_call = 0;
  const auto resumed = run(id, {JobKind::load_profile});
  EXPECT_EQ(resumed.outcome, "ok") << resumed.error;
  ASSERT_GE(meter_->requests.size(), 3u);
  EXPECT_EQ(meter_->requests[2].after, *cp);
  expect_stored_equals_truth(id, 1);
  EXPECT_GT(lp_checkpoint(id).value(), *cp);
}

// Each chunk is committed with its checkpoint as it completes: while the meter holds the
// third chunk's request, the first two are already stored and the checkpoint is the second's.
TEST_F(EngineLpTest, EachChunkIsStoredWithItsCheckpointBeforeTheJobEnds) {
  start_engine();
  const auto id = add_meter("LP-CHUNKS");
  const auto start_cp = meter_->lp_start + 11h;  // chunk 3 brings the last 12 hours
  preload(id, start_cp);
  const auto preloaded = repo_->load_profile(id, 1, {}).size();
  meter_->hold_on_lp_call = 3;
  storage::JobFilter f;
  f.meter_id = id;
  engine_->run_now({id}, {JobKind::load_profile});
  ASSERT_TRUE(eventually([&] { return meter_->held.load(); }));

  const auto second_chunk_end = start_cp + 48h;  // on the 15-minute grid, before the present
  EXPECT_TRUE(eventually([&] { return lp_checkpoint(id) == second_chunk_end; }));
  EXPECT_TRUE(repo_->job_runs(f, {0, 10}).empty());  // the job is still reading
  expect_stored_equals_truth(id, 1);                 // exactly chunks 1 and 2, no more
  EXPECT_EQ(repo_->load_profile(id, 1, {}).size(),
            meter_->truth(1, std::nullopt, second_chunk_end).size());
  EXPECT_EQ(repo_->load_profile_layouts(id).size(), 1u);  // the layout came with chunk 1

  meter_->released = true;
  ASSERT_TRUE(eventually([&] { return !repo_->job_runs(f, {0, 10}).empty(); }));
  const auto r = repo_->job_runs(f, {0, 1}).front();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  expect_stored_equals_truth(id, 1);
  EXPECT_GT(lp_checkpoint(id).value(), second_chunk_end);
  // The run counts every value its chunks stored.
  EXPECT_EQ(r.values, static_cast<std::int64_t>(repo_->load_profile(id, 1, {}).size() - preloaded));
}

// A meter deleted while its job reads: the next chunk's commit finds no meter, the job stops
// reading and stores nothing more (no job run), and the engine goes on.
TEST_F(EngineLpTest, MeterDeletedMidJobStopsStoringItsChunks) {
  start_engine();
  const auto id = add_meter("LP-GONE");
  const auto start_cp = meter_->lp_start + 23h;
  preload(id, start_cp);
  meter_->hold_on_lp_call = 2;
  engine_->run_now({id}, {JobKind::load_profile});
  ASSERT_TRUE(eventually([&] { return meter_->held.load(); }));
  ASSERT_TRUE(eventually([&] { return lp_checkpoint(id) == start_cp + 24h; }));  // chunk 1
  ASSERT_TRUE(repo_->delete_meter(id));
  meter_->released = true;
  ASSERT_TRUE(eventually([&] { return engine_->status().jobs_finished == 1; }));
  // Chunk 3 was read while chunk 2 committed; its take() met chunk 2's failure, so the
  // job stopped there: profile 2 was never asked for.
  std::lock_guard lock(meter_->mutex);
  EXPECT_EQ(meter_->lp_calls, 3);
  for (const auto& r : meter_->requests) EXPECT_EQ(r.profile, 1);
  storage::JobFilter f;
  f.meter_id = id;
  EXPECT_TRUE(repo_->job_runs(f, {0, 10}).empty());
}

TEST_F(EngineLpTest, LinkDroppedWithRetriesResumesWithinTheJob) {
  start_engine();
  const auto id = add_meter("LP-RETRY", /*retries=*/1);
  const auto start_cp = meter_->lp_start + 23h;
  preload(id, start_cp);
  meter_->fail_on_lp_call = 2;
  const auto r = run(id, {JobKind::load_profile});
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.attempts, 2);
  ASSERT_GE(meter_->requests.size(), 3u);
  // The reconnected session asks again for the chunk that broke, not from the start.
  EXPECT_EQ(meter_->requests[2].after, meter_->requests[1].after);
  expect_stored_equals_truth(id, 1);
}

TEST_F(EngineLpTest, RecollectingTheSameIntervalsKeepsOneRowEach) {
  start_engine();
  const auto id = add_meter("LP-IDEM");
  run(id, {JobKind::load_profile});
  const auto once = repo_->load_profile(id, 1, {});
  // Rewind the checkpoint: the same intervals come again and are upserted, not added.
  repo_->set_checkpoint(id, engine::load_profile_checkpoint_key(1),
                        format_iso8601(meter_->lp_start));
  const auto again = run(id, {JobKind::load_profile});
  EXPECT_EQ(again.outcome, "ok");
  EXPECT_GE(again.values, static_cast<std::int64_t>(once.size()) - 2);
  const auto twice = repo_->load_profile(id, 1, {});
  EXPECT_GE(twice.size(), once.size());
  EXPECT_LE(twice.size(), once.size() + 2);  // at most one new interval meanwhile
  expect_stored_equals_truth(id, 1);
}

TEST_F(EngineLpTest, BothProfilesAreCollectedWhenTheMeterHasProfileTwo) {
  start_engine();
  meter_->has_profile_2 = true;
  const auto id = add_meter("LP-TWO");
  const auto r = run(id, {JobKind::load_profile});
  EXPECT_EQ(r.outcome, "ok") << r.error;
  expect_stored_equals_truth(id, 1);
  expect_stored_equals_truth(id, 2);
  EXPECT_EQ(repo_->load_profile_layouts(id).size(), 2u);
  EXPECT_EQ(r.values, static_cast<std::int64_t>(repo_->load_profile(id, 1, {}).size() +
                                                repo_->load_profile(id, 2, {}).size()));
}

TEST_F(EngineLpTest, LayoutChangeIsLoggedAndTheNewLayoutStored) {
  start_engine();
  const auto id = add_meter("LP-LAYOUT");
  run(id, {JobKind::load_profile});
  meter_->channel_1_obis = "1.0.32.27.0.255";
  meter_->period_s = 900;
  run(id, {JobKind::load_profile});
  const auto layouts = repo_->load_profile_layouts(id);
  ASSERT_EQ(layouts.size(), 1u);
  EXPECT_EQ(layouts[0].channels[0].obis, "1.0.32.27.0.255");
  std::vector<LogEvent> notes;
  for (auto& e : repo_->events(id, {}, {0, 1000}))
    if (e.log == engine::kHeadEndLog) notes.push_back(e);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].code, engine::kLayoutChangedCode);
  EXPECT_NE(notes[0].description.find("1.0.1.29.0.255, 1.0.2.29.0.255] -> [1.0.32.27.0.255"),
            std::string::npos)
      << notes[0].description;
}

// ---- clock ---------------------------------------------------------------------------

TEST_F(EngineLpTest, ClockCheckRecordsTheOffset) {
  start_engine();
  meter_->clock_offset = Micros(2'500'000);
  const auto id = add_meter("CLK-CHECK");
  const auto r = run(id, {JobKind::clock_check});
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.values, 1);
  const auto readings = repo_->clock_readings(id, {}, {0, 10});
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_EQ(readings[0].kind, "check");
  EXPECT_EQ(readings[0].reading.offset_us(), 2'500'000);
  EXPECT_EQ(readings[0].reading.source, "dlms");
  EXPECT_EQ(readings[0].job_run_id, std::optional<std::int64_t>(r.id));
  EXPECT_EQ(meter_->set_clock_calls, 0);
}

TEST_F(EngineLpTest, ClockSyncWithinTheDefaultToleranceOnlyChecks) {
  start_engine();
  meter_->clock_offset = Micros(-4'000'000);  // 4 s slow, default tolerance 5 s
  const auto id = add_meter("CLK-IN");
  const auto r = run(id, {JobKind::clock_sync});
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(meter_->set_clock_calls, 0);
  const auto readings = repo_->clock_readings(id, {}, {0, 10});
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_EQ(readings[0].kind, "check");
  EXPECT_EQ(readings[0].reading.offset_us(), -4'000'000);
}

TEST_F(EngineLpTest, ClockSyncBeyondToleranceSetsAndRecordsBeforeAndAfter) {
  start_engine();
  meter_->clock_offset = Micros(7'000'000);
  const auto id = add_meter("CLK-OUT");
  const auto r = run(id, {JobKind::clock_sync});
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.values, 2);
  EXPECT_EQ(meter_->set_clock_calls, 1);
  const auto readings = repo_->clock_readings(id, {}, {0, 10});
  ASSERT_EQ(readings.size(), 2u);  // newest first
  EXPECT_EQ(readings[0].kind, "sync_after");
  EXPECT_EQ(readings[0].reading.offset_us(), 0);
  EXPECT_EQ(readings[1].kind, "sync_before");
  EXPECT_EQ(readings[1].reading.offset_us(), 7'000'000);
  EXPECT_EQ(readings[1].job_run_id, std::optional<std::int64_t>(r.id));
}

TEST_F(EngineLpTest, ClockSyncToleranceComesFromTheGroupAndTheMeterOverridesIt) {
  start_engine();
  Group g;
  g.name = "tight";
  g.schedules_json = R"({"clock_sync":{"cron":"0 0 0 1 1 *","tolerance_s":2}})";
  const auto group = repo_->insert_group(g);
  meter_->clock_offset = Micros(3'000'000);
  const auto tight = add_meter("CLK-GROUP", 0, "{}", group);
  run(tight, {JobKind::clock_sync});
  EXPECT_EQ(meter_->set_clock_calls, 1);  // 3 s > the group's 2 s

  meter_->clock_offset = Micros(3'000'000);
  const auto loose = add_meter("CLK-METER", 0, "{}", group,
                               R"({"clock_sync":{"cron":"0 0 0 1 1 *","tolerance_s":10}})");
  run(loose, {JobKind::clock_sync});
  EXPECT_EQ(meter_->set_clock_calls, 1);  // 3 s within the meter's own 10 s
  const auto readings = repo_->clock_readings(loose, {}, {0, 10});
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_EQ(readings[0].kind, "check");
}

TEST_F(EngineLpTest, ClockSyncIsRefusedWhenNoProfileCanSetTheClock) {
  start_engine();
  meter_->clock_offset = Micros(60'000'000);
  const auto id = add_meter("CLK-RO", 0, R"({"client":"reader"})");
  const auto r = run(id, {JobKind::clock_sync});
  EXPECT_EQ(r.outcome, "refused");
  EXPECT_EQ(r.error_type, "no_route");
  EXPECT_EQ(meter_->set_clock_calls, 0);
  EXPECT_TRUE(repo_->clock_readings(id, {}, {0, 10}).empty());
}

// With scheduling off, a run-now for a meter whose job is still running waits as its
// follow-up and must still start when that job finishes.
TEST_F(EngineLpTest, RunNowForABusyMeterRunsAfterItWithSchedulingOff) {
  start_engine();
  const auto id = add_meter("BUSY-1");
  engine_->run_now({id}, {JobKind::clock_check});
  engine_->run_now({id}, {JobKind::clock_check});
  storage::JobFilter f;
  f.meter_id = id;
  EXPECT_TRUE(eventually([&] { return repo_->job_runs(f, {0, 10}).size() == 2; }));
  EXPECT_EQ(repo_->clock_readings(id, {}, {0, 10}).size(), 2u);
}

// ---- logs ----------------------------------------------------------------------------

LogEvent event(const std::string& log, UtcTime at, const std::string& code) {
  LogEvent e;
  e.log = log;
  e.event_time = at;
  e.code = code;
  e.description = "entry " + code;
  e.raw = "raw-" + code;
  return e;
}

TEST_F(EngineLpTest, EventsAreReadFromTheirCheckpointsWithoutDuplicates) {
  start_engine();
  const auto t0 = from_unix_micros(1'767'225'600'000'000);  // 2026-01-01
  meter_->events = {event("event", t0 + 1h, "E1"), event("security", t0 + 2h, "S1"),
                    event("event", t0 + 3h, "E2")};
  const auto id = add_meter("EV-1");
  const auto first = run(id, {JobKind::events});
  EXPECT_EQ(first.outcome, "ok") << first.error;
  EXPECT_EQ(first.values, 3);
  EXPECT_EQ(repo_->checkpoint(id, "events.event.last_time"), format_iso8601(t0 + 3h) + " 1");
  EXPECT_EQ(repo_->checkpoint(id, "events.security.last_time"), format_iso8601(t0 + 2h) + " 1");

  meter_->events.push_back(event("event", t0 + 4h, "E3"));
  const auto second = run(id, {JobKind::events});
  EXPECT_EQ(second.values, 1);
  ASSERT_EQ(meter_->event_reads.size(), 2u);
  EXPECT_FALSE(meter_->event_reads[0].has_value());
  EXPECT_EQ(meter_->event_reads[1], t0 + 2h - 1us);  // just before the oldest of the logs' newest
  const auto stored = repo_->events(id, {}, {0, 100});
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_EQ(stored[3].code, "E3");
  EXPECT_EQ(stored[3].raw, "raw-E3");
  EXPECT_EQ(stored[0].meter_id, id);
}

// A DLMS session adds "connect", the read takes it (it becomes the checkpoint), then the
// session adds "disconnect" at the same second; the next sessions do the same. Every entry
// is stored exactly once, however many share the checkpoint's time.
TEST_F(EngineLpTest, EventsSharingTheCheckpointTimeAreStoredOnceAcrossCollections) {
  start_engine();
  const auto t = from_unix_micros(1'767'225'600'000'000);
  meter_->events = {event("ethernet", t - 1h, "C0"), event("ethernet", t - 1h, "D0"),
                    event("ethernet", t, "C1")};
  const auto id = add_meter("EV-SAME");
  EXPECT_EQ(run(id, {JobKind::events}).values, 3);
  EXPECT_EQ(repo_->checkpoint(id, "events.ethernet.last_time"), format_iso8601(t) + " 1");

  meter_->events.push_back(event("ethernet", t, "D1"));  // the first session's disconnect
  meter_->events.push_back(event("ethernet", t, "C2"));  // the second session's connect
  const auto second = run(id, {JobKind::events});
  EXPECT_EQ(second.outcome, "ok") << second.error;
  EXPECT_EQ(second.values, 2);
  EXPECT_EQ(repo_->checkpoint(id, "events.ethernet.last_time"), format_iso8601(t) + " 3");

  const auto third = run(id, {JobKind::events});  // nothing new at all
  EXPECT_EQ(third.values, 0);
  EXPECT_EQ(repo_->checkpoint(id, "events.ethernet.last_time"), format_iso8601(t) + " 3");

  meter_->events.push_back(event("ethernet", t, "D2"));
  meter_->events.push_back(event("ethernet", t + 1s, "C3"));
  EXPECT_EQ(run(id, {JobKind::events}).values, 2);
  EXPECT_EQ(repo_->checkpoint(id, "events.ethernet.last_time"), format_iso8601(t + 1s) + " 1");

  ASSERT_EQ(meter_->event_reads.size(), 4u);
  EXPECT_FALSE(meter_->event_reads[0].has_value());
  for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(meter_->event_reads[i], t - 1us) << i;
  std::vector<std::string> stored;
  for (const auto& e : repo_->events(id, {}, {0, 100})) stored.push_back(e.code);
  EXPECT_EQ(stored, (std::vector<std::string>{"C0", "D0", "C1", "D1", "C2", "D2", "C3"}));
}

// A checkpoint written before counts were kept is a bare time: every entry at it is stored
// (the old rule), the ones after it are new, and the checkpoint gains its count.
TEST_F(EngineLpTest, EventsBareTimeCheckpointOfAnOlderDatabaseStillWorks) {
  start_engine();
  const auto t = from_unix_micros(1'767'225'600'000'000);
  meter_->events = {event("ethernet", t - 1h, "C0"), event("ethernet", t, "D0"),
                    event("ethernet", t, "C1"), event("ethernet", t + 1s, "D1"),
                    event("ethernet", t + 1s, "C2")};
  const auto id = add_meter("EV-BARE");
  repo_->set_checkpoint(id, "events.ethernet.last_time", format_iso8601(t));
  const auto first = run(id, {JobKind::events});
  EXPECT_EQ(first.outcome, "ok") << first.error;
  EXPECT_EQ(first.values, 2);
  ASSERT_EQ(meter_->event_reads.size(), 1u);
  EXPECT_EQ(meter_->event_reads[0], t - 1us);
  EXPECT_EQ(repo_->checkpoint(id, "events.ethernet.last_time"), format_iso8601(t + 1s) + " 2");
  std::vector<std::string> stored;
  for (const auto& e : repo_->events(id, {}, {0, 100})) stored.push_back(e.code);
  EXPECT_EQ(stored, (std::vector<std::string>{"D1", "C2"}));

  // Nothing new: the bare checkpoint's own time is not read back as new either.
  repo_->set_checkpoint(id, "events.ethernet.last_time", format_iso8601(t + 1s));
  EXPECT_EQ(run(id, {JobKind::events}).values, 0);
  EXPECT_EQ(repo_->checkpoint(id, "events.ethernet.last_time"), format_iso8601(t + 1s));
}

// Two logs whose newest stored times differ: the read starts before the older one, each log
// skips only its own stored entries, and each checkpoint counts its own log.
TEST_F(EngineLpTest, EventsOfTwoLogsWithDifferentNewestTimesKeepTheirOwnCounts) {
  start_engine();
  const auto t = from_unix_micros(1'767'225'600'000'000);
  meter_->events = {event("security", t, "S1"), event("event", t, "E1"), event("security", t, "S2"),
                    event("event", t + 2h, "E2")};
  const auto id = add_meter("EV-TWO");
  EXPECT_EQ(run(id, {JobKind::events}).values, 4);
  EXPECT_EQ(repo_->checkpoint(id, "events.security.last_time"), format_iso8601(t) + " 2");
  EXPECT_EQ(repo_->checkpoint(id, "events.event.last_time"), format_iso8601(t + 2h) + " 1");

  meter_->events.push_back(event("security", t, "S3"));
  meter_->events.push_back(event("event", t + 2h, "E3"));
  meter_->events.push_back(event("security", t + 1h, "S4"));
  const auto second = run(id, {JobKind::events});
  EXPECT_EQ(second.values, 3);
  ASSERT_EQ(meter_->event_reads.size(), 2u);
  EXPECT_EQ(meter_->event_reads[1], t - 1us);
  EXPECT_EQ(repo_->checkpoint(id, "events.security.last_time"), format_iso8601(t + 1h) + " 1");
  EXPECT_EQ(repo_->checkpoint(id, "events.event.last_time"), format_iso8601(t + 2h) + " 2");

  EXPECT_EQ(run(id, {JobKind::events}).values, 0);
  EXPECT_EQ(meter_->event_reads[2], t + 1h - 1us);
  std::vector<std::string> stored;
  for (const auto& e : repo_->events(id, {}, {0, 100})) stored.push_back(e.code);
  EXPECT_EQ(stored, (std::vector<std::string>{"S1", "E1", "S2", "E2", "S3", "E3", "S4"}));
}

// ---- pure helpers --------------------------------------------------------------------

TEST(LoadProfileCheckpoint, AdvancesToTheNewestIntervalOrOverSettledEmptyChunks) {
  const auto t = from_unix_micros(1'767'225'600'000'000);
  drivers::LoadProfileRead read;
  LoadProfileValue v;
  v.interval_end = t + 30min;
  read.values = {v};
  v.interval_end = t + 15min;
  read.values.push_back(v);
  EXPECT_EQ(engine::checkpoint_after_chunk(t, read, t + 24h, t + 48h), t + 30min);
  drivers::LoadProfileRead empty;
  EXPECT_EQ(engine::checkpoint_after_chunk(t, empty, t + 24h, t + 48h), t + 24h);
  // Not settled (the chunk reaches the meter's open interval): stays.
  EXPECT_EQ(engine::checkpoint_after_chunk(t, empty, t + 24h, t + 23h), t);
  EXPECT_EQ(engine::checkpoint_after_chunk(std::nullopt, empty, t + 24h, std::nullopt),
            std::nullopt);
  // Never backwards.
  EXPECT_EQ(engine::checkpoint_after_chunk(t + 1h, read, t + 24h, std::nullopt), t + 1h);
}

TEST(LoadProfileLayoutChange, NamesPeriodAndChannelChanges) {
  FakeLpMeter m;
  const auto a = m.layout(1);
  auto b = a;
  EXPECT_EQ(engine::layout_change(a, b), "");
  b.channels[1].unit = "Wh";  // units and words are not the layout's identity
  EXPECT_EQ(engine::layout_change(a, b), "");
  b.capture_period_s = 300;
  EXPECT_EQ(engine::layout_change(a, b), "capture period 900 s -> 300 s");
  b.channels.pop_back();
  EXPECT_EQ(engine::layout_change(a, b),
            "capture period 900 s -> 300 s; channels [1.0.1.29.0.255, 1.0.2.29.0.255] -> "
            "[1.0.1.29.0.255]");
}

TEST(ClockSyncPolicy, SetsOnlyBeyondToleranceUnlessForced) {
  EXPECT_FALSE(engine::needs_clock_set(5'000'000, 5s, false));  // at the tolerance: no
  EXPECT_TRUE(engine::needs_clock_set(5'000'001, 5s, false));
  EXPECT_TRUE(engine::needs_clock_set(-5'000'001, 5s, false));
  EXPECT_FALSE(engine::needs_clock_set(-4'999'999, 5s, false));
  EXPECT_TRUE(engine::needs_clock_set(0, 5s, true));
  EXPECT_TRUE(engine::needs_clock_set(1, 0s, false));
}

TEST(ClockSyncPolicy, ToleranceResolvesMeterThenGroupThenDefault) {
  const char* group = R"({"clock_sync":{"every_minutes":60,"tolerance_s":2}})";
  const char* meter = R"({"clock_sync":{"every_minutes":30,"tolerance_s":9}})";
  EXPECT_EQ(engine::clock_sync_tolerance(meter, group), 9s);
  EXPECT_EQ(engine::clock_sync_tolerance(R"({"clock_sync":{"every_minutes":5}})", group), 2s);
  EXPECT_EQ(engine::clock_sync_tolerance("{}", "{}"), 5s);
  EXPECT_EQ(engine::clock_sync_tolerance("not json", ""), 5s);
}

TEST(ClockSyncPolicy, ToleranceIsValidatedOnlyForClockSync) {
  EXPECT_TRUE(engine::validate_schedules(R"({"clock_sync":{"every_minutes":60,"tolerance_s":30}})",
                                         "schedules", false)
                  .ok());
  const auto wrong_kind = engine::validate_schedules(
      R"({"registers":{"every_minutes":15,"tolerance_s":30}})", "schedules", false);
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_EQ(wrong_kind.summary().find("schedules/registers/tolerance_s"), 0u)
      << wrong_kind.summary();
  const auto too_big = engine::validate_schedules(
      R"({"clock_sync":{"every_minutes":60,"tolerance_s":3601}})", "schedules", false);
  ASSERT_FALSE(too_big.ok());
  EXPECT_NE(too_big.summary().find("schedules/clock_sync/tolerance_s"), std::string::npos);
  // The schedule itself is still checked.
  EXPECT_FALSE(
      engine::validate_schedules(R"({"clock_sync":{"tolerance_s":3}})", "schedules", false).ok());
  // The resolver plans the schedule without the tolerance key.
  engine::ScheduleResolver resolver;
  ScheduleSource source;
  source.meter_id = 1;
  source.meter_schedules_json = R"({"clock_sync":{"every_minutes":60,"tolerance_s":30}})";
  source.group_schedules_json = "{}";
  std::vector<std::string> problems;
  const auto resolved = resolver.resolve(source, &problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].kind, JobKind::clock_sync);
}

}  // namespace
}  // namespace jemhead::testing
