// The REST side of the collection engine: schedules and health on meters and groups, the
// job history with its filters and paging, run now (meter, group, fleet) and the engine's
// status. RestApi::handle is called directly over an in-memory repository; run now goes
// through a real CollectionEngine whose driver registry has no drivers, so every job ends
// "refused" with error_type "no_route" — which the job history must then show.
#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "api/rest_api.hpp"
#include "drivers/driver.hpp"
#include "engine/collection_engine.hpp"
#include "storage/repository.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kViewer = "viewer-token";
constexpr const char* kOperator = "operator-token";
constexpr const char* kAdmin = "admin-token";

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
  json::value json() const { return json::parse(body); }
  // Parsed once and kept, so references into it stay valid while the reply lives.
  const json::object& object() const {
    if (!parsed_) parsed_ = json::parse(body);
    return parsed_->as_object();
  }
  mutable std::optional<json::value> parsed_;
  std::vector<std::string> error_fields() const {
    std::vector<std::string> out;
    if (const auto* errors = object().if_contains("errors"))
      for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
    return out;
  }
};

api::ApiOptions options_with(std::shared_ptr<engine::CollectionEngine> engine) {
  api::ApiOptions options;
  options.tokens = {{"vera", api::Role::viewer, api::sha256_hex(kViewer)},
                    {"otto", api::Role::operator_, api::sha256_hex(kOperator)},
                    {"ada", api::Role::admin, api::sha256_hex(kAdmin)}};
  options.engine = std::move(engine);
  return options;
}

Reply call_api(api::RestApi& api, const std::string& method, const std::string& path,
               const std::string& token, const std::string& body = "",
               const std::map<std::string, std::string>& query = {}) {
  net::HttpRequest r;
  r.method = method;
  r.path = r.target = path;
  r.query = query;
  if (!token.empty()) r.headers["authorization"] = std::string("Bearer ") + token;
  if (!body.empty()) r.headers["content-type"] = "application/json";
  r.body = body;
  auto response = api.handle(r);
  return {response.status, response.content_type, response.body, std::nullopt};
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

class EngineApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    io_thread_ = std::thread([this] { io_.run(); });
    engine::EngineOptions options;
    options.reload_debounce = 10ms;
    // The fixed 2026 dates of the stored runs must outlive the hourly retention purge.
    options.history_retention = std::chrono::hours(24 * 365 * 100);
    engine_ =
        std::make_shared<engine::CollectionEngine>(*repo_, drivers_, io_.get_executor(), options);
    engine_->start();
    api_ = std::make_unique<api::RestApi>(*repo_, options_with(engine_),
                                          std::make_shared<prometheus::Registry>());
  }
  void TearDown() override {
    api_.reset();  // holds a reference to the engine
    engine_->stop(1s);
    engine_.reset();
    work_.reset();
    io_.stop();
    io_thread_.join();
    repo_->close();
  }

  Reply call(const std::string& method, const std::string& path, const std::string& token,
             const std::string& body = "", const std::map<std::string, std::string>& query = {}) {
    return call_api(*api_, method, path, token, body, query);
  }

  std::int64_t create_meter(const std::string& serial, const std::string& extra = "") {
    auto r = call("POST", "/api/v1/meters", kOperator,
                  R"({"serial":")" + serial + "\"" + (extra.empty() ? "" : "," + extra) + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.object().at("id").as_int64() : 0;
  }
  std::int64_t create_group(const std::string& name, const std::string& extra = "") {
    auto r = call("POST", "/api/v1/groups", kOperator,
                  R"({"name":")" + name + "\"" + (extra.empty() ? "" : "," + extra) + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.object().at("id").as_int64() : 0;
  }
  std::size_t runs_of(std::int64_t meter_id) {
    storage::JobFilter f;
    f.meter_id = meter_id;
    return repo_->job_runs(f, {0, 1000}).size();
  }
  std::vector<AuditEntry> audit_with_action(const std::string& action) {
    std::vector<AuditEntry> out;
    for (auto& e : repo_->audit({}, {0, 10000}))
      if (e.action == action) out.push_back(std::move(e));
    return out;
  }

  std::unique_ptr<storage::Repository> repo_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::thread io_thread_;
  drivers::DriverRegistry drivers_;  // none: every job is refused with no_route
  std::shared_ptr<engine::CollectionEngine> engine_;
  std::unique_ptr<api::RestApi> api_;
};

// ---- schedules ----------------------------------------------------------------------

TEST_F(EngineApiTest, EngineApiMeterSchedulesAreStoredAndReadBack) {
  const auto id = create_meter(
      "S-1", R"("schedules":{"registers":{"every_minutes":15},"status":{"enabled":false}})");
  const auto path = "/api/v1/meters/" + std::to_string(id);
  auto got = call("GET", path, kViewer);
  ASSERT_EQ(got.status, 200) << got.body;
  const auto& schedules = got.object().at("schedules").as_object();
  EXPECT_EQ(schedules.at("registers").at("every_minutes"), 15);
  EXPECT_EQ(schedules.at("status").at("enabled"), false);
  EXPECT_EQ(json::parse(repo_->find_meter(id)->schedules_json),
            json::parse(R"({"registers":{"every_minutes":15},"status":{"enabled":false}})"));

  // A GET result (with the read-only health) can be PUT back unchanged.
  auto put = call("PUT", path, kOperator, got.body);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.object().at("schedules"), got.object().at("schedules"));

  // PATCH without schedules keeps them; PUT without them resets to {}.
  auto patch = call("PATCH", path, kOperator, R"({"name":"renamed"})");
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(patch.object().at("schedules").as_object().size(), 2u);
  auto reset = call("PUT", path, kOperator, R"({"serial":"S-1"})");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.object().at("schedules"), json::object{});
  EXPECT_EQ(repo_->find_meter(id)->schedules_json, "{}");
}

TEST_F(EngineApiTest, EngineApiScheduleProblemsAre422WithFieldPaths) {
  const auto id = create_meter("S-2", R"("schedules":{"registers":{"every_minutes":5}})");
  const auto path = "/api/v1/meters/" + std::to_string(id);

  auto bad = call("PATCH", path, kOperator,
                  R"({"schedules":{"registers":{"every_minutes":0},"bogus":{"cron":"* * * * * *"},
                      "status":{"cron":"0 */5 * * * *","colour":"red"}}})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.content_type, "application/problem+json");
  const auto fields = bad.error_fields();
  EXPECT_EQ(fields.size(), 3u) << bad.body;
  EXPECT_NE(std::find(fields.begin(), fields.end(), "schedules/registers/every_minutes"),
            fields.end())
      << bad.body;
  EXPECT_NE(std::find(fields.begin(), fields.end(), "schedules/bogus"), fields.end()) << bad.body;
  // Unknown keys are the spec's problem as a whole ("schedule"), not a field of it.
  EXPECT_NE(std::find(fields.begin(), fields.end(), "schedules/status/schedule"), fields.end())
      << bad.body;
  // Nothing was written.
  EXPECT_EQ(json::parse(repo_->find_meter(id)->schedules_json),
            json::parse(R"({"registers":{"every_minutes":5}})"));

  auto not_object = call("PATCH", path, kOperator, R"({"schedules":[1]})");
  ASSERT_EQ(not_object.status, 422) << not_object.body;
  EXPECT_EQ(not_object.error_fields(), std::vector<std::string>{"schedules"});

  auto create = call("POST", "/api/v1/meters", kOperator,
                     R"({"serial":"S-3","schedules":{"pqdif":{"pqdif":"fortnightly"}}})");
  ASSERT_EQ(create.status, 422) << create.body;
  ASSERT_EQ(create.error_fields().size(), 1u);
  EXPECT_EQ(create.error_fields()[0].rfind("schedules/pqdif/", 0), 0u) << create.body;
  EXPECT_FALSE(repo_->find_meter_by_serial("S-3"));
}

TEST_F(EngineApiTest, EngineApiGroupSchedulesRefuseTheMeterOnlyOverride) {
  auto bad = call("POST", "/api/v1/groups", kOperator,
                  R"({"name":"g1","schedules":{"registers":{"enabled":false}}})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  ASSERT_EQ(bad.error_fields().size(), 1u);
  EXPECT_EQ(bad.error_fields()[0].rfind("schedules/registers", 0), 0u) << bad.body;

  const auto id = create_group("g1", R"("schedules":{"pqdif":{"pqdif":"daily","at":"02:00"}})");
  auto got = call("GET", "/api/v1/groups/" + std::to_string(id), kViewer);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.object().at("schedules").at("pqdif").at("at"), "02:00");
  EXPECT_EQ(json::parse(repo_->find_group(id)->schedules_json),
            json::parse(R"({"pqdif":{"pqdif":"daily","at":"02:00"}})"));

  auto patch = call("PATCH", "/api/v1/groups/" + std::to_string(id), kOperator,
                    R"({"schedules":{"registers":{"every_minutes":-1}}})");
  ASSERT_EQ(patch.status, 422) << patch.body;
  EXPECT_EQ(patch.error_fields(), std::vector<std::string>{"schedules/registers/every_minutes"});
}

// Writes reach the engine: after the debounce the plan holds the new schedules.
TEST_F(EngineApiTest, EngineApiFleetWritesRebuildThePlan) {
  ASSERT_EQ(engine_->status().schedules, 0u);
  const auto group = create_group("plan", R"("schedules":{"status":{"every_minutes":5}})");
  const auto meter = create_meter("P-1", R"("schedules":{"registers":{"every_minutes":15}},)"
                                         R"("group_id":)" +
                                             std::to_string(group));
  EXPECT_TRUE(wait_until([&] { return engine_->status().schedules == 2; }))
      << engine_->status().schedules;
  EXPECT_EQ(engine_->status().scheduled_meters, 1u);

  ASSERT_EQ(
      call("PATCH", "/api/v1/groups/" + std::to_string(group), kOperator, R"({"schedules":{}})")
          .status,
      200);
  EXPECT_TRUE(wait_until([&] { return engine_->status().schedules == 1; }))
      << engine_->status().schedules;

  auto del = call("DELETE", "/api/v1/meters/" + std::to_string(meter), kAdmin);
  ASSERT_EQ(del.status, 204) << del.body;
  EXPECT_TRUE(wait_until([&] { return engine_->status().schedules == 0; }))
      << engine_->status().schedules;
}

// ---- health -------------------------------------------------------------------------

TEST_F(EngineApiTest, EngineApiMeterHealthComesFromTheStoredRecord) {
  const auto sick = create_meter("H-1");
  const auto fine = create_meter("H-2");

  auto fresh = call("GET", "/api/v1/meters/" + std::to_string(sick), kViewer);
  ASSERT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.object().at("health"),
            json::parse(R"({"state":"healthy","consecutive_failures":0,"last_success":null,
                            "last_failure":null,"next_attempt":null,"last_error":null})"));

  MeterHealth h;
  h.meter_id = sick;
  h.healthy = false;
  h.consecutive_failures = 4;
  h.last_success = parse_iso8601("2026-03-01T10:00:00Z");
  h.last_failure = parse_iso8601("2026-03-02T11:30:00.250000Z");
  h.next_attempt = parse_iso8601("2026-03-02T11:46:00Z");
  h.last_error = "timeout: no answer within 5000 ms";
  repo_->put_meter_health(h);

  const auto expected = json::parse(R"({"state":"unhealthy","consecutive_failures":4,
                      "last_success":"2026-03-01T10:00:00.000000Z",
                      "last_failure":"2026-03-02T11:30:00.250000Z",
                      "next_attempt":"2026-03-02T11:46:00.000000Z",
                      "last_error":"timeout: no answer within 5000 ms"})");
  auto one = call("GET", "/api/v1/meters/" + std::to_string(sick), kViewer);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.object().at("health"), expected);

  auto list = call("GET", "/api/v1/meters", kViewer);
  ASSERT_EQ(list.status, 200);
  const auto& items = list.object().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("id"), sick);
  EXPECT_EQ(items[0].at("health"), expected);
  EXPECT_EQ(items[1].at("id"), fine);
  EXPECT_EQ(items[1].at("health").at("state"), "healthy");

  // Health is not configuration: a write cannot set it and the audit diff leaves it out.
  auto patch = call("PATCH", "/api/v1/meters/" + std::to_string(sick), kOperator,
                    R"({"name":"x","health":{"state":"healthy"}})");
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(patch.object().at("health"), expected);
  const auto patches = audit_with_action("meter.patch");
  ASSERT_EQ(patches.size(), 1u);
  EXPECT_EQ(json::parse(patches[0].detail_json),
            json::parse(R"({"before":{"name":""},"after":{"name":"x"}})"));
}

// ---- job history --------------------------------------------------------------------

class EngineApiJobsTest : public EngineApiTest {
 protected:
  void SetUp() override {
    EngineApiTest::SetUp();
    m1_ = create_meter("J-1");
    m2_ = create_meter("J-2");
    // Six runs, one hour apart from 08:00, alternating meters.
    struct Row {
      std::int64_t meter;
      const char* kind;
      const char* outcome;
      const char* trigger;
    };
    const Row rows[] = {{m1_, "registers", "ok", "schedule"},
                        {m2_, "registers,status", "failed", "schedule"},
                        {m1_, "status", "refused", "manual"},
                        {m2_, "load_profile", "ok", "catch_up"},
                        {m1_, "registers,status", "partial", "schedule"},
                        {m2_, "presets", "ok", "manual"}};
    int hour = 8;
    for (const auto& row : rows) {
      JobRun r;
      r.meter_id = row.meter;
      r.kind = row.kind;
      r.outcome = row.outcome;
      r.trigger = row.trigger;
      r.started_at = *parse_iso8601("2026-04-01T" + std::string(hour < 10 ? "0" : "") +
                                    std::to_string(hour) + ":00:00Z");
      r.finished_at = r.started_at + Micros(2'500'000);
      ids_.push_back(repo_->insert_job_run(r));
      ++hour;
    }
  }

  std::vector<std::int64_t> ids_of(const Reply& r) {
    std::vector<std::int64_t> out;
    for (const auto& item : r.object().at("items").as_array())
      out.push_back(item.at("id").as_int64());
    return out;
  }
  std::vector<std::int64_t> pick(std::initializer_list<std::size_t> positions) {
    std::vector<std::int64_t> out;
    for (auto p : positions) out.push_back(ids_[p]);
    return out;
  }
  Reply jobs(const std::map<std::string, std::string>& query) {
    return call("GET", "/api/v1/jobs", kViewer, "", query);
  }

  std::int64_t m1_ = 0, m2_ = 0;
  std::vector<std::int64_t> ids_;
};

TEST_F(EngineApiJobsTest, EngineApiJobsAreNewestFirstAndPageBothWays) {
  auto all = jobs({});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(ids_of(all), pick({5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(all.object().at("next_after"), nullptr);

  auto first = jobs({{"limit", "4"}});
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(ids_of(first), pick({5, 4, 3, 2}));
  ASSERT_EQ(first.object().at("next_after"), ids_[2]);
  auto second = jobs({{"limit", "4"}, {"after", std::to_string(ids_[2])}});
  EXPECT_EQ(ids_of(second), pick({1, 0}));
  EXPECT_EQ(second.object().at("next_after"), nullptr);

  auto oldest = jobs({{"order", "oldest"}, {"limit", "4"}});
  EXPECT_EQ(ids_of(oldest), pick({0, 1, 2, 3}));
  ASSERT_EQ(oldest.object().at("next_after"), ids_[3]);
  auto rest = jobs({{"order", "oldest"}, {"limit", "4"}, {"after", std::to_string(ids_[3])}});
  EXPECT_EQ(ids_of(rest), pick({4, 5}));
  EXPECT_EQ(jobs({{"order", "newest"}}).body, all.body);
}

TEST_F(EngineApiJobsTest, EngineApiJobFiltersCombine) {
  EXPECT_EQ(ids_of(jobs({{"meter", std::to_string(m1_)}})), pick({4, 2, 0}));
  // kind matches one entry of a run's kind list exactly.
  EXPECT_EQ(ids_of(jobs({{"kind", "status"}})), pick({4, 2, 1}));
  EXPECT_EQ(ids_of(jobs({{"kind", "presets"}})), pick({5}));
  EXPECT_EQ(ids_of(jobs({{"outcome", "ok"}})), pick({5, 3, 0}));
  EXPECT_EQ(ids_of(jobs({{"trigger", "manual"}})), pick({5, 2}));
  EXPECT_EQ(ids_of(jobs({{"trigger", "catch_up"}})), pick({3}));
  // from inclusive, to exclusive, on started_at.
  EXPECT_EQ(ids_of(jobs({{"from", "2026-04-01T09:00:00Z"}, {"to", "2026-04-01T11:00:00Z"}})),
            pick({2, 1}));
  EXPECT_EQ(ids_of(jobs({{"meter", std::to_string(m1_)},
                         {"kind", "status"},
                         {"trigger", "schedule"},
                         {"order", "oldest"}})),
            pick({4}));
  EXPECT_TRUE(ids_of(jobs({{"meter", "999"}})).empty());

  auto mine = call("GET", "/api/v1/meters/" + std::to_string(m2_) + "/jobs", kViewer, "",
                   {{"outcome", "ok"}});
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(ids_of(mine), pick({5, 3}));
  auto mine_paged = call("GET", "/api/v1/meters/" + std::to_string(m2_) + "/jobs", kViewer, "",
                         {{"limit", "2"}, {"order", "oldest"}});
  EXPECT_EQ(ids_of(mine_paged), pick({1, 3}));
  EXPECT_EQ(mine_paged.object().at("next_after"), ids_[3]);
}

TEST_F(EngineApiJobsTest, EngineApiBadJobFiltersAre422NamingTheParameter) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"kind", "bogus"},   {"outcome", "great"},  {"trigger", "cron"},
      {"order", "random"}, {"from", "yesterday"}, {"to", "2026-13-01T00:00:00Z"},
      {"meter", "abc"},    {"meter", "0"},        {"meter", "-3"}};
  for (const auto& [name, value] : bad) {
    auto r = jobs({{name, value}});
    EXPECT_EQ(r.status, 422) << name << "=" << value << ": " << r.body;
    EXPECT_EQ(r.error_fields(), std::vector<std::string>{name}) << r.body;
  }
  auto reversed = jobs({{"from", "2026-04-02T00:00:00Z"}, {"to", "2026-04-01T00:00:00Z"}});
  EXPECT_EQ(reversed.status, 422);
  EXPECT_EQ(reversed.error_fields(), std::vector<std::string>{"to"});
  // Paging and unknown parameters are 400 as on every other list.
  EXPECT_EQ(jobs({{"limit", "0"}}).status, 400);
  EXPECT_EQ(jobs({{"limit", "1001"}}).status, 400);
  EXPECT_EQ(jobs({{"meter_id", "1"}}).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/meters/" + std::to_string(m1_) + "/jobs", kViewer, "",
                 {{"meter", std::to_string(m1_)}})
                .status,
            400);
  EXPECT_EQ(call("GET", "/api/v1/meters/" + std::to_string(m1_) + "/jobs", kViewer, "",
                 {{"outcome", "nope"}})
                .status,
            422);
}

TEST_F(EngineApiJobsTest, EngineApiUnknownJobsAndMetersAre404) {
  EXPECT_EQ(call("GET", "/api/v1/meters/9999/jobs", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/meters/abc/jobs", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/jobs/9999", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/jobs/x", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/jobs", "").status, 401);
}

TEST_F(EngineApiJobsTest, EngineApiJobJsonCarriesEveryField) {
  JobRun r;
  r.meter_id = m1_;
  r.kind = "registers,status";
  r.trigger = "schedule";
  r.nominal_at = parse_iso8601("2026-04-02T00:15:00Z");
  r.started_at = *parse_iso8601("2026-04-02T00:15:00.120000Z");
  r.finished_at = parse_iso8601("2026-04-02T00:15:01.500000Z");
  r.outcome = "partial";
  r.profile = "tcp-main";
  r.attempts = 3;
  r.values = 42;
  r.bytes = 1234;
  r.error_type = "timeout";
  r.error = "no answer";
  r.results_json = R"([{"kind":"registers","profile":"tcp-main","outcome":"ok","values":42},)"
                   R"({"kind":"status","profile":"tcp-main","outcome":"failed","values":0,)"
                   R"("error_type":"timeout","error":"no answer"}])";
  const auto id = repo_->insert_job_run(r);

  auto got = call("GET", "/api/v1/jobs/" + std::to_string(id), kViewer);
  ASSERT_EQ(got.status, 200) << got.body;
  json::object expected{{"id", id},
                        {"meter_id", m1_},
                        {"kinds", json::array{"registers", "status"}},
                        {"trigger", "schedule"},
                        {"nominal_at", "2026-04-02T00:15:00.000000Z"},
                        {"started_at", "2026-04-02T00:15:00.120000Z"},
                        {"finished_at", "2026-04-02T00:15:01.500000Z"},
                        {"outcome", "partial"},
                        {"profile", "tcp-main"},
                        {"attempts", 3},
                        {"values", 42},
                        {"bytes", 1234},
                        {"error_type", "timeout"},
                        {"error", "no answer"},
                        {"results", json::parse(r.results_json)}};
  EXPECT_EQ(got.object(), expected);

  // A running job: no finish time, no error.
  JobRun running;
  running.meter_id = m2_;
  running.kind = "pqdif";
  running.started_at = utc_now();
  const auto running_id = repo_->insert_job_run(running);
  auto open = call("GET", "/api/v1/jobs/" + std::to_string(running_id), kViewer).object();
  EXPECT_EQ(open.at("outcome"), "running");
  EXPECT_EQ(open.at("finished_at"), nullptr);
  EXPECT_EQ(open.at("nominal_at"), nullptr);
  EXPECT_EQ(open.at("error_type"), nullptr);
  EXPECT_EQ(open.at("error"), nullptr);
  EXPECT_EQ(open.at("kinds"), json::array{"pqdif"});
  EXPECT_EQ(open.at("results"), json::array{});
}

// ---- run now ------------------------------------------------------------------------

TEST_F(EngineApiTest, EngineApiCollectMeterQueuesAJobThatTheHistoryShows) {
  const auto id = create_meter("R-1");
  const auto path = "/api/v1/meters/" + std::to_string(id);
  auto r = call("POST", path + "/collect", kOperator, R"({"kinds":["registers","status"]})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json(),
            json::parse(R"({"meters":1,"queued":1,"merged":0,"kinds":["registers","status"]})"));

  ASSERT_TRUE(wait_until([&] { return runs_of(id) == 1; }));
  auto history = call("GET", path + "/jobs", kViewer);
  ASSERT_EQ(history.status, 200) << history.body;
  const auto& items = history.object().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const auto& job = items[0].as_object();
  EXPECT_EQ(job.at("meter_id"), id);
  EXPECT_EQ(job.at("kinds"), (json::array{"registers", "status"}));
  EXPECT_EQ(job.at("trigger"), "manual");
  EXPECT_EQ(job.at("outcome"), "refused");
  EXPECT_EQ(job.at("error_type"), "no_route");
  EXPECT_EQ(job.at("attempts"), 0);
  EXPECT_NE(job.at("finished_at"), nullptr);
  const auto& results = job.at("results").as_array();
  ASSERT_EQ(results.size(), 2u);
  for (const auto& k : results) {
    EXPECT_EQ(k.at("outcome"), "refused");
    EXPECT_EQ(k.at("error_type"), "no_route");
  }
  EXPECT_EQ(results[0].at("kind"), "registers");

  // The same run through the other two routes and the filters.
  const auto job_id = job.at("id").as_int64();
  EXPECT_EQ(call("GET", "/api/v1/jobs/" + std::to_string(job_id), kViewer).json(), items[0]);
  auto refused = call("GET", "/api/v1/jobs", kViewer, "",
                      {{"outcome", "refused"}, {"trigger", "manual"}, {"kind", "status"}});
  ASSERT_EQ(refused.status, 200);
  ASSERT_EQ(refused.object().at("items").as_array().size(), 1u);
  EXPECT_EQ(refused.object().at("items").as_array()[0].at("id"), job_id);

  const auto audit = audit_with_action("meter.collect");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "otto");
  EXPECT_EQ(audit[0].target, "meter/" + std::to_string(id));
  EXPECT_EQ(json::parse(audit[0].detail_json),
            json::parse(R"({"kinds":["registers","status"],"meters":1})"));

  // Without a body: every kind the drivers can read — with no drivers, none, so refused.
  auto everything = call("POST", path + "/collect", kOperator);
  ASSERT_EQ(everything.status, 202) << everything.body;
  EXPECT_EQ(everything.object().at("kinds"), json::array{});
  ASSERT_TRUE(wait_until([&] { return runs_of(id) == 2; }));
  auto newest = call("GET", path + "/jobs", kViewer, "", {{"limit", "1"}});
  const auto& latest = newest.object().at("items").as_array()[0];
  EXPECT_EQ(latest.at("outcome"), "refused");
  EXPECT_EQ(latest.at("kinds"), json::array{});
}

TEST_F(EngineApiTest, EngineApiCollectGroupAndFleetTakeOnlyEnabledMeters) {
  const auto group = create_group("feeders");
  const auto g = std::to_string(group);
  const auto a = create_meter("G-1", R"("group_id":)" + g);
  const auto b = create_meter("G-2", R"("group_id":)" + g);
  const auto off = create_meter("G-3", R"("enabled":false,"group_id":)" + g);
  const auto other = create_meter("O-1");

  auto r = call("POST", "/api/v1/groups/" + g + "/collect", kOperator, R"({"kinds":["status"]})");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.object().at("meters"), 2);
  EXPECT_EQ(r.object().at("queued").as_int64() + r.object().at("merged").as_int64(), 2);
  EXPECT_EQ(r.object().at("kinds"), json::array{"status"});
  ASSERT_TRUE(wait_until([&] { return runs_of(a) == 1 && runs_of(b) == 1; }));
  EXPECT_EQ(runs_of(off), 0u);
  EXPECT_EQ(runs_of(other), 0u);

  auto fleet = call("POST", "/api/v1/collect", kOperator, R"({"kinds":["registers"]})");
  ASSERT_EQ(fleet.status, 202) << fleet.body;
  EXPECT_EQ(fleet.object().at("meters"), 3);
  EXPECT_EQ(fleet.object().at("queued").as_int64() + fleet.object().at("merged").as_int64(), 3);
  ASSERT_TRUE(wait_until([&] { return runs_of(other) == 1 && runs_of(a) == 2; }));
  EXPECT_EQ(runs_of(off), 0u);

  const auto group_audit = audit_with_action("group.collect");
  ASSERT_EQ(group_audit.size(), 1u);
  EXPECT_EQ(group_audit[0].target, "group/" + g);
  EXPECT_EQ(json::parse(group_audit[0].detail_json).at("meters"), 2);
  const auto fleet_audit = audit_with_action("fleet.collect");
  ASSERT_EQ(fleet_audit.size(), 1u);
  EXPECT_EQ(fleet_audit[0].target, "fleet");
  EXPECT_EQ(fleet_audit[0].actor, "otto");

  // An empty group is fine: nothing to queue.
  const auto empty = create_group("empty");
  auto none = call("POST", "/api/v1/groups/" + std::to_string(empty) + "/collect", kOperator);
  ASSERT_EQ(none.status, 202) << none.body;
  EXPECT_EQ(none.json(), json::parse(R"({"meters":0,"queued":0,"merged":0,"kinds":[]})"));
}

TEST_F(EngineApiTest, EngineApiCollectRefusals) {
  const auto on = create_meter("X-1");
  const auto off = create_meter("X-2", R"("enabled":false)");
  const auto meter = [](std::int64_t id) {
    return "/api/v1/meters/" + std::to_string(id) + "/collect";
  };
  const auto before = repo_->audit({}, {0, 10000}).size();

  EXPECT_EQ(call("POST", meter(off), kOperator).status, 409);
  EXPECT_EQ(call("POST", meter(9999), kOperator).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/groups/9999/collect", kOperator).status, 404);
  // Roles: viewers may not collect.
  EXPECT_EQ(call("POST", meter(on), kViewer).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/groups/1/collect", kViewer).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/collect", kViewer).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/collect", "").status, 401);

  auto bad_kind = call("POST", meter(on), kOperator, R"({"kinds":["registers","bogus"]})");
  ASSERT_EQ(bad_kind.status, 422) << bad_kind.body;
  EXPECT_EQ(bad_kind.error_fields(), std::vector<std::string>{"kinds/1"});
  auto not_list = call("POST", "/api/v1/collect", kOperator, R"({"kinds":"registers"})");
  ASSERT_EQ(not_list.status, 422);
  EXPECT_EQ(not_list.error_fields(), std::vector<std::string>{"kinds"});
  auto unknown = call("POST", "/api/v1/collect", kOperator, R"({"what":["registers"]})");
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.error_fields(), std::vector<std::string>{"what"});
  EXPECT_EQ(call("POST", meter(on), kOperator, "not json").status, 400);

  // Nothing was queued or audited by any of these.
  EXPECT_EQ(repo_->audit({}, {0, 10000}).size(), before);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs_of(on), 0u);
  EXPECT_EQ(engine_->status().jobs_finished, 0u);
}

// ---- engine status ------------------------------------------------------------------

TEST_F(EngineApiTest, EngineApiStatusReportsTheEngine) {
  // Fires once a year (1 January, midnight UTC), so no scheduled job runs during the test.
  const auto id = create_meter("E-1", R"("schedules":{"registers":{"cron":"0 0 0 1 1 *"}})");
  ASSERT_TRUE(wait_until([&] { return engine_->status().schedules == 1; }));
  ASSERT_EQ(call("POST", "/api/v1/meters/" + std::to_string(id) + "/collect", kOperator,
                 R"({"kinds":["status"]})")
                .status,
            202);
  ASSERT_TRUE(wait_until([&] { return engine_->status().jobs_finished == 1; }));
  ASSERT_TRUE(wait_until([&] { return runs_of(id) == 1; }));

  auto r = call("GET", "/api/v1/engine", kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto s = r.object();
  EXPECT_EQ(s.at("scheduling"), true);
  EXPECT_EQ(s.at("schedules"), 1);
  EXPECT_EQ(s.at("scheduled_meters"), 1);
  EXPECT_EQ(s.at("waiting"), 0);
  EXPECT_EQ(s.at("running"), 0);
  EXPECT_EQ(s.at("overdue"), 0);
  EXPECT_EQ(s.at("unhealthy_meters"), 0);
  ASSERT_TRUE(s.at("next_due").is_string());
  const auto next_due = parse_iso8601(s.at("next_due").as_string());
  ASSERT_TRUE(next_due);
  EXPECT_GT(*next_due, utc_now());
  EXPECT_LE(*next_due, utc_now() + Micros(367LL * 24 * 3600 * 1'000'000));
  EXPECT_EQ(format_iso8601(*next_due).substr(4, 16), "-01-01T00:00:00.")
      << *s.at("next_due").if_string();
  EXPECT_EQ(s.at("sessions"), json::object{});
  EXPECT_EQ(s.at("sessions_total"), 0);
  EXPECT_EQ(s.at("jobs_finished"), 1);
  EXPECT_GE(s.at("commits").at("units").as_int64(), 1);
  EXPECT_GE(s.at("commits").at("transactions").as_int64(), 1);
  EXPECT_EQ(s.at("commits").at("failed_units"), 0);
  EXPECT_EQ(s.at("plan_problems"), json::array{});
  EXPECT_EQ(call("GET", "/api/v1/engine", "").status, 401);
}

TEST(EngineApiWithoutEngine, EngineApiRunNowAndStatusAre503) {
  auto repo = storage::open_sqlite({":memory:"});
  api::RestApi api(*repo, options_with(nullptr), std::make_shared<prometheus::Registry>());
  auto meter = call_api(api, "POST", "/api/v1/meters", kOperator, R"({"serial":"N-1"})");
  ASSERT_EQ(meter.status, 201);  // fleet writes work without an engine
  const auto id = std::to_string(meter.object().at("id").as_int64());
  EXPECT_EQ(call_api(api, "POST", "/api/v1/meters/" + id + "/collect", kOperator).status, 503);
  EXPECT_EQ(call_api(api, "POST", "/api/v1/collect", kOperator).status, 503);
  EXPECT_EQ(call_api(api, "GET", "/api/v1/engine", kViewer).status, 503);
  EXPECT_EQ(call_api(api, "GET", "/api/v1/jobs", kViewer).status, 200);  // history is storage
  repo->close();
}

}  // namespace
}  // namespace jemhead::testing
