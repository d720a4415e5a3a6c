// The webhook dispatcher (engine/webhook_dispatcher.hpp) against a real HTTP receiver on
// 127.0.0.1: the signed body, retries after failures, dead letters with the last error,
// an unreachable subscriber, and a restarted dispatcher finishing what was left pending.
#include "engine/webhook_dispatcher.hpp"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "core/digest/hmac.hpp"
#include "tests/unit/net/server_runner.hpp"

namespace jemhead::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr const char* kSecret = "receiver-shared-secret";

// Records every request and answers with the next status of a script (the last repeats).
class Receiver {
 public:
  explicit Receiver(std::vector<int> statuses) : statuses_(std::move(statuses)) {
    net::HttpServerOptions options;
    options.listen = {net::Endpoint{"127.0.0.1", 0}};
    runner_ = std::make_unique<ServerRunner>(options, [this](const net::HttpRequest& r) {
      std::lock_guard lock(mutex_);
      requests_.push_back(r);
      net::HttpResponse out;
      out.status = statuses_[std::min(requests_.size(), statuses_.size()) - 1];
      out.content_type = "text/plain";
      out.body = out.status == 200 ? "ok" : "boom\r\nline two";
      return out;
    });
  }
  std::string url(const std::string& target = "/hook?from=jemhead") const {
    return "http://127.0.0.1:" + std::to_string(runner_->port()) + target;
  }
  std::vector<net::HttpRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::vector<int> statuses_;
  std::mutex mutex_;
  std::vector<net::HttpRequest> requests_;
  std::unique_ptr<ServerRunner> runner_;
};

template <typename Predicate>
bool eventually(Predicate p, std::chrono::milliseconds timeout = 10s) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (p()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return p();
}

// A port nothing listens on: bound once by us, then closed.
std::uint16_t closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

class WebhookDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    registry_ = std::make_shared<prometheus::Registry>();
  }
  void TearDown() override { repo_->close(); }

  std::int64_t subscribe(const std::string& url) {
    WebhookSubscription w;
    w.name = "receiver";
    w.url = url;
    w.secret = kSecret;
    w.include_quarantined = true;
    w.created_at = utc_now();
    return repo_->insert_webhook(w);
  }

  // One quarantined SS alarm, queued for every subscription; its delivery.
  WebhookDelivery queued_alarm() {
    AlarmMessage m;
    m.received_at = utc_now();
    m.raw = R"({"EventType":"SS"})";
    m.outcome = "quarantined";
    const auto message = repo_->insert_alarm_message(m);
    StoredAlarm a;
    a.sender_key = "DeviceId=12345678";
    a.event_type = AlarmEventType::SS;
    a.event_type_text = "SS";
    a.event_time = *parse_iso8601("2020-07-12T18:15:00.618369Z");
    a.fields_json = R"({"EventType":"SS","DeviceId":"12345678"})";
    a.raw_json = m.raw;
    std::int64_t queued = 0;
    repo_->transact([&](storage::Store& s) {
      a.id = s.upsert_alarm(a, "alarm-" + std::to_string(++alarms_), AlarmChannel::web, message).id;
      queued = s.queue_webhook_deliveries(a, utc_now());
    });
    EXPECT_EQ(queued, 1);
    auto rows = repo_->list_webhook_deliveries(std::nullopt, std::nullopt, storage::Page{0, 1});
    EXPECT_EQ(rows.size(), 1u);
    return rows.empty() ? WebhookDelivery{} : rows.front();
  }

  WebhookDelivery delivery(std::int64_t id) {
    for (const auto& d :
         repo_->list_webhook_deliveries(std::nullopt, std::nullopt, storage::Page{0, 1000}))
      if (d.id == id) return d;
    ADD_FAILURE() << "no delivery " << id;
    return {};
  }
  bool reaches(std::int64_t id, WebhookDeliveryState state) {
    return eventually([&] { return delivery(id).state == state; });
  }

  std::unique_ptr<engine::WebhookDispatcher> dispatcher(std::vector<std::chrono::seconds> delays,
                                                        std::chrono::milliseconds poll = 1h) {
    engine::WebhookOptions o;
    o.retry_delays = std::move(delays);
    o.poll_interval = poll;
    o.request_timeout = 5s;
    o.concurrency = 2;
    return std::make_unique<engine::WebhookDispatcher>(*repo_, o, registry_);
  }

  double metric(const std::string& name, const std::string& outcome = "") {
    for (const auto& family : registry_->Collect()) {
      if (family.name != name) continue;
      for (const auto& m : family.metric) {
        if (outcome.empty()) return m.gauge.value;
        for (const auto& label : m.label)
          if (label.name == "outcome" && label.value == outcome) return m.counter.value;
      }
    }
    return 0;
  }

  std::unique_ptr<storage::Repository> repo_;
  std::shared_ptr<prometheus::Registry> registry_;
  int alarms_ = 0;
};

TEST_F(WebhookDispatcherTest, PostsTheAlarmSignedWithTheSubscribersSecret) {
  Receiver receiver({200});
  subscribe(receiver.url());
  const auto queued = queued_alarm();
  auto d = dispatcher({1s});
  d->start();  // the first pass finds the queued delivery: no notify needed
  ASSERT_TRUE(reaches(queued.id, WebhookDeliveryState::delivered));
  const auto done = delivery(queued.id);
  EXPECT_EQ(done.attempts, 1);
  EXPECT_TRUE(done.delivered_at.has_value());
  EXPECT_EQ(done.last_error, "");

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/hook?from=jemhead");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("x-jemhead-delivery"), std::to_string(queued.id));
  // The subscriber's check: HMAC-SHA256 of "<timestamp>.<body>" with the shared secret.
  const auto timestamp = r.header("x-jemhead-timestamp");
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  EXPECT_NEAR(static_cast<double>(std::stoll(timestamp)), static_cast<double>(now_s), 30);
  EXPECT_EQ(r.header("x-jemhead-signature"),
            "sha256=" + digest::hmac_sha256_hex(kSecret, timestamp + "." + r.body));
  EXPECT_NE(r.header("x-jemhead-signature"),
            "sha256=" + digest::hmac_sha256_hex("another secret", timestamp + "." + r.body));
  const auto alarm = repo_->find_alarm(queued.alarm_id);
  ASSERT_TRUE(alarm);
  EXPECT_EQ(r.body, engine::webhook_body(*alarm));
  const auto body = json::parse(r.body);
  EXPECT_EQ(body.at("id").as_int64(), queued.alarm_id);
  EXPECT_EQ(body.at("event_type").as_string(), "SS");
  EXPECT_EQ(body.at("event_time").as_string(), "2020-07-12T18:15:00.618369Z");
  EXPECT_EQ(body.at("fields").at("DeviceId").as_string(), "12345678");
  EXPECT_EQ(metric("jemhead_webhook_deliveries_total", "delivered"), 1);
}

TEST_F(WebhookDispatcherTest, AFailedAttemptIsRetriedAndThenDelivered) {
  Receiver receiver({500, 200});
  subscribe(receiver.url());
  auto d = dispatcher({0s, 0s});
  d->start();
  const auto queued = queued_alarm();
  d->notify();
  ASSERT_TRUE(reaches(queued.id, WebhookDeliveryState::delivered));
  EXPECT_EQ(delivery(queued.id).attempts, 2);
  EXPECT_EQ(delivery(queued.id).last_error, "");
  EXPECT_EQ(receiver.requests().size(), 2u);
  EXPECT_EQ(metric("jemhead_webhook_deliveries_total", "retry"), 1);
  EXPECT_EQ(metric("jemhead_webhook_deliveries_total", "delivered"), 1);
}

TEST_F(WebhookDispatcherTest, AlwaysFailingIsDeadAfterTheLastRetryWithTheLastError) {
  Receiver receiver({500});
  subscribe(receiver.url());
  const auto queued = queued_alarm();
  auto d = dispatcher({0s, 0s});
  d->start();
  ASSERT_TRUE(reaches(queued.id, WebhookDeliveryState::dead));
  const auto dead = delivery(queued.id);
  EXPECT_EQ(dead.attempts, 3);  // the first try and two retries
  EXPECT_EQ(dead.last_error, "HTTP 500: boom  line two");
  EXPECT_FALSE(dead.delivered_at.has_value());
  EXPECT_EQ(receiver.requests().size(), 3u);
  EXPECT_EQ(metric("jemhead_webhook_deliveries_total", "dead"), 1);
  EXPECT_EQ(metric("jemhead_webhook_deliveries_total", "retry"), 2);
  const auto letters =
      repo_->list_webhook_deliveries(std::nullopt, WebhookDeliveryState::dead, storage::Page{});
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].id, queued.id);
}

TEST_F(WebhookDispatcherTest, AnUnreachableSubscriberIsNamedInTheError) {
  const auto port = closed_port();
  subscribe("http://127.0.0.1:" + std::to_string(port) + "/hook");
  const auto queued = queued_alarm();
  auto d = dispatcher({});
  d->start();
  ASSERT_TRUE(reaches(queued.id, WebhookDeliveryState::dead));
  const auto dead = delivery(queued.id);
  EXPECT_EQ(dead.attempts, 1);
  EXPECT_NE(dead.last_error.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << dead.last_error;
  EXPECT_NE(dead.last_error.find("refused"), std::string::npos) << dead.last_error;
}

TEST_F(WebhookDispatcherTest, ARestartedDispatcherFinishesWhatWasLeftPending) {
  Receiver receiver({500, 200});
  subscribe(receiver.url());
  const auto queued = queued_alarm();
  {
    auto first = dispatcher({1s});
    first->start();
    ASSERT_TRUE(eventually([&] { return delivery(queued.id).attempts == 1; }));
    first->stop();
    EXPECT_EQ(metric("jemhead_webhook_deliveries_pending"), 1);
  }
  const auto left = delivery(queued.id);
  EXPECT_EQ(left.state, WebhookDeliveryState::pending);
  EXPECT_EQ(left.last_error, "HTTP 500: boom  line two");
  EXPECT_GT(left.next_attempt_at, utc_now() - 1s);

  // A new dispatcher over the same database knows nothing of the retry it scheduled; its
  // poll finds it once due.
  auto second = dispatcher({1s}, 100ms);
  second->start();
  ASSERT_TRUE(reaches(queued.id, WebhookDeliveryState::delivered));
  EXPECT_EQ(delivery(queued.id).attempts, 2);
  EXPECT_EQ(receiver.requests().size(), 2u);
}

TEST_F(WebhookDispatcherTest, StopInterruptsTheWaitPromptly) {
  auto d = dispatcher({1s}, 1h);
  d->start();
  std::this_thread::sleep_for(50ms);
  const auto started = std::chrono::steady_clock::now();
  d->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  d->stop();  // idempotent
}

TEST_F(WebhookDispatcherTest, ADisabledSubscriptionsDeliveryIsSetAsideWithoutATry) {
  Receiver receiver({200});
  const auto id = subscribe(receiver.url());
  const auto queued = queued_alarm();
  auto w = *repo_->find_webhook(id);
  w.enabled = false;
  ASSERT_TRUE(repo_->update_webhook(w));
  auto d = dispatcher({0s});
  d->start();
  ASSERT_TRUE(reaches(queued.id, WebhookDeliveryState::dead));
  EXPECT_EQ(delivery(queued.id).last_error, "the subscription is disabled");
  EXPECT_EQ(delivery(queued.id).attempts, 0);
  EXPECT_TRUE(receiver.requests().empty());
}

}  // namespace
}  // namespace jemhead::testing
