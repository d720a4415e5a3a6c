// The webhook REST (issue 7): subscription CRUD (admin, audited) whose secret is never
// returned nor audited, validation, deliveries by state, dead letters and their retry.
#include <gtest/gtest.h>

#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

constexpr const char* kSecret = "s3cret-s3cret-s3cret";

class WebhooksApiTest : public ApiTest {
 protected:
  Reply create(const std::string& body, const std::string& token = kAdmin) {
    return call("POST", "/api/v1/webhooks", token, body);
  }
  std::int64_t created(const std::string& body) {
    auto r = create(body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  std::int64_t subscription(const std::string& url = "https://hooks.example.net/jemhead") {
    return created(R"({"name":"ops","url":")" + url + R"(","secret":")" + kSecret +
                   R"(","include_quarantined":true})");
  }
  // One quarantined alarm, queued for every matching subscription; its delivery ids.
  std::vector<WebhookDelivery> queued_alarm() {
    AlarmMessage m;
    m.received_at = utc_now();
    m.raw = "{}";
    m.outcome = "quarantined";
    const auto message = repo_->insert_alarm_message(m);
    StoredAlarm a;
    a.sender_key = "ip=127.0.0.1";
    a.event_type = AlarmEventType::OU;
    a.event_type_text = "OU";
    a.event_time = utc_now();
    a.id =
        repo_->upsert_alarm(a, "hook-" + std::to_string(++alarms_), AlarmChannel::web, message).id;
    repo_->queue_webhook_deliveries(a, utc_now());
    return repo_->list_webhook_deliveries(std::nullopt, std::nullopt, storage::Page{0, 1000});
  }
  std::size_t audited(const std::string& action) {
    std::size_t n = 0;
    for (const auto& e : repo_->audit({}, storage::Page{0, 1000})) n += e.action == action;
    return n;
  }
  std::string all_audit_text() {
    std::string out;
    for (const auto& e : repo_->audit({}, storage::Page{0, 1000})) out += e.detail_json;
    return out;
  }
  int alarms_ = 0;
};

using WebhooksApiCrud = WebhooksApiTest;
using WebhooksApiValidation = WebhooksApiTest;
using WebhooksApiDeliveries = WebhooksApiTest;

TEST_F(WebhooksApiCrud, CreateReadUpdateDeleteNeverShowTheSecret) {
  const std::string body = R"({"name":"ops","url":"https://hooks.example.net/a?b=1",)"
                           R"("event_types":["OU","SS"],"secret":")" +
                           std::string(kSecret) + R"("})";
  EXPECT_EQ(create(body, kOperator).status, 403);
  auto r = create(body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);
  const auto w = r.json().as_object();
  const auto id = w.at("id").as_int64();
  EXPECT_EQ(r.header("location"), "/api/v1/webhooks/" + std::to_string(id));
  EXPECT_EQ(w.at("secret").as_string(), "***");
  EXPECT_EQ(w.at("event_types").as_array(), json::array({"OU", "SS"}));
  EXPECT_EQ(w.at("enabled").as_bool(), true);
  EXPECT_EQ(w.at("include_quarantined").as_bool(), false);
  EXPECT_EQ(repo_->find_webhook(id)->secret, kSecret);

  const auto path = "/api/v1/webhooks/" + std::to_string(id);
  r = call("GET", path, kViewer);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);
  EXPECT_EQ(r.json().at("url").as_string(), "https://hooks.example.net/a?b=1");
  r = call("GET", "/api/v1/webhooks", kViewer);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);

  // GET-modify-PUT: "***" (or no secret at all) keeps the stored one.
  auto edited = call("GET", path, kViewer).json().as_object();
  edited["enabled"] = false;
  EXPECT_EQ(call("PUT", path, kOperator, json::serialize(edited)).status, 403);
  r = call("PUT", path, kAdmin, json::serialize(edited));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("enabled").as_bool(), false);
  EXPECT_EQ(repo_->find_webhook(id)->secret, kSecret);
  edited.erase("secret");
  edited["name"] = "ops-2";
  ASSERT_EQ(call("PUT", path, kAdmin, json::serialize(edited)).status, 200);
  EXPECT_EQ(repo_->find_webhook(id)->secret, kSecret);
  EXPECT_EQ(repo_->find_webhook(id)->name, "ops-2");

  const std::string rotated = "a-new-secret-of-enough-length";
  edited["secret"] = rotated;
  r = call("PUT", path, kAdmin, json::serialize(edited));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find(rotated), std::string::npos);
  EXPECT_EQ(repo_->find_webhook(id)->secret, rotated);
  EXPECT_EQ(audited("webhook.create"), 1u);
  EXPECT_EQ(audited("webhook.update"), 3u);
  const auto audit_text = all_audit_text();
  EXPECT_EQ(audit_text.find(kSecret), std::string::npos);
  EXPECT_EQ(audit_text.find(rotated), std::string::npos);
  EXPECT_NE(audit_text.find("\"signature_rotated\":true"), std::string::npos);

  EXPECT_EQ(call("DELETE", path, kOperator).status, 403);
  EXPECT_EQ(call("DELETE", path, kAdmin).status, 204);
  EXPECT_EQ(call("GET", path, kViewer).status, 404);
  EXPECT_EQ(call("DELETE", path, kAdmin).status, 404);
  EXPECT_EQ(audited("webhook.delete"), 1u);
}

TEST_F(WebhooksApiValidation, RefusesWhatCannotBeDeliveredNamingEachField) {
  auto fields = [&](const std::string& body) {
    auto r = create(body);
    EXPECT_EQ(r.status, 422) << body << ": " << r.body;
    return r.error_fields();
  };
  using F = std::vector<std::string>;
  const std::string secret = std::string(R"("secret":")") + kSecret + "\"";
  EXPECT_EQ(fields(R"({"name":"a","url":"ftp://h/x",)" + secret + "}"), F{"url"});
  EXPECT_EQ(fields(R"({"name":"a","url":"http://user:pw@h/x",)" + secret + "}"), F{"url"});
  EXPECT_EQ(fields(R"({"name":"a","url":"http://h:99999/",)" + secret + "}"), F{"url"});
  EXPECT_EQ(fields(R"({"name":"a","url":"http:///x",)" + secret + "}"), F{"url"});
  EXPECT_EQ(fields(R"({"name":"a","url":"http://h/"})"), F{"secret"});
  EXPECT_EQ(fields(R"({"name":"a","url":"http://h/","secret":"short"})"), F{"secret"});
  EXPECT_EQ(fields(R"({"name":"","url":"http://h/",)" + secret + "}"), F{"name"});
  EXPECT_EQ(
      fields(R"({"name":"a","url":"http://h/","event_types":["OU","XX","OU"],)" + secret + "}"),
      (F{"event_types/1", "event_types/2"}));
  EXPECT_EQ(fields(R"({"name":"a","url":"http://h/","colour":"red",)" + secret + "}"), F{"colour"});
  EXPECT_EQ(create(R"({"name":"a"})", kAdmin).status, 422);
  EXPECT_EQ(call("POST", "/api/v1/webhooks", kAdmin, "name=a", "text/plain").status, 415);
  EXPECT_TRUE(repo_->list_webhooks().empty());
  EXPECT_EQ(audited("webhook.create"), 0u);
  // IPv6 literals and ports are fine.
  EXPECT_EQ(create(R"({"name":"a","url":"http://[::1]:8080/x",)" + secret + "}").status, 201);
}

TEST_F(WebhooksApiDeliveries, ListsByStateAndRetriesADeadLetterOnce) {
  const auto id = subscription();
  auto deliveries = queued_alarm();
  ASSERT_EQ(deliveries.size(), 1u);
  auto d = deliveries[0];
  const auto list = "/api/v1/webhooks/" + std::to_string(id) + "/deliveries";
  auto r = call("GET", list, kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(r.json().at("items").as_array()[0].at("state").as_string(), "pending");
  EXPECT_EQ(call("GET", list + "?state=dead", kViewer).json().at("items").as_array().size(), 0u);
  EXPECT_EQ(call("GET", list + "?state=lost", kViewer).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/webhooks/999/deliveries", kViewer).status, 404);

  const auto retry = "/api/v1/webhooks/deliveries/" + std::to_string(d.id) + "/retry";
  EXPECT_EQ(call("POST", retry, kOperator).status, 409);  // pending: already queued

  d.state = WebhookDeliveryState::dead;
  d.attempts = 7;
  d.last_error = "HTTP 500";
  ASSERT_TRUE(repo_->update_webhook_delivery(d));
  r = call("GET", "/api/v1/webhooks/dead-letters", kViewer);
  ASSERT_EQ(r.status, 200);
  const auto dead = r.json().at("items").as_array();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].at("id").as_int64(), d.id);
  EXPECT_EQ(dead[0].at("last_error").as_string(), "HTTP 500");
  EXPECT_EQ(dead[0].at("attempts").as_int64(), 7);
  EXPECT_TRUE(dead[0].at("next_attempt_at").is_null());

  EXPECT_EQ(call("POST", retry, kViewer).status, 403);
  const auto before = utc_now();
  r = call("POST", retry, kOperator);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "pending");
  EXPECT_EQ(
      call("GET", "/api/v1/webhooks/dead-letters", kViewer).json().at("items").as_array().size(),
      0u);
  const auto due = repo_->due_webhook_deliveries(utc_now(), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, d.id);
  EXPECT_GE(due[0].next_attempt_at, before);
  EXPECT_EQ(due[0].attempts, 7);
  EXPECT_EQ(audited("webhook.retry"), 1u);
  EXPECT_EQ(call("POST", retry, kOperator).status, 409);
  EXPECT_EQ(call("POST", "/api/v1/webhooks/deliveries/99999/retry", kOperator).status, 404);
  EXPECT_EQ(audited("webhook.retry"), 1u);
}

}  // namespace
}  // namespace jemhead::testing
