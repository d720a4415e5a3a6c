// Job history as the collection engine and the jobs API use it: every field round trips,
// filters alone and combined, keyset paging in both directions, retention purge.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

class StorageJobHistory : public StorageTest {
 protected:
  // A finished run (unless `finished` is negative) started at `started` minutes.
  std::int64_t add_run(std::int64_t meter, const std::string& kind, const std::string& outcome,
                       const std::string& trigger, std::int64_t started, std::int64_t finished) {
    JobRun r;
    r.meter_id = meter;
    r.kind = kind;
    r.outcome = outcome;
    r.trigger = trigger;
    r.started_at = minute(started);
    if (finished >= 0) r.finished_at = minute(finished);
    return repo->insert_job_run(r);
  }

  std::vector<std::int64_t> ids(const JobFilter& filter, const Page& page = {}) {
    std::vector<std::int64_t> out;
    for (const auto& r : repo->job_runs(filter, page)) out.push_back(r.id);
    return out;
  }

  // Follows after_id page by page until an empty page, collecting every id seen.
  std::vector<std::int64_t> all_pages(const JobFilter& filter, std::size_t limit,
                                      std::size_t& pages) {
    std::vector<std::int64_t> out;
    Page page;
    page.limit = limit;
    pages = 0;
    for (;;) {
      auto runs = repo->job_runs(filter, page);
      if (runs.empty()) break;
      EXPECT_LE(runs.size(), limit);
      ++pages;
      for (const auto& r : runs) out.push_back(r.id);
      page.after_id = runs.back().id;
      if (pages > 100) break;  // a paging bug must not hang the test
    }
    return out;
  }

  // Seven runs over two meters with distinct kinds, outcomes, triggers and start times.
  void add_fleet_history() {
    m1 = add_meter("JH-1");
    m2 = add_meter("JH-2");
    r1 = add_run(m1, "registers,status", "ok", "schedule", 0, 1);
    r2 = add_run(m1, "status_x", "failed", "manual", 10, 11);
    r3 = add_run(m2, "status", "ok", "catch_up", 20, 21);
    r4 = add_run(m1, "load_profile", "partial", "schedule", 30, 31);
    r5 = add_run(m2, "registers", "failed", "schedule", 40, 41);
    r6 = add_run(m1, "loadXprofile", "ok", "manual", 50, 51);
    r7 = add_run(m1, "status,registers", "running", "schedule", 60, -1);
  }

  std::int64_t m1 = 0, m2 = 0;
  std::int64_t r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0;
};

void expect_same_run(const JobRun& actual, const JobRun& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.meter_id, expected.meter_id);
  EXPECT_EQ(actual.kind, expected.kind);
  EXPECT_EQ(actual.started_at, expected.started_at);
  EXPECT_EQ(actual.finished_at, expected.finished_at);
  EXPECT_EQ(actual.outcome, expected.outcome);
  EXPECT_EQ(actual.values, expected.values);
  EXPECT_EQ(actual.bytes, expected.bytes);
  EXPECT_EQ(actual.error, expected.error);
  EXPECT_EQ(actual.trigger, expected.trigger);
  EXPECT_EQ(actual.nominal_at, expected.nominal_at);
  EXPECT_EQ(actual.profile, expected.profile);
  EXPECT_EQ(actual.attempts, expected.attempts);
  EXPECT_EQ(actual.error_type, expected.error_type);
  EXPECT_EQ(actual.results_json, expected.results_json);
}

TEST_F(StorageJobHistory, EveryFieldRoundTripsThroughInsertFindAndUpdate) {
  std::int64_t meter = add_meter("JH-RT");
  JobRun run;
  run.meter_id = meter;
  run.kind = "registers,status";
  run.started_at = at_us(1'700'000'000'000'011);
  run.trigger = "catch_up";
  run.nominal_at = at_us(1'699'999'940'000'007);
  run.profile = "tcp";
  run.attempts = 1;
  run.id = repo->insert_job_run(run);
  EXPECT_GT(run.id, 0);

  auto found = repo->find_job_run(run.id);
  ASSERT_TRUE(found.has_value());
  expect_same_run(*found, run);
  EXPECT_EQ(found->outcome, "running");
  EXPECT_EQ(found->results_json, "[]");

  run.finished_at = at_us(1'700'000'003'500'013);
  run.outcome = "partial";
  run.values = 42;
  run.bytes = 1234;
  run.error = "status: timeout after 2000 ms";
  run.profile = "tcp,serial";
  run.attempts = 3;
  run.error_type = "timeout";
  run.results_json =
      R"([{"kind":"registers","profile":"tcp","outcome":"ok","values":42,"error_type":"","error":""},)"
      R"({"kind":"status","profile":"serial","outcome":"failed","values":0,"error_type":"timeout","error":"t"}])";
  ASSERT_TRUE(repo->update_job_run(run));
  found = repo->find_job_run(run.id);
  ASSERT_TRUE(found.has_value());
  expect_same_run(*found, run);

  // Clearing the optional times stores NULL again.
  run.nominal_at.reset();
  run.finished_at.reset();
  ASSERT_TRUE(repo->update_job_run(run));
  found = repo->find_job_run(run.id);
  EXPECT_FALSE(found->nominal_at.has_value());
  EXPECT_FALSE(found->finished_at.has_value());

  // The list returns the same fields as find.
  auto listed = repo->job_runs(Where().meter(meter), {});
  ASSERT_EQ(listed.size(), 1u);
  expect_same_run(listed[0], run);

  EXPECT_FALSE(repo->find_job_run(run.id + 1000).has_value());
}

TEST_F(StorageJobHistory, DefaultsOfANewRunAreStored) {
  std::int64_t meter = add_meter("JH-DEF");
  JobRun run;
  run.meter_id = meter;
  run.kind = "registers";
  run.started_at = minute(5);
  auto found = repo->find_job_run(repo->insert_job_run(run));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->trigger, "manual");
  EXPECT_FALSE(found->nominal_at.has_value());
  EXPECT_EQ(found->profile, "");
  EXPECT_EQ(found->attempts, 0);
  EXPECT_EQ(found->error_type, "");
  EXPECT_EQ(found->results_json, "[]");
}

TEST_F(StorageJobHistory, NoFilterListsEveryRunNewestFirstByDefault) {
  add_fleet_history();
  EXPECT_EQ(ids({}), (std::vector<std::int64_t>{r7, r6, r5, r4, r3, r2, r1}));
  EXPECT_EQ(ids(Where().oldest_first()), (std::vector<std::int64_t>{r1, r2, r3, r4, r5, r6, r7}));
}

TEST_F(StorageJobHistory, EachFilterAloneSelectsExactlyItsRuns) {
  add_fleet_history();
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids(Where().meter(m1)), (Ids{r7, r6, r4, r2, r1}));
  EXPECT_EQ(ids(Where().meter(m2)), (Ids{r5, r3}));
  EXPECT_EQ(ids(Where().meter(m2 + 100)), Ids{});

  EXPECT_EQ(ids(Where().outcome("ok")), (Ids{r6, r3, r1}));
  EXPECT_EQ(ids(Where().outcome("running")), (Ids{r7}));
  EXPECT_EQ(ids(Where().outcome("o")), Ids{});  // exact, not a prefix

  EXPECT_EQ(ids(Where().trigger("schedule")), (Ids{r7, r5, r4, r1}));
  EXPECT_EQ(ids(Where().trigger("catch_up")), (Ids{r3}));
  EXPECT_EQ(ids(Where().trigger("manual")), (Ids{r6, r2}));

  // [from, to): a run starting exactly at `to` is outside, one starting at `from` inside.
  EXPECT_EQ(ids(Where().from(minute(10)).to(minute(40))), (Ids{r4, r3, r2}));
  EXPECT_EQ(ids(Where().from(minute(41))), (Ids{r7, r6}));
  EXPECT_EQ(ids(Where().to(minute(10))), (Ids{r1}));
}

TEST_F(StorageJobHistory, KindFilterMatchesWholeCommaSeparatedEntriesOnly) {
  add_fleet_history();
  using Ids = std::vector<std::int64_t>;
  // First, last and only entry of a list; "status_x" is a different kind.
  EXPECT_EQ(ids(Where().kind("status")), (Ids{r7, r3, r1}));
  EXPECT_EQ(ids(Where().kind("registers")), (Ids{r7, r5, r1}));
  EXPECT_EQ(ids(Where().kind("status_x")), (Ids{r2}));
  // '_' is taken literally: "loadXprofile" is not "load_profile".
  EXPECT_EQ(ids(Where().kind("load_profile")), (Ids{r4}));
  // Parts of names match nothing.
  EXPECT_EQ(ids(Where().kind("stat")), Ids{});
  EXPECT_EQ(ids(Where().kind("tatus")), Ids{});
  EXPECT_EQ(ids(Where().kind("load")), Ids{});
  EXPECT_EQ(ids(Where().kind("%")), Ids{});
}

TEST_F(StorageJobHistory, CombinedFiltersAllApply) {
  add_fleet_history();
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids(Where().meter(m1).kind("status")), (Ids{r7, r1}));
  EXPECT_EQ(ids(Where().meter(m1).kind("status").outcome("ok")), (Ids{r1}));
  EXPECT_EQ(ids(Where().meter(m1).kind("registers").trigger("schedule")), (Ids{r7, r1}));
  EXPECT_EQ(ids(Where().meter(m1).kind("registers").trigger("schedule").from(minute(1))),
            (Ids{r7}));
  EXPECT_EQ(ids(Where().outcome("failed").trigger("schedule")), (Ids{r5}));
  EXPECT_EQ(ids(Where().meter(m2).kind("status").outcome("failed")), Ids{});
  EXPECT_EQ(
      ids(Where().meter(m1).trigger("schedule").from(minute(0)).to(minute(60)).oldest_first()),
      (Ids{r1, r4}));
}

TEST_F(StorageJobHistory, PagingNewestFirstVisitsEveryRunOnceWithoutGaps) {
  add_fleet_history();
  std::size_t pages = 0;
  auto seen = all_pages({}, 3, pages);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{r7, r6, r5, r4, r3, r2, r1}));
  EXPECT_EQ(pages, 3u);  // 3 + 3 + 1

  // after_id means "older than": the page after r5 starts at r4.
  Page page;
  page.after_id = r5;
  page.limit = 2;
  EXPECT_EQ(ids({}, page), (std::vector<std::int64_t>{r4, r3}));

  // With a filter, pages hold only matching runs.
  seen = all_pages(Where().meter(m1), 2, pages);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{r7, r6, r4, r2, r1}));
  EXPECT_EQ(pages, 3u);
}

TEST_F(StorageJobHistory, PagingOldestFirstVisitsEveryRunOnceWithoutGaps) {
  add_fleet_history();
  std::size_t pages = 0;
  auto seen = all_pages(Where().oldest_first(), 3, pages);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{r1, r2, r3, r4, r5, r6, r7}));
  EXPECT_EQ(pages, 3u);

  Page page;
  page.after_id = r3;
  page.limit = 2;
  EXPECT_EQ(ids(Where().oldest_first(), page), (std::vector<std::int64_t>{r4, r5}));

  seen = all_pages(Where().kind("status").oldest_first(), 1, pages);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{r1, r3, r7}));
  EXPECT_EQ(pages, 3u);

  Page none;
  none.limit = 0;
  EXPECT_TRUE(repo->job_runs({}, none).empty());
}

TEST_F(StorageJobHistory, PurgeDeletesOnlyRunsFinishedBeforeTheCutoff) {
  std::int64_t meter = add_meter("JH-PURGE");
  std::int64_t old_ok = add_run(meter, "registers", "ok", "schedule", 0, 2);
  std::int64_t old_failed = add_run(meter, "status", "failed", "schedule", 1, 3);
  // Started long ago and still running (or left running by a crash): never purged.
  std::int64_t running = add_run(meter, "load_profile", "running", "schedule", 0, -1);
  // Finished exactly at the cutoff: kept (the bound is exclusive).
  std::int64_t at_cutoff = add_run(meter, "registers", "ok", "manual", 5, 10);
  // Started before the cutoff, finished after it: kept.
  std::int64_t straddling = add_run(meter, "status", "ok", "manual", 8, 12);
  std::int64_t recent = add_run(meter, "registers", "partial", "schedule", 20, 21);

  EXPECT_EQ(repo->purge_job_runs(minute(10)), 2);
  EXPECT_EQ(ids(Where().oldest_first()),
            (std::vector<std::int64_t>{running, at_cutoff, straddling, recent}));
  EXPECT_FALSE(repo->find_job_run(old_ok).has_value());
  EXPECT_FALSE(repo->find_job_run(old_failed).has_value());

  // Nothing more to purge at the same cutoff.
  EXPECT_EQ(repo->purge_job_runs(minute(10)), 0);
  // A later cutoff takes the rest of the finished runs; the running one stays.
  EXPECT_EQ(repo->purge_job_runs(minute(1000)), 3);
  EXPECT_EQ(ids({}), (std::vector<std::int64_t>{running}));
}

TEST_F(StorageJobHistory, PurgeInsideATransactionIsUndoneByARollback) {
  std::int64_t meter = add_meter("JH-TX");
  std::int64_t run = add_run(meter, "registers", "ok", "schedule", 0, 1);
  EXPECT_THROW(repo->transact([&](Store& s) {
    EXPECT_EQ(s.purge_job_runs(minute(100)), 1);
    throw std::runtime_error("undo");
  }),
               std::runtime_error);
  EXPECT_TRUE(repo->find_job_run(run).has_value());
}

}  // namespace
}  // namespace jemhead::storage::testing
