// The push queue without I/O: each file queued once and oldest first, backoff doubling to
// the maximum, files dropped by the FIFO given up, and the log.
#include "sim/pqdif/push/push_queue.hpp"

#include <gtest/gtest.h>

namespace jemhead::sim {
namespace {

using namespace std::chrono_literals;

const PushClock::time_point T0{};
const UtcTime kMeterNow = from_unix_micros(1'767'225'600'000'000);

std::vector<PqdifFileInfo> store(std::initializer_list<const char*> names) {
  std::vector<PqdifFileInfo> out;
  for (const char* n : names) out.push_back({n, 100, kMeterNow});
  return out;
}

TEST(SimPqdifPushQueue, EachFileIsQueuedOnceOldestFirst) {
  PushQueue q(1000ms, 60000ms);
  q.observe(store({"a", "b"}), T0);
  q.observe(store({"a", "b", "c"}), T0);
  EXPECT_EQ(q.pending(), 3u);
  EXPECT_EQ(q.take_due(T0), "a");
  EXPECT_EQ(q.take_due(T0), "b");  // a is in flight
  q.sent("a", 100, "aa", kMeterNow);
  q.observe(store({"a", "b", "c"}), T0);  // a sent: not queued again
  EXPECT_EQ(q.take_due(T0), "c");
  EXPECT_EQ(q.take_due(T0), std::nullopt);
  EXPECT_EQ(q.pending(), 2u);
  ASSERT_NE(q.find("a"), nullptr);
  EXPECT_EQ(q.find("a")->pushed_at, kMeterNow);
  EXPECT_EQ(q.find("a")->sha256, "aa");
  EXPECT_EQ(q.find("a")->attempts, 1);
}

TEST(SimPqdifPushQueue, FailuresBackOffDoublingUpToTheMaximum) {
  PushQueue q(1000ms, 5000ms);
  EXPECT_EQ(q.backoff(1), 1000ms);
  EXPECT_EQ(q.backoff(2), 2000ms);
  EXPECT_EQ(q.backoff(3), 4000ms);
  EXPECT_EQ(q.backoff(4), 5000ms);
  EXPECT_EQ(q.backoff(40), 5000ms);
  q.observe(store({"a"}), T0);
  ASSERT_EQ(q.take_due(T0), "a");
  q.failed("a", "connection refused", T0);
  EXPECT_EQ(q.find("a")->error, "connection refused");
  EXPECT_EQ(q.next_wake(), T0 + 1000ms);
  EXPECT_EQ(q.take_due(T0 + 999ms), std::nullopt);
  ASSERT_EQ(q.take_due(T0 + 1000ms), "a");
  q.failed("a", "still refused", T0 + 1000ms);
  EXPECT_EQ(q.next_wake(), T0 + 3000ms);
  ASSERT_EQ(q.take_due(T0 + 3000ms), "a");
  q.sent("a", 100, "aa", kMeterNow);
  EXPECT_EQ(q.find("a")->attempts, 3);
  EXPECT_TRUE(q.find("a")->error.empty());
  EXPECT_EQ(q.next_wake(), std::nullopt);
  EXPECT_EQ(q.pending(), 0u);
}

TEST(SimPqdifPushQueue, FilesTheFifoDropsBeforeSendingAreGivenUp) {
  PushQueue q(1000ms, 60000ms);
  q.observe(store({"a", "b"}), T0);
  ASSERT_EQ(q.take_due(T0), "a");
  q.failed("a", "timeout", T0);
  q.observe(store({"b"}), T0 + 10ms);  // a dropped while waiting for its retry
  EXPECT_TRUE(q.find("a")->given_up);
  EXPECT_NE(q.find("a")->error.find("dropped"), std::string::npos);
  EXPECT_EQ(q.take_due(T0 + 5000ms), "b");
  // b vanishes between being taken and being read.
  q.gone("b");
  EXPECT_TRUE(q.find("b")->given_up);
  EXPECT_EQ(q.pending(), 0u);
  EXPECT_EQ(q.take_due(T0 + 100s), std::nullopt);
}

TEST(SimPqdifPushQueue, DeletedAndTestEntriesAreLoggedButNeverQueued) {
  PushQueue q(1000ms, 60000ms);
  q.observe(store({"a"}), T0);
  ASSERT_EQ(q.take_due(T0), "a");
  q.sent("a", 100, "aa", kMeterNow);
  q.mark_deleted("a");
  q.observe(store({}), T0);  // gone from the store after sending: not given up
  EXPECT_TRUE(q.find("a")->deleted);
  EXPECT_FALSE(q.find("a")->given_up);
  PushLogEntry test;
  test.name = "t";
  test.error = "refused";
  q.log_test(test);
  EXPECT_TRUE(q.find("t")->test);
  EXPECT_EQ(q.take_due(T0 + 100s), std::nullopt);
  ASSERT_EQ(q.log().size(), 2u);
  EXPECT_EQ(q.log().back().name, "t");
}

}  // namespace
}  // namespace jemhead::sim
