// Bad input is refused with the field named, and nothing is written; good input is stored
// exactly as sent.
#include <gtest/gtest.h>

#include <set>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

class ApiInput : public ::testing::Test {
 protected:
  TempDir dir;
  Jemhead daemon{dir, daemon_config(dir)};

  std::size_t count(const std::string& path) {
    return daemon.call("GET", path).json().at("items").as_array().size();
  }
  std::int64_t create_meter(const std::string& serial) {
    auto r = daemon.call("POST", "/api/v1/meters", R"({"serial":")" + serial + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }
};

// Each case: body, expected status, the field the problem must name.
struct BadBody {
  const char* body;
  int status;
  const char* field;
};

TEST_F(ApiInput, BadMetersAreRefusedAndNothingIsWritten) {
  const BadBody cases[] = {
      {R"({"serial":"1","colour":"red"})", 422, "colour"},
      {R"({"serial":42})", 422, "serial"},
      {R"({"name":"no serial"})", 422, "serial"},
      {R"({"serial":"1","identification":[{"title":"Meter ID","value":"1234567890123456789012345"}]})",
       422, "identification/0/value"},
      {R"({"serial":"1","time_zone":"Mars/Olympus"})", 422, "time_zone"},
  };
  for (const auto& c : cases) {
    auto r = daemon.call("POST", "/api/v1/meters", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json") << c.body;
    EXPECT_NE(r.body.find(c.field), std::string::npos) << c.body << " -> " << r.body;
  }
  auto malformed = daemon.call("POST", "/api/v1/meters", R"({"serial":)");
  EXPECT_EQ(malformed.status, 400) << malformed.body;
  EXPECT_EQ(count("/api/v1/meters"), 0u);
  EXPECT_EQ(count("/api/v1/audit"), 0u);
}

TEST_F(ApiInput, BadConnectionProfilesNameTheField) {
  auto id = create_meter("50000001");
  const auto path = "/api/v1/meters/" + std::to_string(id) + "/connections";
  const BadBody cases[] = {
      {R"({"name":"a","protocol":"modbus","transport":"rs485","device":"/dev/ttyS0","address":255})",
       422, "address"},
      {R"({"name":"a","protocol":"modbus","transport":"rs485","device":"/dev/ttyS0","address":0})",
       422, "address"},
      {R"({"name":"m","protocol":"dlms","transport":"modem","device":"/dev/ttyS1","phone":"123456789012345678901234567890123456789012345678901"})",
       422, "phone"},
      {R"({"name":"a","protocol":"smoke-signals","transport":"tcp","host":"127.0.0.1"})", 422,
       "protocol"},
      {R"({"name":"a","protocol":"dlms","transport":"tcp","host":"127.0.0.1","port":70000})", 422,
       "port"},
  };
  for (const auto& c : cases) {
    auto r = daemon.call("POST", path, c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_NE(r.body.find(c.field), std::string::npos) << c.body << " -> " << r.body;
  }
  EXPECT_EQ(count(path), 0u);
  EXPECT_EQ(daemon
                .call("POST", "/api/v1/meters/999999/connections",
                      R"({"name":"a","protocol":"dlms","transport":"tcp","host":"127.0.0.1"})")
                .status,
            404);
}

TEST_F(ApiInput, MeterIsStoredExactlyAsSent) {
  auto group = daemon.call("POST", "/api/v1/groups", R"({"name":"north","description":"bay 1-4"})");
  ASSERT_EQ(group.status, 201) << group.body;
  auto group_id = group.json().at("id").as_int64();
  json::object sent{
      {"serial", "50123456"},
      {"name", "Feeder 1"},
      {"location", "North substation"},
      {"model", "JS2-7-A"},
      {"mid", true},
      {"firmware", "6.5.2"},
      {"options", json::array{"PQ2", "ML"}},
      {"group_id", group_id},
      {"time_zone", "America/New_York"},
      {"identification", json::array{json::object{{"title", "Meter ID"}, {"value", "F1-MAIN"}}}}};
  auto created = daemon.call("POST", "/api/v1/meters", json::serialize(sent));
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = created.json().at("id").as_int64();
  EXPECT_EQ(created.headers["location"], "/api/v1/meters/" + std::to_string(id));

  auto got = daemon.call("GET", "/api/v1/meters/" + std::to_string(id)).json().as_object();
  for (const char* key : {"serial", "name", "location", "model", "mid", "firmware", "options",
                          "group_id", "time_zone"})
    EXPECT_EQ(got.at(key), sent.at(key)) << key;
  EXPECT_EQ(got.at("identification").as_array().size(), 10u);
  EXPECT_EQ(got.at("identification").as_array()[0].at("value").as_string(), "F1-MAIN");

  auto dup = daemon.call("POST", "/api/v1/meters", R"({"serial":"50123456"})");
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(daemon.call("DELETE", "/api/v1/groups/" + std::to_string(group_id)).status, 409);

  auto conn = daemon.call("POST", "/api/v1/meters/" + std::to_string(id) + "/connections",
                          R"({"name":"eth","protocol":"dnp3","transport":"tcp",)"
                          R"("host":"127.0.0.1","retries":2,"is_default":true})");
  ASSERT_EQ(conn.status, 201) << conn.body;
  auto list = daemon.call("GET", "/api/v1/meters/" + std::to_string(id) + "/connections").json();
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  auto c = list.at("items").as_array()[0].as_object();
  EXPECT_EQ(c.at("protocol").as_string(), "dnp3");
  EXPECT_EQ(c.at("host").as_string(), "127.0.0.1");
  EXPECT_EQ(c.at("retries").as_int64(), 2);
  EXPECT_EQ(c.at("is_default").as_bool(), true);
}

TEST_F(ApiInput, PagingWalksEveryMeterOnce) {
  for (int i = 0; i < 25; ++i) create_meter("5000" + std::to_string(1000 + i));
  std::set<std::string> seen;
  std::string after = "0";
  for (int pages = 0; pages < 10; ++pages) {
    auto page = daemon.call("GET", "/api/v1/meters?limit=10&after=" + after).json();
    auto items = page.at("items").as_array();
    if (items.empty()) break;
    for (const auto& m : items)
      EXPECT_TRUE(seen.insert(json::value_to<std::string>(m.at("serial"))).second);
    after = std::to_string(items.back().at("id").as_int64());
  }
  EXPECT_EQ(seen.size(), 25u);
  auto filtered = daemon.call("GET", "/api/v1/meters?serial_prefix=5000100").json();
  EXPECT_EQ(filtered.at("items").as_array().size(), 10u);  // 50001000..50001009
  EXPECT_EQ(daemon.call("GET", "/api/v1/meters?limit=100000").status, 400);
}

}  // namespace
}  // namespace jemhead::testing
