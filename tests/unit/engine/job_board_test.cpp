// The job board keeps one running job per meter and folds work for a busy meter into one
// follow-up job.
#include "engine/job_board.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jemhead::engine {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// 2026-01-15T12:00:00Z.
const UtcTime kT0 = from_unix_micros(1768478400ll * 1'000'000);

Job job(std::uint64_t id, std::int64_t meter, std::vector<JobKind> kinds, UtcTime due,
        JobTrigger trigger = JobTrigger::schedule) {
  Job j;
  j.id = id;
  j.meter_id = meter;
  j.kinds = std::move(kinds);
  j.due = due;
  j.trigger = trigger;
  return j;
}

TEST(EngineRuntimeJobBoard, IdleMetersEachGetTheirOwnWaitingJob) {
  JobBoard board;
  EXPECT_TRUE(board.add(job(1, 10, {JobKind::registers}, kT0)));
  EXPECT_TRUE(board.add(job(2, 11, {JobKind::status}, kT0)));
  EXPECT_EQ(board.waiting_count(), 2u);
  EXPECT_EQ(board.running_count(), 0u);
  EXPECT_FALSE(board.running(10));
}

TEST(EngineRuntimeJobBoard, AMeterRunsOneJobAtATime) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0));
  auto first = board.start_next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, 1u);
  EXPECT_TRUE(board.running(10));
  EXPECT_EQ(board.running_count(), 1u);
  EXPECT_EQ(board.waiting_count(), 0u);

  // Work for the busy meter waits, even when it is due long before anything else.
  EXPECT_TRUE(board.add(job(2, 10, {JobKind::status}, kT0 - minutes(5))));
  EXPECT_EQ(board.waiting_count(), 1u);
  EXPECT_FALSE(board.start_next());
  EXPECT_EQ(board.running_count(), 1u);

  board.finish(10);
  EXPECT_FALSE(board.running(10));
  EXPECT_EQ(board.running_count(), 0u);
  auto follow_up = board.start_next();
  ASSERT_TRUE(follow_up);
  EXPECT_EQ(follow_up->id, 2u);
  EXPECT_EQ(follow_up->kinds, std::vector<JobKind>{JobKind::status});
  EXPECT_TRUE(board.running(10));
}

TEST(EngineRuntimeJobBoard, WorkForABusyMeterMergesIntoOneFollowUp) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0));
  ASSERT_TRUE(board.start_next());

  auto a = job(2, 10, {JobKind::registers}, kT0 + minutes(10));
  a.fires[JobKind::registers] = kT0 + minutes(10);
  a.nominal = kT0 + minutes(10);
  auto b =
      job(3, 10, {JobKind::status, JobKind::registers}, kT0 + minutes(5), JobTrigger::catch_up);
  b.fires[JobKind::status] = kT0 + minutes(5);
  b.fires[JobKind::registers] = kT0 + minutes(2);  // older: the later fire is kept
  b.nominal = kT0 + minutes(5);
  auto c = job(4, 10, {JobKind::pqdif}, kT0 + minutes(20), JobTrigger::manual);
  c.all_capable = true;
  auto d = job(5, 10, {JobKind::events}, kT0 + minutes(30), JobTrigger::catch_up);

  EXPECT_TRUE(board.add(a));
  EXPECT_FALSE(board.add(b));
  EXPECT_FALSE(board.add(c));
  EXPECT_FALSE(board.add(d));  // catch_up does not demote manual
  EXPECT_EQ(board.waiting_count(), 1u);

  board.finish(10);
  auto merged = board.start_next();
  ASSERT_TRUE(merged);
  EXPECT_FALSE(board.start_next());
  EXPECT_EQ(merged->id, 2u);  // the first waiting job absorbs the others
  EXPECT_EQ(merged->meter_id, 10);
  EXPECT_EQ(merged->kinds, (std::vector<JobKind>{JobKind::registers, JobKind::status,
                                                 JobKind::pqdif, JobKind::events}));
  EXPECT_TRUE(merged->all_capable);
  EXPECT_EQ(merged->trigger, JobTrigger::manual);
  EXPECT_EQ(merged->due, kT0 + minutes(5));
  ASSERT_TRUE(merged->nominal);
  EXPECT_EQ(*merged->nominal, kT0 + minutes(10));
  ASSERT_EQ(merged->fires.size(), 2u);
  EXPECT_EQ(merged->fires.at(JobKind::registers), kT0 + minutes(10));
  EXPECT_EQ(merged->fires.at(JobKind::status), kT0 + minutes(5));
}

TEST(EngineRuntimeJobBoard, CatchUpOutranksScheduleButNotManual) {
  Job scheduled = job(1, 10, {}, kT0);
  merge_into(scheduled, job(2, 10, {}, kT0, JobTrigger::catch_up));
  EXPECT_EQ(scheduled.trigger, JobTrigger::catch_up);
  merge_into(scheduled, job(3, 10, {}, kT0, JobTrigger::schedule));
  EXPECT_EQ(scheduled.trigger, JobTrigger::catch_up);

  Job manual = job(4, 10, {}, kT0, JobTrigger::manual);
  merge_into(manual, job(5, 10, {}, kT0, JobTrigger::catch_up));
  EXPECT_EQ(manual.trigger, JobTrigger::manual);
}

TEST(EngineRuntimeJobBoard, StartsByDueTimeThenJobId) {
  JobBoard board;
  board.add(job(7, 1, {JobKind::registers}, kT0 + minutes(2)));
  board.add(job(5, 9, {JobKind::registers}, kT0));
  board.add(job(3, 4, {JobKind::registers}, kT0));  // same due as job 5, lower id
  board.add(job(1, 2, {JobKind::registers}, kT0 + minutes(1)));

  std::vector<std::uint64_t> order;
  while (auto next = board.start_next()) order.push_back(next->id);
  EXPECT_EQ(order, (std::vector<std::uint64_t>{3, 5, 1, 7}));
  EXPECT_EQ(board.running_count(), 4u);
  EXPECT_EQ(board.waiting_count(), 0u);
}

TEST(EngineRuntimeJobBoard, MergingAnEarlierDueMovesAWaitingJobForward) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0 + minutes(10)));
  board.add(job(2, 11, {JobKind::registers}, kT0 + minutes(5)));
  EXPECT_FALSE(board.add(job(3, 10, {JobKind::status}, kT0 + minutes(1))));

  auto first = board.start_next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->meter_id, 10);
  EXPECT_EQ(first->due, kT0 + minutes(1));
  auto second = board.start_next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->meter_id, 11);
}

TEST(EngineRuntimeJobBoard, FinishMakesTheFollowUpReadyInDueOrder) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0));
  ASSERT_TRUE(board.start_next());
  board.add(job(2, 10, {JobKind::status}, kT0 + minutes(1)));  // follow-up of meter 10
  board.add(job(3, 11, {JobKind::status}, kT0 + minutes(3)));  // idle meter, later
  board.finish(10);
  auto next = board.start_next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, 2u);
  next = board.start_next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, 3u);
}

TEST(EngineRuntimeJobBoard, FinishOfAnIdleOrUnknownMeterChangesNothing) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0));
  board.finish(10);  // waiting, not running
  board.finish(99);  // unknown
  EXPECT_EQ(board.running_count(), 0u);
  EXPECT_EQ(board.waiting_count(), 1u);
  auto next = board.start_next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, 1u);
}

TEST(EngineRuntimeJobBoard, DueBeforeCountsWaitingJobsStrictlyBeforeTheCutoff) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0));
  board.add(job(2, 11, {JobKind::registers}, kT0 + minutes(10)));
  board.add(job(3, 12, {JobKind::registers}, kT0 + minutes(20)));
  EXPECT_EQ(board.due_before(kT0), 0u);
  EXPECT_EQ(board.due_before(kT0 + seconds(1)), 1u);
  EXPECT_EQ(board.due_before(kT0 + minutes(10)), 1u);
  EXPECT_EQ(board.due_before(kT0 + minutes(21)), 3u);

  // A merge that moves meter 12 earlier moves its count too (one job, not two).
  board.add(job(4, 12, {JobKind::status}, kT0 + minutes(5)));
  EXPECT_EQ(board.due_before(kT0 + minutes(6)), 2u);
  EXPECT_EQ(board.due_before(kT0 + minutes(21)), 3u);

  // Started jobs are no longer waiting; a busy meter's follow-up still counts.
  ASSERT_TRUE(board.start_next());  // meter 10
  EXPECT_EQ(board.due_before(kT0 + minutes(21)), 2u);
  board.add(job(5, 10, {JobKind::status}, kT0 - minutes(1)));
  EXPECT_EQ(board.due_before(kT0), 1u);
  EXPECT_EQ(board.due_before(kT0 + minutes(21)), 3u);
}

TEST(EngineRuntimeJobBoard, ClearWaitingDropsWaitingJobsAndKeepsRunningOnes) {
  JobBoard board;
  board.add(job(1, 10, {JobKind::registers}, kT0));
  ASSERT_TRUE(board.start_next());
  board.add(job(2, 10, {JobKind::status}, kT0));  // follow-up of the running meter
  board.add(job(3, 11, {JobKind::status}, kT0));
  board.add(job(4, 12, {JobKind::status}, kT0));

  board.clear_waiting();
  EXPECT_EQ(board.waiting_count(), 0u);
  EXPECT_EQ(board.running_count(), 1u);
  EXPECT_EQ(board.due_before(kT0 + minutes(60)), 0u);
  EXPECT_TRUE(board.running(10));
  EXPECT_FALSE(board.start_next());

  board.finish(10);
  EXPECT_EQ(board.running_count(), 0u);
  EXPECT_FALSE(board.start_next());  // the dropped follow-up does not come back

  // The board still works afterwards.
  EXPECT_TRUE(board.add(job(5, 11, {JobKind::registers}, kT0)));
  auto next = board.start_next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, 5u);
}

TEST(EngineRuntimeJobBoard, ManyCyclesLeaveNothingBehind) {
  JobBoard board;
  std::uint64_t id = 0;
  std::size_t started = 0;
  for (int round = 0; round < 200; ++round) {
    for (std::int64_t meter = 1; meter <= 50; ++meter)
      board.add(job(++id, meter, {JobKind::registers}, kT0 + minutes(round)));
    // Half the meters get a follow-up while they run.
    while (auto next = board.start_next()) {
      ++started;
      if (next->meter_id % 2 == 0)
        board.add(job(++id, next->meter_id, {JobKind::status}, kT0 + minutes(round)));
    }
    for (std::int64_t meter = 1; meter <= 50; ++meter) board.finish(meter);
    while (auto next = board.start_next()) ++started;
    for (std::int64_t meter = 1; meter <= 50; ++meter) board.finish(meter);
  }
  EXPECT_EQ(started, 200u * 75u);
  EXPECT_EQ(board.waiting_count(), 0u);
  EXPECT_EQ(board.running_count(), 0u);
  EXPECT_EQ(board.due_before(kT0 + std::chrono::hours(24)), 0u);
  for (std::int64_t meter = 1; meter <= 50; ++meter) EXPECT_FALSE(board.running(meter));
}

}  // namespace
}  // namespace jemhead::engine
