// A new alarm posted to the real jemhead reaches a webhook subscriber at once (the intake
// wakes the dispatcher), signed as docs/alarms.md says; the same event arriving again is
// merged and not delivered twice.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "core/digest/hmac.hpp"
#include "tests/integration/alarms_web/alarms_rig.hpp"
#include "tests/unit/net/server_runner.hpp"

namespace jemhead::testing::alarms {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// What the subscriber received.
struct Inbox {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<net::HttpRequest> requests;

  net::HttpResponse take(const net::HttpRequest& r) {
    {
      std::lock_guard lock(mutex);
      requests.push_back(r);
    }
    arrived.notify_all();
    net::HttpResponse ok;
    ok.body = "{}";
    return ok;
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, timeout, [&] { return requests.size() >= n; });
  }
};

TEST(AlarmsWebhook, ANewAlarmIsDeliveredSignedAndAMergedOneIsNot) {
  Inbox inbox;
  net::HttpServerOptions options;
  options.listen = {net::Endpoint{"127.0.0.1", 0}};
  ServerRunner subscriber(options, [&](const net::HttpRequest& r) { return inbox.take(r); });

  TempDir dir;
  Jemhead head(dir, daemon_config(dir, fleet_section() + alarms_section({}, false)));
  json::object hook{{"name", "scada"},
                    {"url", "http://127.0.0.1:" + std::to_string(subscriber.port()) + "/hook"},
                    {"secret", "whsec-0123456789abcdef"}};
  const auto created = head.call("POST", "/api/v1/webhooks", json::serialize(hook));
  ASSERT_EQ(created.status, 201) << created.body;

  write_file(dir.file("sample2.json"), kSampleTwoJson);
  const auto url = receivers_of(dir).web_url + "/" + kUrlToken;
  const std::vector<std::string> post{"-H", "Content-Type: application/json", "--data-binary",
                                      at_file(dir.file("sample2.json")), url};
  const auto r = curl(dir, post, "first");
  ASSERT_EQ(r.final_status(), 200) << r.body;
  const auto alarm_id = r.json().at("alarms").as_array().at(0).as_int64();

  // Well before the dispatcher's 5 s poll: the intake woke it.
  ASSERT_TRUE(inbox.wait_for(1, 4s)) << "no delivery";
  net::HttpRequest got;
  {
    std::lock_guard lock(inbox.mutex);
    got = inbox.requests.at(0);
  }
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.path, "/hook");
  const auto timestamp = got.header("x-jemhead-timestamp");
  std::string signed_text = timestamp;
  signed_text += '.';
  signed_text += got.body;
  EXPECT_EQ(got.header("x-jemhead-signature"),
            "sha256=" + digest::hmac_sha256_hex("whsec-0123456789abcdef", signed_text));
  const auto body = json::parse(got.body);
  EXPECT_EQ(body.at("id").as_int64(), alarm_id);
  EXPECT_EQ(body.at("event_type").as_string(), "SS");

  // The meter retries the same event: merged, so no second delivery.
  ASSERT_EQ(curl(dir, post, "retry").final_status(), 200);
  EXPECT_FALSE(inbox.wait_for(2, 1500ms));
}

}  // namespace
}  // namespace jemhead::testing::alarms
