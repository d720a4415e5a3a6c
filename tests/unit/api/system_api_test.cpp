// /health, /metrics, the served OpenAPI document and the audit log.
#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

TEST_F(ApiTest, HealthReportsVersionSchemaAndDatabase) {
  auto r = call("GET", "/health", "");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j.at("status"), "ok");
  EXPECT_EQ(j.at("version"), "9.8.7-test");
  EXPECT_EQ(j.at("schema_version"), repo_->schema_version());
  EXPECT_GT(j.at("schema_version").as_int64(), 0);
  EXPECT_EQ(j.at("db"), "ok");
}

TEST_F(ApiTest, MetricsCountRequestsLatencyAndStorageWrites) {
  create_meter(R"({"serial":"M-1"})");
  call("GET", "/api/v1/meters/424242", kViewer);
  call("GET", "/api/v1/meters", kViewer);
  call("GET", "/api/v1/meters", kViewer);
  call("GET", "/no/such/path/123", kViewer);
  auto r = call("GET", "/metrics", kViewer);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type").rfind("text/plain", 0), 0u);
  const auto& text = r.body;
  auto has = [&](const std::string& s) { return text.find(s) != std::string::npos; };
  EXPECT_TRUE(
      has(R"(jemhead_http_requests_total{method="GET",route="/api/v1/meters",status="200"} 2)"))
      << text;
  EXPECT_TRUE(
      has(R"(jemhead_http_requests_total{method="POST",route="/api/v1/meters",status="201"} 1)"));
  EXPECT_TRUE(has(
      R"(jemhead_http_requests_total{method="GET",route="/api/v1/meters/{id}",status="404"} 1)"));
  EXPECT_TRUE(
      has(R"(jemhead_http_requests_total{method="other",route="unmatched",status="404"} 1)"));
  EXPECT_TRUE(
      has(R"(jemhead_http_request_duration_seconds_count{method="GET",route="/api/v1/meters"} 2)"));
  // The meter insert and its audit entry were one committed transaction at least.
  const auto stats = repo_->stats();
  EXPECT_GE(stats.transactions, 1u);
  EXPECT_TRUE(has("jemhead_db_write_transactions_total " + std::to_string(stats.transactions)))
      << text;
  EXPECT_TRUE(has("jemhead_db_rows_written_total"));
}

TEST_F(ApiTest, ServesTheEmbeddedOpenApiDocument) {
  auto r = call("GET", "/api/v1/openapi.yaml", kViewer);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/yaml");
  EXPECT_EQ(r.body, std::string(api::openapi_yaml()));
  EXPECT_EQ(r.body.rfind("openapi: 3.1.0", 0), 0u);
}

TEST_F(ApiTest, EveryWriteIsAudited) {
  const auto group = create_group("audited");
  const auto meter = create_meter(R"({"serial":"A-1","name":"first"})");
  ASSERT_EQ(
      call("PATCH", "/api/v1/meters/" + std::to_string(meter), kOperator, R"({"name":"second"})")
          .status,
      200);
  auto conn = call("POST", "/api/v1/meters/" + std::to_string(meter) + "/connections", kOperator,
                   R"({"name":"eth","transport":"tcp","host":"127.0.0.1"})");
  ASSERT_EQ(conn.status, 201);
  ASSERT_EQ(call("DELETE", "/api/v1/meters/" + std::to_string(meter), kAdmin).status, 204);
  ASSERT_EQ(call("DELETE", "/api/v1/groups/" + std::to_string(group), kAdmin).status, 204);

  auto r = call("GET", "/api/v1/audit", kAdmin);
  ASSERT_EQ(r.status, 200);
  const auto items = r.json().at("items").as_array();
  ASSERT_EQ(items.size(), 6u) << r.body;
  const auto m = "meter/" + std::to_string(meter);
  const auto cid = conn.json().at("id").as_int64();
  const std::vector<std::tuple<std::string, std::string, std::string>> expected{
      {"otto", "group.create", "group/" + std::to_string(group)},
      {"otto", "meter.create", m},
      {"otto", "meter.patch", m},
      {"otto", "connection.create", "connection/" + std::to_string(cid)},
      {"ada", "meter.delete", m},
      {"ada", "group.delete", "group/" + std::to_string(group)}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(items[i].at("actor").as_string(), std::get<0>(expected[i])) << i;
    EXPECT_EQ(items[i].at("action").as_string(), std::get<1>(expected[i])) << i;
    EXPECT_EQ(items[i].at("target").as_string(), std::get<2>(expected[i])) << i;
    EXPECT_EQ(items[i].at("at").as_string().size(), 27u);
  }
  EXPECT_EQ(items[1].at("detail"), (json::value{{"serial", "A-1"}, {"name", "first"}}));
  EXPECT_EQ(items[2].at("detail").at("before"), (json::value{{"name", "first"}}));
  EXPECT_EQ(items[2].at("detail").at("after").at("name"), "second");
  EXPECT_EQ(items[3].at("detail").at("meter_id"), meter);
  EXPECT_EQ(items[4].at("detail").at("serial"), "A-1");

  // Filters and paging.
  auto by_actor = call("GET", "/api/v1/audit?actor=ada", kAdmin).json().at("items").as_array();
  ASSERT_EQ(by_actor.size(), 2u);
  EXPECT_EQ(by_actor[0].at("action"), "meter.delete");
  auto by_target = call("GET", "/api/v1/audit?target=" + m, kAdmin).json().at("items").as_array();
  EXPECT_EQ(by_target.size(), 3u);
  auto page = call("GET", "/api/v1/audit?limit=4", kAdmin).json();
  EXPECT_EQ(page.at("items").as_array().size(), 4u);
  auto rest =
      call("GET", "/api/v1/audit?after=" + std::to_string(page.at("next_after").as_int64()), kAdmin)
          .json();
  EXPECT_EQ(rest.at("items").as_array().size(), 2u);
  EXPECT_TRUE(rest.at("next_after").is_null());
  EXPECT_EQ(call("GET", "/api/v1/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", kAdmin)
                .json()
                .at("items")
                .as_array()
                .size(),
            0u);
  EXPECT_EQ(call("GET", "/api/v1/audit?from=2000-01-01T00:00:00Z", kAdmin)
                .json()
                .at("items")
                .as_array()
                .size(),
            6u);
  auto bad_time = call("GET", "/api/v1/audit?from=yesterday", kAdmin);
  EXPECT_EQ(bad_time.status, 400);
  EXPECT_EQ(bad_time.error_fields(), std::vector<std::string>{"from"});
}

}  // namespace
}  // namespace jemhead::testing
