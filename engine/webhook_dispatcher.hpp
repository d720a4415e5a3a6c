#pragma once
// Outbound webhooks (issue 7): every new alarm that matches a subscriber's filter is
// POSTed to its URL as JSON, signed, and retried until delivered or given up on. The
// deliveries are rows in the database (queued in the same transaction as the alarm), so
// none is lost across a restart; a delivery that exhausts its retries is 'dead' and stays
// listed (the dead-letter list) with its last error.
//
// The request: Content-Type: application/json; X-Jemhead-Delivery: <delivery id>;
// X-Jemhead-Timestamp: <unix seconds>; X-Jemhead-Signature: sha256=<hex HMAC-SHA256 of
// "<timestamp>.<body>" keyed with the subscriber's secret>. Any 2xx is delivered.
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "storage/repository.hpp"

namespace prometheus {
class Registry;
}

namespace jemhead::engine {

struct WebhookOptions {
  // Delay before each retry; after the last one fails the delivery is dead.
  std::vector<std::chrono::seconds> retry_delays{
      std::chrono::seconds(5),   std::chrono::seconds(30),   std::chrono::seconds(120),
      std::chrono::seconds(600), std::chrono::seconds(1800), std::chrono::seconds(3600)};
  std::chrono::milliseconds request_timeout{10'000};
  std::chrono::milliseconds poll_interval{5'000};  // safety net besides notify()
  std::size_t concurrency = 4;                     // requests in flight
};

// The JSON body sent for an alarm (also what GET /api/v1/alarms/{id} shows).
std::string webhook_body(const StoredAlarm& alarm);
// "sha256=<hex>" for the headers above.
std::string webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body);

class WebhookDispatcher {
 public:
  WebhookDispatcher(storage::Repository& repo, WebhookOptions options,
                    std::shared_ptr<prometheus::Registry> metrics);
  ~WebhookDispatcher();  // stops
  void start();
  void stop();
  // New deliveries were queued: look now rather than at the next poll.
  void notify();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::engine
