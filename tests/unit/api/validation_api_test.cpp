// Bad input gets the right status, names the field, and writes nothing.
#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

class ApiRejects : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    meter_ = create_meter(R"({"serial":"BASE-1","name":"kept"})");
    meters_before_ = meter_count();
    audits_before_ = audit_count();
  }
  // Checks status, named fields, and that neither meters nor audit rows changed.
  void expect_rejected(const Reply& r, int status, const std::vector<std::string>& fields) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    auto j = r.json();
    EXPECT_EQ(j.at("status"), status);
    EXPECT_FALSE(j.at("title").as_string().empty());
    EXPECT_FALSE(j.at("detail").as_string().empty());
    auto named = r.error_fields();
    for (const auto& f : fields)
      EXPECT_NE(std::find(named.begin(), named.end(), f), named.end()) << f << " in " << r.body;
    EXPECT_EQ(meter_count(), meters_before_);
    EXPECT_EQ(audit_count(), audits_before_);
    EXPECT_EQ(repo_->find_meter(meter_)->name, "kept");
  }
  std::string meter_path() const { return "/api/v1/meters/" + std::to_string(meter_); }

  std::int64_t meter_ = 0;
  std::int64_t meters_before_ = 0;
  std::size_t audits_before_ = 0;
};

TEST_F(ApiRejects, UnknownField) {
  expect_rejected(call("POST", "/api/v1/meters", kOperator, R"({"serial":"N-1","colour":"red"})"),
                  422, {"colour"});
  expect_rejected(
      call("PUT", meter_path(), kOperator, R"({"serial":"BASE-1","name":"x","extra":1})"), 422,
      {"extra"});
}

TEST_F(ApiRejects, WrongTypes) {
  expect_rejected(call("POST", "/api/v1/meters", kOperator,
                       R"({"serial":42,"mid":"yes","options":"PQ2","enabled":1})"),
                  422, {"serial", "mid", "options", "enabled"});
  expect_rejected(call("PATCH", meter_path(), kOperator, R"({"name":["x"]})"), 422, {"name"});
}

TEST_F(ApiRejects, OutOfRangeValues) {
  expect_rejected(
      call("POST", "/api/v1/meters", kOperator,
           R"({"serial":"N-2","identification":[{"value":"this value is longer than 24"}]})"),
      422, {"identification/0/value"});
  expect_rejected(call("POST", "/api/v1/meters", kOperator, R"({"serial":""})"), 422, {"serial"});
  expect_rejected(call("POST", "/api/v1/meters", kOperator, R"({"serial":"N-3","group_id":999})"),
                  422, {"group_id"});
  expect_rejected(call("POST", "/api/v1/meters", kOperator, R"({"serial":"N-4","group_id":0})"),
                  422, {"group_id"});
}

TEST_F(ApiRejects, MalformedJsonAndWrongMediaType) {
  expect_rejected(call("POST", "/api/v1/meters", kOperator, R"({"serial":"N-5",)"), 400, {});
  expect_rejected(call("POST", "/api/v1/meters", kOperator, R"(["serial"])"), 400, {});
  expect_rejected(call("PUT", meter_path(), kOperator, "not json at all"), 400, {});
  expect_rejected(
      call("POST", "/api/v1/meters", kOperator, "serial=N-6", "application/x-www-form-urlencoded"),
      415, {});
}

TEST_F(ApiRejects, ConnectionRangesFromTheManual) {
  const auto base = meter_path() + "/connections";
  auto serial = [](const std::string& extra) {
    return R"({"name":"bus","protocol":"modbus","transport":"rs485","device":"/dev/ttyUSB0")" +
           extra + "}";
  };
  const auto profiles = repo_->list_connections(meter_).size();
  expect_rejected(call("POST", base, kOperator, serial(R"(,"address":255)")), 422, {"address"});
  expect_rejected(call("POST", base, kOperator, serial(R"(,"address":0)")), 422, {"address"});
  expect_rejected(call("POST", base, kOperator, serial(R"(,"baud":115200)")), 422, {"baud"});
  expect_rejected(call("POST", base, kOperator, serial(R"(,"host":"10.0.0.1")")), 422, {"host"});
  expect_rejected(
      call(
          "POST", base, kOperator,
          R"({"name":"dial","protocol":"dlms","transport":"modem","device":"/dev/ttyACM0","phone":")" +
              std::string(51, '9') + "\"}"),
      422, {"phone"});
  expect_rejected(
      call("POST", base, kOperator,
           R"({"name":"x","protocol":"telnet","transport":"tcp","host":"h","port":65536})"),
      422, {"protocol", "port"});
  expect_rejected(
      call("POST", base, kOperator, R"({"name":"x","transport":"tcp","host":"h","options":5})"),
      422, {"options"});
  EXPECT_EQ(repo_->list_connections(meter_).size(), profiles);
}

}  // namespace
}  // namespace jemhead::testing
