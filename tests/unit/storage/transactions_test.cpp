// transact(): all or nothing, rollback on exception, nesting rules, statistics and lock
// waits between two repositories on one file.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

struct WorkFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<LoadProfileValue> interval_values(std::int64_t meter, std::int64_t minutes, int count) {
  std::vector<LoadProfileValue> values;
  for (int channel = 1; channel <= count; ++channel) {
    LoadProfileValue v;
    v.meter_id = meter;
    v.channel = static_cast<std::uint16_t>(channel);
    v.interval_end = minute(minutes);
    v.value = channel * 1.5;
    values.push_back(v);
  }
  return values;
}

TEST_F(StorageTest, TransactCommitsEverythingTogether) {
  std::int64_t meter = 0;
  repo->transact([&](Store& s) {
    meter = s.insert_meter(sample_meter("TX-1"));
    s.upsert_load_profile(interval_values(meter, 15, 4));
    s.set_checkpoint(meter, "lp1", "15");
    // Reads through the Store see the transaction's own writes.
    EXPECT_EQ(s.load_profile(meter, 1, {}).size(), 4u);
  });
  EXPECT_TRUE(repo->find_meter(meter).has_value());
  EXPECT_EQ(repo->load_profile(meter, 1, {}).size(), 4u);
  EXPECT_EQ(repo->checkpoint(meter, "lp1"), "15");
}

TEST_F(StorageTest, TransactRollsBackAndRethrowsWhenWorkThrows) {
  std::int64_t existing = add_meter("TX-KEEP");
  std::int64_t meter = 0;
  EXPECT_THROW(repo->transact([&](Store& s) {
    meter = s.insert_meter(sample_meter("TX-2"));
    s.upsert_load_profile(interval_values(meter, 15, 16));
    s.upsert_load_profile(interval_values(existing, 15, 2));
    s.set_checkpoint(meter, "lp1", "15");
    s.append_audit(AuditEntry{0, {}, "tester", "meter.create", "meter/x", "{}"});
    throw WorkFailed("driver lost the connection");
  }),
               WorkFailed);
  EXPECT_GT(meter, 0);
  EXPECT_FALSE(repo->find_meter(meter).has_value());
  EXPECT_FALSE(repo->find_meter_by_serial("TX-2").has_value());
  EXPECT_TRUE(repo->load_profile(meter, 1, {}).empty());
  EXPECT_TRUE(repo->load_profile(existing, 1, {}).empty());
  EXPECT_FALSE(repo->checkpoint(meter, "lp1").has_value());
  EXPECT_TRUE(repo->audit({}, {}).empty());
  EXPECT_EQ(repo->count_meters({}), 1);
}

TEST_F(StorageTest, WorkMayRecoverFromAConflictInsideTheTransaction) {
  add_meter("TX-DUP");
  repo->transact([&](Store& s) {
    EXPECT_THROW(s.insert_meter(sample_meter("TX-DUP")), Conflict);
    s.insert_meter(sample_meter("TX-OTHER"));
  });
  EXPECT_EQ(repo->count_meters({}), 2);
  EXPECT_TRUE(repo->find_meter_by_serial("TX-OTHER").has_value());
}

TEST_F(StorageTest, RepositoryWritesInsideTransactAreRefusedNotDeadlocked) {
  repo->transact([&](Store&) {
    EXPECT_THROW(repo->insert_meter(sample_meter("NESTED")), StorageError);
    EXPECT_THROW(repo->transact([](Store&) {}), StorageError);
    EXPECT_THROW(repo->close(), StorageError);
  });
  EXPECT_FALSE(repo->find_meter_by_serial("NESTED").has_value());
}

TEST_F(StorageTest, ReadsOutsideTheTransactionSeeOnlyCommittedData) {
  repo->transact([&](Store& s) {
    s.insert_meter(sample_meter("PENDING"));
    // The Repository's own read goes to a reader connection: not committed yet.
    EXPECT_FALSE(repo->find_meter_by_serial("PENDING").has_value());
  });
  EXPECT_TRUE(repo->find_meter_by_serial("PENDING").has_value());
}

TEST_F(StorageTest, StatsCountTransactionsRollbacksAndRows) {
  StorageStats before = repo->stats();
  EXPECT_EQ(before.transactions, 0u);
  EXPECT_EQ(before.rollbacks, 0u);
  EXPECT_EQ(before.rows_written, 0u);

  std::int64_t meter = add_meter("ST-1");  // 1 meter row + 10 identification rows
  StorageStats after_meter = repo->stats();
  EXPECT_EQ(after_meter.transactions, 1u);
  EXPECT_EQ(after_meter.rows_written, 11u);

  // 16 channels of one interval are one row (schema step 6).
  repo->upsert_load_profile(interval_values(meter, 15, 16));
  repo->upsert_load_profile(interval_values(meter, 15, 16));  // same interval again: 1 update
  StorageStats after_lp = repo->stats();
  EXPECT_EQ(after_lp.transactions, 3u);
  EXPECT_EQ(after_lp.rows_written, 11u + 2u);

  EXPECT_THROW(repo->insert_meter(sample_meter("ST-1")), Conflict);
  EXPECT_THROW(repo->transact([&](Store& s) {
    s.upsert_load_profile(interval_values(meter, 30, 16));
    throw WorkFailed("no");
  }),
               WorkFailed);
  StorageStats end = repo->stats();
  EXPECT_EQ(end.transactions, 3u);
  EXPECT_EQ(end.rollbacks, 2u);
  EXPECT_EQ(end.rows_written, 13u);  // rolled-back rows are not counted
  EXPECT_EQ(end.busy_retries, 0u);
}

TEST(StorageLocking, SecondRepositoryOnTheFileWaitsForTheLockAndCountsRetries) {
  TempDir dir;
  SqliteOptions options;
  options.path = dir.file("shared.db");
  auto first = open_sqlite(options);
  auto second = open_sqlite(options);  // stands in for a second process

  std::atomic<bool> holding{false};
  std::thread holder([&] {
    first->transact([&](Store& s) {
      s.insert_meter(sample_meter("HOLDER"));
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto started = std::chrono::steady_clock::now();
  second->insert_meter(sample_meter("WAITER"));  // blocks until the holder commits
  auto waited = std::chrono::steady_clock::now() - started;
  holder.join();

  EXPECT_GE(waited, std::chrono::milliseconds(100));
  EXPECT_GT(second->stats().busy_retries, 0u);
  EXPECT_EQ(first->count_meters({}), 2);
  EXPECT_EQ(second->count_meters({}), 2);
}

}  // namespace
}  // namespace jemhead::storage::testing
