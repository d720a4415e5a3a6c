#include "engine/webhook_dispatcher.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "core/alarm/stored_alarm_json.hpp"
#include "core/digest/hmac.hpp"
#include "engine/webhook_url.hpp"
#include "net/http_client.hpp"

namespace jemhead::engine {

namespace {

// Pending rows counted for the gauge; beyond this the gauge says "at least this many".
constexpr std::size_t kPendingCountCap = 100000;
// A subscriber's answer quoted in last_error, enough to recognise it.
constexpr std::size_t kErrorBodyQuote = 200;

std::string quoted_body(const std::string& body) {
  std::string out;
  for (char c : body.substr(0, kErrorBodyQuote)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u >= 0x7f ? ' ' : c);
  }
  return out;
}

}  // namespace

std::string webhook_body(const StoredAlarm& alarm) {
  return boost::json::serialize(to_json(alarm));
}

std::string webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body) {
  std::string signed_text(timestamp);
  signed_text += '.';
  signed_text += body;
  std::string out = "sha256=";
  out += digest::hmac_sha256_hex(secret, signed_text);
  return out;
}

struct WebhookDispatcher::Impl {
  Impl(storage::Repository& r, WebhookOptions o, std::shared_ptr<prometheus::Registry> m)
      : repo(r),
        options(std::move(o)),
        registry(m ? std::move(m) : std::make_shared<prometheus::Registry>()),
        outcomes(prometheus::BuildCounter()
                     .Name("jemhead_webhook_deliveries_total")
                     .Help("Webhook delivery attempts by outcome (delivered, retry, dead)")
                     .Register(*registry)),
        pending(prometheus::BuildGauge()
                    .Name("jemhead_webhook_deliveries_pending")
                    .Help("Webhook deliveries waiting for their next attempt")
                    .Register(*registry)
                    .Add({})) {
    options.concurrency = std::max<std::size_t>(1, options.concurrency);
  }

  void run_scheduler();
  void run_worker();
  void attempt(WebhookDelivery d);
  void finish(WebhookDelivery& d, bool ok, const std::string& error, UtcTime now);
  void set_aside(WebhookDelivery& d, const std::string& error);
  void count_pending();

  storage::Repository& repo;
  WebhookOptions options;
  std::shared_ptr<prometheus::Registry> registry;
  prometheus::Family<prometheus::Counter>& outcomes;
  prometheus::Gauge& pending;

  std::mutex mutex;
  std::condition_variable scheduler_cv;  // notify(), stop(), a worker freed, a retry scheduled
  std::condition_variable worker_cv;     // work queued, stop()
  bool stopping = false;
  bool notified = false;
  std::deque<WebhookDelivery> queue;
  std::set<std::int64_t> in_flight;  // queued or being attempted: never handed out twice
  // Finished while the scheduler was reading due rows: the read may predate the row's
  // update, so what it says about these is stale (and would send them twice).
  bool fetching = false;
  std::set<std::int64_t> finished_while_fetching;
  std::set<UtcTime> retries;  // when the retries this dispatcher scheduled fall due
  std::optional<std::chrono::steady_clock::time_point> counted_at;  // scheduler only
  std::thread scheduler;
  std::vector<std::thread> workers;
};

// At most once a second: the scheduler passes after every finished delivery, and the
// count reads every pending row.
void WebhookDispatcher::Impl::count_pending() {
  const auto now = std::chrono::steady_clock::now();
  if (counted_at && now - *counted_at < std::chrono::seconds(1)) return;
  counted_at = now;
  const auto rows = repo.list_webhook_deliveries(std::nullopt, WebhookDeliveryState::pending,
                                                 storage::Page{0, kPendingCountCap});
  pending.Set(static_cast<double>(rows.size()));
}

// Hands due deliveries to the workers. It wakes when told (notify), when a worker is
// free, at the earliest retry it knows of, and at least every poll_interval (deliveries
// queued by another process, or retries scheduled before a restart).
void WebhookDispatcher::Impl::run_scheduler() {
  std::unique_lock lock(mutex);
  while (!stopping) {
    notified = false;
    const auto capacity = options.concurrency - std::min(options.concurrency, in_flight.size());
    bool storage_failed = false;
    if (capacity > 0) {
      const auto known = in_flight.size();
      fetching = true;
      lock.unlock();
      std::vector<WebhookDelivery> due;
      try {
        // In-flight rows are still pending and due: ask for enough to see past them.
        due = repo.due_webhook_deliveries(utc_now(), known + capacity);
        count_pending();
      } catch (const std::exception& e) {
        storage_failed = true;
        spdlog::warn("webhooks: cannot read due deliveries: {}", e.what());
      }
      lock.lock();
      fetching = false;
      std::size_t handed = 0;
      for (auto& d : due) {
        if (handed == capacity) break;
        if (finished_while_fetching.contains(d.id)) continue;
        if (!in_flight.insert(d.id).second) continue;
        queue.push_back(std::move(d));
        ++handed;
      }
      finished_while_fetching.clear();
      if (handed > 0) worker_cv.notify_all();
    }
    if (stopping) break;
    if (notified && !storage_failed) continue;
    auto until = std::chrono::system_clock::now() + options.poll_interval;
    if (!retries.empty() && !storage_failed) {
      const auto retry_at =
          std::chrono::time_point_cast<std::chrono::system_clock::duration>(*retries.begin());
      if (retry_at < until) until = retry_at;
    }
    scheduler_cv.wait_until(lock, until, [&] { return stopping || notified; });
    const auto now = utc_now();
    while (!retries.empty() && *retries.begin() <= now) retries.erase(retries.begin());
  }
}

void WebhookDispatcher::Impl::run_worker() {
  std::unique_lock lock(mutex);
  while (true) {
    worker_cv.wait(lock, [&] { return stopping || !queue.empty(); });
    if (stopping) return;
    auto d = std::move(queue.front());
    queue.pop_front();
    lock.unlock();
    const auto id = d.id;
    bool stored = true;
    try {
      attempt(std::move(d));
    } catch (const std::exception& e) {
      // The row could not be updated: it stays pending and is tried again at the next poll
      // (not at once, which would spin against a failing database).
      spdlog::warn("webhooks: delivery {}: {}", id, e.what());
      outcomes.Add({{"outcome", "storage_error"}}).Increment();
      stored = false;
    }
    lock.lock();
    in_flight.erase(id);
    if (fetching) finished_while_fetching.insert(id);
    if (stored) {
      notified = true;  // a worker is free: more may be due
      scheduler_cv.notify_one();
    }
  }
}

void WebhookDispatcher::Impl::finish(WebhookDelivery& d, bool ok, const std::string& error,
                                     UtcTime now) {
  ++d.attempts;
  if (ok) {
    d.state = WebhookDeliveryState::delivered;
    d.delivered_at = now;
    d.last_error.clear();
    outcomes.Add({{"outcome", "delivered"}}).Increment();
  } else {
    d.last_error = error;
    // attempts counts tries; retry_delays[n - 1] follows the n-th failed try. A delivery an
    // operator re-queued after it died gets one more try.
    const auto retry = static_cast<std::size_t>(d.attempts - 1);
    if (retry < options.retry_delays.size()) {
      d.state = WebhookDeliveryState::pending;
      d.next_attempt_at = now + std::chrono::duration_cast<Micros>(options.retry_delays[retry]);
      outcomes.Add({{"outcome", "retry"}}).Increment();
      std::lock_guard lock(mutex);
      retries.insert(d.next_attempt_at);
    } else {
      d.state = WebhookDeliveryState::dead;
      outcomes.Add({{"outcome", "dead"}}).Increment();
    }
  }
  repo.update_webhook_delivery(d);
}

// Dead without a try: nothing a retry could change (the subscriber was disabled, the alarm
// is gone). It stays listed as a dead letter an operator can retry once it is fixed.
void WebhookDispatcher::Impl::set_aside(WebhookDelivery& d, const std::string& error) {
  d.state = WebhookDeliveryState::dead;
  d.last_error = error;
  outcomes.Add({{"outcome", "dead"}}).Increment();
  repo.update_webhook_delivery(d);
}

void WebhookDispatcher::Impl::attempt(WebhookDelivery d) {
  const auto subscription = repo.find_webhook(d.subscription_id);
  if (!subscription) return;  // deleted with its deliveries meanwhile
  // Disabled after the delivery was queued: rather than polled for ever.
  if (!subscription->enabled) return set_aside(d, "the subscription is disabled");
  const auto alarm = repo.find_alarm(d.alarm_id);
  if (!alarm) return set_aside(d, "alarm " + std::to_string(d.alarm_id) + " no longer exists");
  std::string why;
  const auto url = parse_webhook_url(subscription->url, &why);
  if (!url) return set_aside(d, "bad URL: " + why);
  const auto body = webhook_body(*alarm);
  const auto timestamp = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(utc_now().time_since_epoch()).count());
  net::HttpHeaders headers{
      {"Content-Type", "application/json"},
      {"User-Agent", "jemhead-webhook"},
      {"Connection", "close"},
      {"X-Jemhead-Delivery", std::to_string(d.id)},
      {"X-Jemhead-Timestamp", timestamp},
      {"X-Jemhead-Signature", webhook_signature(subscription->secret, timestamp, body)},
  };
  bool ok = false;
  std::string error;
  try {
    std::optional<net::HttpTls> tls;
    if (url->https) tls = net::HttpTls{};  // verified against the system's trust store
    net::HttpConnection connection(url->host, url->port, options.request_timeout, tls);
    const auto r = connection.request("POST", url->target, body, headers);
    ok = r.status >= 200 && r.status < 300;
    if (!ok) {
      error = "HTTP " + std::to_string(r.status);
      if (!r.body.empty()) {
        error += ": ";
        error += quoted_body(r.body);
      }
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
  finish(d, ok, error, utc_now());
}

WebhookDispatcher::WebhookDispatcher(storage::Repository& repo, WebhookOptions options,
                                     std::shared_ptr<prometheus::Registry> metrics)
    : impl_(std::make_unique<Impl>(repo, std::move(options), std::move(metrics))) {}

WebhookDispatcher::~WebhookDispatcher() {
  stop();
}

void WebhookDispatcher::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->scheduler.joinable() || impl_->stopping) return;
  for (std::size_t i = 0; i < impl_->options.concurrency; ++i)
    impl_->workers.emplace_back([this] { impl_->run_worker(); });
  impl_->scheduler = std::thread([this] { impl_->run_scheduler(); });
}

// Waiting threads wake at once; a request in flight finishes (bounded by request_timeout)
// and records its outcome. Deliveries queued but not started stay pending in the database.
void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->queue.clear();
  }
  impl_->scheduler_cv.notify_all();
  impl_->worker_cv.notify_all();
  if (impl_->scheduler.joinable()) impl_->scheduler.join();
  for (auto& t : impl_->workers)
    if (t.joinable()) t.join();
  impl_->workers.clear();
}

void WebhookDispatcher::notify() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->notified = true;
  }
  impl_->scheduler_cv.notify_one();
}

}  // namespace jemhead::engine
