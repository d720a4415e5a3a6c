// Meter health records: upsert, read, list, deletion with the meter, transactions.
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

using StorageMeterHealth = StorageTest;

MeterHealth failing_health(std::int64_t meter) {
  MeterHealth h;
  h.meter_id = meter;
  h.consecutive_failures = 7;
  h.healthy = false;
  h.last_success = at_us(1'700'000'000'000'001);
  h.last_failure = at_us(1'700'000'600'000'002);
  h.next_attempt = at_us(1'700'000'960'000'003);
  h.last_error = "timeout: no answer from 127.0.0.1:1502 after 3 attempts";
  return h;
}

void expect_same_health(const MeterHealth& actual, const MeterHealth& expected) {
  EXPECT_EQ(actual.meter_id, expected.meter_id);
  EXPECT_EQ(actual.consecutive_failures, expected.consecutive_failures);
  EXPECT_EQ(actual.healthy, expected.healthy);
  EXPECT_EQ(actual.last_success, expected.last_success);
  EXPECT_EQ(actual.last_failure, expected.last_failure);
  EXPECT_EQ(actual.next_attempt, expected.next_attempt);
  EXPECT_EQ(actual.last_error, expected.last_error);
}

TEST_F(StorageMeterHealth, AbsentUntilPutThenEveryFieldRoundTrips) {
  std::int64_t meter = add_meter("MH-1");
  EXPECT_FALSE(repo->meter_health(meter).has_value());
  MeterHealth h = failing_health(meter);
  repo->put_meter_health(h);
  auto found = repo->meter_health(meter);
  ASSERT_TRUE(found.has_value());
  expect_same_health(*found, h);
}

TEST_F(StorageMeterHealth, PutReplacesTheRecordIncludingClearedTimes) {
  std::int64_t meter = add_meter("MH-2");
  repo->put_meter_health(failing_health(meter));
  MeterHealth recovered;
  recovered.meter_id = meter;
  recovered.consecutive_failures = 0;
  recovered.healthy = true;
  recovered.last_success = at_us(1'700'001'000'000'004);
  // last_failure and next_attempt left unset: they must become NULL, not keep old values.
  recovered.last_error = "";
  repo->put_meter_health(recovered);
  auto found = repo->meter_health(meter);
  ASSERT_TRUE(found.has_value());
  expect_same_health(*found, recovered);
  EXPECT_FALSE(found->last_failure.has_value());
  EXPECT_FALSE(found->next_attempt.has_value());
  EXPECT_EQ(repo->list_meter_health().size(), 1u);  // replaced, not added
}

TEST_F(StorageMeterHealth, ListHoldsEveryStoredRecordInMeterOrder) {
  std::int64_t a = add_meter("MH-A");
  std::int64_t b = add_meter("MH-B");
  std::int64_t c = add_meter("MH-C");
  EXPECT_TRUE(repo->list_meter_health().empty());
  MeterHealth hc = failing_health(c);
  MeterHealth ha;
  ha.meter_id = a;
  ha.consecutive_failures = 1;
  ha.last_failure = minute(3);
  ha.last_error = "connection_failed";
  repo->put_meter_health(hc);
  repo->put_meter_health(ha);
  auto all = repo->list_meter_health();
  ASSERT_EQ(all.size(), 2u);  // b has no record
  expect_same_health(all[0], ha);
  expect_same_health(all[1], hc);
  EXPECT_FALSE(repo->meter_health(b).has_value());
}

TEST_F(StorageMeterHealth, DeletingTheMeterDeletesItsHealth) {
  std::int64_t gone = add_meter("MH-GONE");
  std::int64_t kept = add_meter("MH-KEPT");
  repo->put_meter_health(failing_health(gone));
  repo->put_meter_health(failing_health(kept));
  ASSERT_TRUE(repo->delete_meter(gone));
  EXPECT_FALSE(repo->meter_health(gone).has_value());
  auto all = repo->list_meter_health();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].meter_id, kept);
}

TEST_F(StorageMeterHealth, UnknownMeterIsNotFound) {
  EXPECT_THROW(repo->put_meter_health(failing_health(4242)), NotFound);
  EXPECT_TRUE(repo->list_meter_health().empty());
}

TEST_F(StorageMeterHealth, HealthWrittenInARolledBackTransactionIsNotKept) {
  std::int64_t meter = add_meter("MH-TX");
  EXPECT_THROW(repo->transact([&](Store& s) {
    s.put_meter_health(failing_health(meter));
    throw std::runtime_error("undo");
  }),
               std::runtime_error);
  EXPECT_FALSE(repo->meter_health(meter).has_value());
  repo->transact([&](Store& s) { s.put_meter_health(failing_health(meter)); });
  EXPECT_EQ(repo->meter_health(meter)->consecutive_failures, 7);
}

}  // namespace
}  // namespace jemhead::storage::testing
