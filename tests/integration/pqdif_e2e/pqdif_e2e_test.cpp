// PQDIF end to end (issue 6, "Tests: End to end"): a real jemsim fleet records PQ events and
// measurement logs as PQDIF files (single mode compressed, multiple mode, uncompressed) and
// serves them on each meter's web server; the real jemhead pulls them through "http"
// connection profiles, on "retrieve now" and on a schedule. What jemhead stores and parses
// must be the simulator's truth exactly: the same set of files (name, size, sha256, data
// type), each file's observations (name, start, trigger, channel count, value counts) and
// each series' first values. A second retrieval stores nothing; a new event is retrieved
// alone by the next one.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <thread>

#include "core/time.hpp"
#include "tests/integration/pqdif_e2e/pqdif_e2e_rig.hpp"

namespace jemhead::testing::pqdif_e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// Four single-mode compressed meters with events and an hourly measurement log, one in
// multiple mode (a daily file, type 128) and one writing plain (uncompressed) files.
const std::string kSingle =
    "{ mode: single, compressed: true, events_per_day: 4, measurement_log: { interval_minutes: "
    "60 } }";
const std::string kList =
    "    - serial: \"61000101\"\n"
    "      pqdif: { mode: multiple }\n"
    "    - serial: \"61000102\"\n"
    "      pqdif: { compressed: false }\n";

void print(const std::string& what, const Compared& c) {
  std::cout << what << ": " << c.files << " files, " << c.observations << " observations, "
            << c.series << " series, " << c.values << " values (" << c.values_off_by_ulps
            << " within 2 ulp, " << c.values_relative << " within 1e-9 relative)\n";
}

std::size_t file_count(const json::object& truth) {
  return truth.at("files").as_array().size();
}

class PqdifEndToEnd : public ::testing::Test {
 protected:
  // The truth of every meter, by jemhead meter id.
  std::map<std::int64_t, json::object> truths(const Jemsim& sim) const {
    std::map<std::int64_t, json::object> out;
    for (const auto& [id, serial] : serials_) out[id] = sim_files(sim, serial);
    return out;
  }
  std::vector<std::int64_t> ids() const {
    std::vector<std::int64_t> out;
    for (const auto& [id, serial] : serials_) out.push_back(id);
    return out;
  }
  void compare_all(const Jemhead& head, const Jemsim& sim, const std::string& what) {
    Compared stats;
    for (const auto& [id, truth] : truths(sim)) expect_stored_equals_truth(head, id, truth, stats);
    print(what, stats);
  }

  TempDir dir_;
  std::map<std::int64_t, std::string> serials_;
};

TEST_F(PqdifEndToEnd, RetrieveNowStoresTheSimulatorsFilesAndValuesThenOnlyNewOnes) {
  Jemsim sim(dir_, sim_fleet(4, kSingle, kList));
  // 50 simulated hours: two midnights (the daily files) and 50 hourly logs plus the day's
  // events on each single-mode meter.
  ASSERT_EQ(sim.call("POST", "/advance", R"({"seconds": 180000})").status, 200);
  const auto webs = meter_webs(sim);
  ASSERT_EQ(webs.size(), 6u);
  std::string fleet = "fleet:\n  meters:\n";
  for (const auto& [serial, web] : webs) fleet += head_meter(serial, web);
  Jemhead head(dir_, daemon_config(dir_, fleet));
  for (const auto& [serial, web] : webs) serials_[meter_id(head, serial)] = serial;
  const auto meters = ids();

  auto truth = truths(sim);
  for (const auto& [id, t] : truth) {
    EXPECT_EQ(t.at("mode").as_string(), serials_[id] == "61000101" ? "multiple" : "single");
    EXPECT_GE(file_count(t), 2u) << serials_[id];
  }
  const auto started = std::chrono::steady_clock::now();
  auto runs = retrieve_now(head, meters);
  std::cout << "first retrieval: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count()
            << " ms\n";
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    EXPECT_EQ(run.at("trigger").as_string(), "manual");
    EXPECT_EQ(run.at("values").as_int64(), static_cast<std::int64_t>(file_count(truth.at(id))))
        << serials_[id];
  }
  ASSERT_TRUE(wait_parsed(head, meters));
  compare_all(head, sim, "first retrieval");
  if (HasFatalFailure()) return;

  // Nothing new on the meters: nothing retrieved, nothing stored twice.
  runs = retrieve_now(head, meters);
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    EXPECT_EQ(run.at("values").as_int64(), 0) << serials_[id];
  }
  for (auto id : meters)
    EXPECT_EQ(stored_rows(head, id).size(), file_count(truth.at(id))) << serials_[id];

  // A sag on a single-mode meter: its file once the recordings are complete (well within
  // two minutes, which stay inside the hour, so no measurement-log file comes with it).
  auto r = sim.call("POST", "/meters/61000002/pqdif/trigger", R"({"kind": "sag"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto sag = r.json();
  ASSERT_EQ(sim.call("POST", "/advance", R"({"seconds": 120})").status, 200);
  auto now = truths(sim);
  for (const auto& [id, t] : now)
    ASSERT_EQ(file_count(t), file_count(truth.at(id)) + (serials_[id] == "61000002" ? 1 : 0))
        << serials_[id] << ": the truth changed by more than the sag";
  std::int64_t sag_meter = 0;
  for (const auto& [id, serial] : serials_)
    if (serial == "61000002") sag_meter = id;
  const auto& sag_file = now.at(sag_meter).at("files").as_array().back();
  EXPECT_EQ(sag_file.at("data_type"), sag.at("data_type"));
  runs = retrieve_now(head, meters);
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    EXPECT_EQ(run.at("values").as_int64(), id == sag_meter ? 1 : 0) << serials_[id];
  }
  ASSERT_TRUE(wait_parsed(head, meters));
  const auto newest = stored_rows(head, sag_meter).front();  // newest stored first
  EXPECT_EQ(newest.at("file_name"), sag_file.at("name"));
  compare_all(head, sim, "after the sag");
  if (HasFatalFailure()) return;

  // An interruption on the multiple-mode meter: its daily file comes at midnight, with
  // the day's logs and events of every meter; the next retrieval gets exactly those.
  r = sim.call("POST", "/meters/61000101/pqdif/trigger", R"({"kind": "interruption"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto interruption = r.json();
  const auto ready = parse_iso8601(std::string(interruption.at("file_ready").as_string()));
  const auto sim_now =
      parse_iso8601(std::string(now.begin()->second.at("simulated_time").as_string()));
  ASSERT_TRUE(ready && sim_now);
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(*ready - *sim_now).count() + 60;
  ASSERT_EQ(sim.call("POST", "/advance", "{\"seconds\": " + std::to_string(seconds) + "}").status,
            200);
  truth = now;
  now = truths(sim);
  runs = retrieve_now(head, meters);
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    EXPECT_EQ(run.at("values").as_int64(),
              static_cast<std::int64_t>(file_count(now.at(id)) - file_count(truth.at(id))))
        << serials_[id];
  }
  std::int64_t daily_meter = 0;
  for (const auto& [id, serial] : serials_)
    if (serial == "61000101") daily_meter = id;
  EXPECT_EQ(file_count(now.at(daily_meter)), file_count(truth.at(daily_meter)) + 1);
  ASSERT_TRUE(wait_parsed(head, meters));
  compare_all(head, sim, "after the daily file");
  EXPECT_EQ(head.stop(), 0);
}

// The manual's PQDIF scheduler: a group retrieves hourly (at the top of the hour, too rare
// for a test: it is checked to be planned), one meter overrides it with a cron every two
// seconds. With simulated time running at 1800x (an hourly log file every 2 s) its files
// arrive with no "retrieve now"; once time is frozen, the next scheduled run completes
// the set, which then equals the truth.
TEST_F(PqdifEndToEnd, ScheduledRetrievalBringsNewFilesWithoutRunNow) {
  Jemsim sim(dir_, sim_fleet(2, kSingle, {}, 1800));
  const auto webs = meter_webs(sim);
  ASSERT_EQ(webs.size(), 2u);
  std::string fleet =
      "fleet:\n  groups:\n    - name: pq-hourly\n      schedules:\n        pqdif: { pqdif: "
      "hourly }\n  meters:\n";
  fleet += head_meter("61000001", webs.at("61000001"),
                      "      group: pq-hourly\n      schedules:\n        pqdif: { cron: \"*/2 * "
                      "* * * *\" }\n");
  fleet += head_meter("61000002", webs.at("61000002"), "      group: pq-hourly\n");
  const auto wall_start = utc_now();
  Jemhead head(dir_, daemon_config(dir_, fleet));
  const auto fast = meter_id(head, "61000001");
  const auto hourly = meter_id(head, "61000002");
  serials_[fast] = "61000001";

  auto engine = head.call("GET", "/api/v1/engine", "", kViewerToken).json();
  EXPECT_EQ(engine.at("scheduled_meters").as_int64(), 2) << json::serialize(engine);
  EXPECT_TRUE(engine.at("plan_problems").as_array().empty()) << json::serialize(engine);

  // Files arrive on the schedule alone.
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  std::size_t stored = 0;
  while (std::chrono::steady_clock::now() < deadline &&
         (stored = stored_rows(head, fast).size()) < 4)
    std::this_thread::sleep_for(200ms);
  ASSERT_GE(stored, 4u) << "scheduled retrievals brought " << stored << " files in 60 s";

  // Freeze simulated time; the next scheduled run after that completes the set.
  ASSERT_EQ(sim.call("POST", "/time_factor", R"({"time_factor": 0})").status, 200);
  const auto frozen = utc_now();
  // A run that started after the freeze listed the frozen store (one that started before
  // may have missed the last file).
  json::object last;
  const auto settle = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < settle) {
    const auto jobs =
        head.call("GET", "/api/v1/meters/" + std::to_string(fast) + "/jobs?kind=pqdif&limit=1", "",
                  kViewerToken)
            .json();
    const auto& items = jobs.at("items").as_array();
    if (!items.empty() && items[0].at("outcome").as_string() != "running" &&
        parse_iso8601(std::string(items[0].at("started_at").as_string())) > frozen) {
      last = items[0].as_object();
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_FALSE(last.empty()) << "no scheduled run after time was frozen";
  const auto all =
      head.call("GET", "/api/v1/meters/" + std::to_string(fast) + "/jobs?kind=pqdif&limit=500", "",
                kViewerToken)
          .json();
  std::size_t runs = 0;
  for (const auto& j : all.at("items").as_array()) {
    ++runs;
    EXPECT_EQ(j.at("trigger").as_string(), "schedule") << json::serialize(j);
    EXPECT_NE(j.at("outcome").as_string(), "failed") << json::serialize(j);
  }
  std::cout << runs << " scheduled pqdif runs, " << stored_rows(head, fast).size() << " files\n";
  EXPECT_GE(runs, 3u);
  ASSERT_TRUE(wait_parsed(head, {fast}));
  compare_all(head, sim, "scheduled");

  // The hourly meter runs only at the top of the hour: none passed, no run (and if the test
  // straddled one, its runs are scheduled ones).
  const auto wall_end = utc_now();
  const bool hour_passed = std::chrono::floor<std::chrono::hours>(wall_end) !=
                           std::chrono::floor<std::chrono::hours>(wall_start);
  const auto hourly_jobs =
      head.call("GET", "/api/v1/meters/" + std::to_string(hourly) + "/jobs?kind=pqdif&limit=500",
                "", kViewerToken)
          .json();
  for (const auto& j : hourly_jobs.at("items").as_array()) {
    EXPECT_TRUE(hour_passed) << "an hourly run off the hour: " << json::serialize(j);
    EXPECT_EQ(j.at("trigger").as_string(), "schedule");
  }
  EXPECT_EQ(head.stop(), 0);
}

}  // namespace
}  // namespace jemhead::testing::pqdif_e2e
