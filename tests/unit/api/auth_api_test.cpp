// 401 without or with a bad token, 403 when the role is too low, per route class.
#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

TEST_F(ApiTest, HealthIsOpenAndEverythingElseNeedsAToken) {
  EXPECT_EQ(call("GET", "/health", "").status, 200);
  for (const char* path : {"/metrics", "/api/v1/openapi.yaml", "/api/v1/meters", "/api/v1/groups",
                           "/api/v1/audit", "/api/v1/meters/1", "/api/v1/meters/1/connections"}) {
    auto r = call("GET", path, "");
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(r.header("www-authenticate"), "Bearer realm=\"jemhead\"") << path;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << path;
  }
  auto bad = call("GET", "/api/v1/meters", "not-a-token");
  EXPECT_EQ(bad.status, 401);
  EXPECT_NE(bad.header("www-authenticate").find("invalid_token"), std::string::npos);
  EXPECT_EQ(call("POST", "/api/v1/meters", "", R"({"serial":"X"})").status, 401);
  EXPECT_EQ(meter_count(), 0);
}

TEST_F(ApiTest, RolesGateEachKindOfOperation) {
  // viewer: reads only
  EXPECT_EQ(call("GET", "/api/v1/meters", kViewer).status, 200);
  EXPECT_EQ(call("GET", "/metrics", kViewer).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/openapi.yaml", kViewer).status, 200);
  auto denied = call("POST", "/api/v1/meters", kViewer, R"({"serial":"V-1"})");
  EXPECT_EQ(denied.status, 403);
  EXPECT_NE(denied.json().at("detail").as_string().find("operator"), std::string::npos);
  EXPECT_EQ(call("POST", "/api/v1/groups", kViewer, R"({"name":"g"})").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/audit", kViewer).status, 403);
  EXPECT_EQ(meter_count(), 0);

  // operator: creates and updates, deletes connections, but not meters or groups
  const auto meter = create_meter(R"({"serial":"O-1"})");
  const auto group = create_group("og");
  const auto m = "/api/v1/meters/" + std::to_string(meter);
  EXPECT_EQ(call("PUT", m, kViewer, R"({"serial":"O-1"})").status, 403);
  EXPECT_EQ(call("PATCH", m, kOperator, R"({"name":"n"})").status, 200);
  auto conn = call("POST", m + "/connections", kOperator,
                   R"({"name":"eth","protocol":"dlms","transport":"tcp","host":"127.0.0.1"})");
  ASSERT_EQ(conn.status, 201) << conn.body;
  const auto c = m + "/connections/" + std::to_string(conn.json().at("id").as_int64());
  EXPECT_EQ(call("DELETE", c, kViewer).status, 403);
  EXPECT_EQ(call("DELETE", c, kOperator).status, 204);
  EXPECT_EQ(call("DELETE", m, kOperator).status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/groups/" + std::to_string(group), kOperator).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/audit", kOperator).status, 403);
  EXPECT_TRUE(repo_->find_meter(meter));

  // admin: everything
  EXPECT_EQ(call("GET", "/api/v1/audit", kAdmin).status, 200);
  EXPECT_EQ(call("DELETE", m, kAdmin).status, 204);
  EXPECT_EQ(call("DELETE", "/api/v1/groups/" + std::to_string(group), kAdmin).status, 204);
}

}  // namespace
}  // namespace jemhead::testing
