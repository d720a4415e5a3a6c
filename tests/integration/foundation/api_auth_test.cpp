// Authentication and roles, enforced by the real daemon over a real socket.
#include <gtest/gtest.h>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

class ApiAuth : public ::testing::Test {
 protected:
  TempDir dir;
  Jemhead daemon{dir, daemon_config(dir)};
};

const char* kMeter = R"({"serial":"50000001","name":"Feeder 1"})";

TEST_F(ApiAuth, HealthIsOpenAndEverythingElseNeedsAToken) {
  auto health = daemon.call("GET", "/health", "", "");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json().at("status").as_string(), "ok");

  for (const char* path :
       {"/api/v1/meters", "/api/v1/groups", "/metrics", "/api/v1/openapi.yaml", "/api/v1/audit"}) {
    auto none = daemon.call("GET", path, "", "");
    EXPECT_EQ(none.status, 401) << path;
    EXPECT_NE(none.headers["www-authenticate"].find("Bearer"), std::string::npos) << path;
    EXPECT_EQ(daemon.call("GET", path, "", "wrong-token").status, 401) << path;
  }
  EXPECT_EQ(daemon.call("POST", "/api/v1/meters", kMeter, "").status, 401);
}

TEST_F(ApiAuth, ViewerReadsButCannotWrite) {
  EXPECT_EQ(daemon.call("GET", "/api/v1/meters", "", kViewerToken).status, 200);
  auto denied = daemon.call("POST", "/api/v1/meters", kMeter, kViewerToken);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(denied.headers["content-type"], "application/problem+json");
  EXPECT_EQ(
      daemon.call("GET", "/api/v1/meters", "", kViewerToken).json().at("items").as_array().size(),
      0u);
}

TEST_F(ApiAuth, OperatorWritesAdminDeletesAndReadsTheAudit) {
  auto created = daemon.call("POST", "/api/v1/meters", kMeter, kOperatorToken);
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = created.json().at("id").as_int64();
  auto path = "/api/v1/meters/" + std::to_string(id);

  EXPECT_EQ(daemon.call("DELETE", path, "", kOperatorToken).status, 403);
  EXPECT_EQ(daemon.call("GET", "/api/v1/audit", "", kOperatorToken).status, 403);

  auto audit = daemon.call("GET", "/api/v1/audit", "", kAdminToken);
  ASSERT_EQ(audit.status, 200) << audit.body;
  auto entries = audit.json().at("items").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("actor").as_string(), "test-operator");
  EXPECT_EQ(entries[0].at("action").as_string(), "meter.create");
  EXPECT_EQ(entries[0].at("target").as_string(), "meter/" + std::to_string(id));

  EXPECT_EQ(daemon.call("DELETE", path, "", kAdminToken).status, 204);
  EXPECT_EQ(daemon.call("GET", path, "", kAdminToken).status, 404);
  auto after = daemon.call("GET", "/api/v1/audit", "", kAdminToken).json().at("items").as_array();
  ASSERT_EQ(after.size(), 2u);
  bool saw_delete = false;
  for (const auto& e : after)
    saw_delete |=
        e.at("action").as_string() == "meter.delete" && e.at("actor").as_string() == "test-admin";
  EXPECT_TRUE(saw_delete);
}

TEST_F(ApiAuth, MetricsCountRequests) {
  daemon.call("GET", "/api/v1/meters", "", kViewerToken);
  auto metrics = daemon.call("GET", "/metrics", "", kViewerToken);
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("# TYPE"), std::string::npos);
  EXPECT_NE(metrics.body.find("/api/v1/meters"), std::string::npos) << metrics.body.substr(0, 2000);
}

}  // namespace
}  // namespace jemhead::testing
