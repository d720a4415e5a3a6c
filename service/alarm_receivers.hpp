#pragma once
// The daemon's alarm side (issue 7), started and stopped as one: the web-alarm receiver
// (its own HTTP(S) server, apart from the REST API: meters reach it on another address,
// with other credentials and TLS), the SMTP listener, the intake both store through, and
// the webhook dispatcher (always running: subscriptions come from the REST API).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "service/alarm_config.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace boost::asio {
class io_context;
}
namespace prometheus {
class Registry;
}
namespace jemhead::drivers {
class DriverRegistry;
}
namespace jemhead::engine {
class CollectionEngine;
class WebhookDispatcher;
}  // namespace jemhead::engine

namespace jemhead::service {

struct AlarmWiring {
  storage::Repository* repo = nullptr;
  std::shared_ptr<storage::FileStore> pqdif_files;
  std::shared_ptr<engine::CollectionEngine> engine;  // CFG / TS follow-ups
  const drivers::DriverRegistry* drivers = nullptr;
  std::function<void()> pqdif_stored;  // wakes the PQDIF parser
  // CFG follow-up: queues a configuration read-back (issue 8); unset: LP and status re-read.
  std::function<std::string(std::int64_t meter_id)> config_readback;
  std::shared_ptr<prometheus::Registry> metrics;
};

class AlarmReceivers {
 public:
  AlarmReceivers(boost::asio::io_context& io, AlarmsConfig config, AlarmWiring wiring);
  ~AlarmReceivers();
  AlarmReceivers(const AlarmReceivers&) = delete;
  AlarmReceivers& operator=(const AlarmReceivers&) = delete;

  // The dispatcher (created here, started by start()), for the REST API's webhook routes.
  std::shared_ptr<engine::WebhookDispatcher> webhooks() const;
  // Starts the dispatcher and the enabled listeners. Throws (naming the address or file)
  // when a listener cannot bind or a certificate cannot be loaded.
  void start();
  // The URLs meters post to ("https://127.0.0.1:8443/ingest/web-alarm"), and the SMTP
  // listeners ("127.0.0.1:2525"); empty when that receiver is off.
  std::vector<std::string> web_urls() const;
  std::vector<std::string> smtp_addresses() const;
  // Stops accepting, lets messages being stored finish (up to `grace`); needs the I/O
  // threads still running. Then stops the dispatcher. Idempotent.
  void stop(std::chrono::milliseconds grace);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::service
