// Connection profiles: round trip of every field, one default per meter, uniqueness of
// names per meter, unknown meters, cascade on meter delete.
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

void expect_same_profile(const ConnectionProfile& a, const ConnectionProfile& e) {
  EXPECT_EQ(a.meter_id, e.meter_id);
  EXPECT_EQ(a.name, e.name);
  EXPECT_EQ(a.protocol, e.protocol);
  EXPECT_EQ(a.transport, e.transport);
  EXPECT_EQ(a.is_default, e.is_default);
  EXPECT_EQ(a.host, e.host);
  EXPECT_EQ(a.port, e.port);
  EXPECT_EQ(a.device, e.device);
  EXPECT_EQ(a.baud, e.baud);
  EXPECT_EQ(a.address, e.address);
  EXPECT_EQ(a.rs485_delay_ms, e.rs485_delay_ms);
  EXPECT_EQ(a.probe, e.probe);
  EXPECT_EQ(a.modem_init, e.modem_init);
  EXPECT_EQ(a.phone, e.phone);
  EXPECT_EQ(a.retries, e.retries);
  EXPECT_EQ(a.retry_delay_s, e.retry_delay_s);
  EXPECT_EQ(a.timeout_ms, e.timeout_ms);
  EXPECT_EQ(a.options_json, e.options_json);
}

std::vector<std::string> defaults_of(Repository& repo, std::int64_t meter_id) {
  std::vector<std::string> names;
  for (const auto& p : repo.list_connections(meter_id))
    if (p.is_default) names.push_back(p.name);
  return names;
}

TEST_F(StorageTest, ConnectionProfileRoundTripKeepsEveryField) {
  std::int64_t meter = add_meter("C-1");
  ConnectionProfile p = sample_profile(meter, "rs485-modbus");
  p.is_default = true;
  std::int64_t id = repo->insert_connection(p);

  auto found = repo->find_connection(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  expect_same_profile(*found, p);

  ConnectionProfile changed = sample_profile(meter, "tcp-dlms");
  changed.id = id;
  changed.protocol = Protocol::dlms;
  changed.transport = Transport::tls;
  changed.port = 0;
  changed.baud = 1200;
  changed.options_json = "{}";
  changed.is_default = true;
  ASSERT_TRUE(repo->update_connection(changed));
  expect_same_profile(*repo->find_connection(id), changed);

  ASSERT_TRUE(repo->delete_connection(id));
  EXPECT_FALSE(repo->find_connection(id).has_value());
  EXPECT_FALSE(repo->delete_connection(id));
  changed.id = 5555;
  EXPECT_FALSE(repo->update_connection(changed));
}

TEST_F(StorageTest, ListConnectionsIsPerMeterInIdOrder) {
  std::int64_t m1 = add_meter("C-A");
  std::int64_t m2 = add_meter("C-B");
  std::int64_t a = repo->insert_connection(sample_profile(m1, "one"));
  std::int64_t b = repo->insert_connection(sample_profile(m2, "one"));  // same name, other meter
  std::int64_t c = repo->insert_connection(sample_profile(m1, "two"));

  auto list = repo->list_connections(m1);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, a);
  EXPECT_EQ(list[0].name, "one");
  EXPECT_EQ(list[1].id, c);
  EXPECT_EQ(list[1].name, "two");
  auto other = repo->list_connections(m2);
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].id, b);
  EXPECT_TRUE(repo->list_connections(777).empty());
}

TEST_F(StorageTest, MakingAProfileDefaultClearsTheOthers) {
  std::int64_t meter = add_meter("C-D");
  std::int64_t other_meter = add_meter("C-E");
  ConnectionProfile first = sample_profile(meter, "first");
  first.is_default = true;
  first.id = repo->insert_connection(first);
  ConnectionProfile elsewhere = sample_profile(other_meter, "elsewhere");
  elsewhere.is_default = true;
  repo->insert_connection(elsewhere);
  EXPECT_EQ(defaults_of(*repo, meter), std::vector<std::string>{"first"});

  ConnectionProfile second = sample_profile(meter, "second");
  second.is_default = true;
  second.id = repo->insert_connection(second);
  EXPECT_EQ(defaults_of(*repo, meter), std::vector<std::string>{"second"});

  // Back to the first through an update.
  first.is_default = true;
  ASSERT_TRUE(repo->update_connection(first));
  EXPECT_EQ(defaults_of(*repo, meter), std::vector<std::string>{"first"});
  // The other meter's default is untouched.
  EXPECT_EQ(defaults_of(*repo, other_meter), std::vector<std::string>{"elsewhere"});

  // Clearing the flag leaves the meter without a default.
  first.is_default = false;
  ASSERT_TRUE(repo->update_connection(first));
  EXPECT_TRUE(defaults_of(*repo, meter).empty());
}

TEST_F(StorageTest, DuplicateProfileNameOnOneMeterIsConflict) {
  std::int64_t meter = add_meter("C-F");
  repo->insert_connection(sample_profile(meter, "eth"));
  try {
    repo->insert_connection(sample_profile(meter, "eth"));
    FAIL() << "expected Conflict";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find("'eth'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(repo->list_connections(meter).size(), 1u);
}

TEST_F(StorageTest, ProfileForUnknownMeterIsNotFound) {
  ConnectionProfile p = sample_profile(31337, "ghost");
  p.is_default = true;
  try {
    repo->insert_connection(p);
    FAIL() << "expected NotFound";
  } catch (const NotFound& e) {
    EXPECT_NE(std::string(e.what()).find("31337"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(repo->list_connections(31337).empty());
}

TEST_F(StorageTest, DeletingAMeterDeletesItsProfiles) {
  std::int64_t meter = add_meter("C-G");
  std::int64_t id = repo->insert_connection(sample_profile(meter, "p"));
  ASSERT_TRUE(repo->delete_meter(meter));
  EXPECT_FALSE(repo->find_connection(id).has_value());
}

}  // namespace
}  // namespace jemhead::storage::testing
