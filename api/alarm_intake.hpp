#pragma once
// Taking in one alarm message, whichever channel it came by (web POST or e-mail): find
// the meter that sent it, store the message, its events and PQDIF files in one go
// (storage/alarm_ingest.hpp), then do what new alarms call for:
// - CFG (the meter was configured): a configuration read-back compared with the stored
//   version (drift detection, issue 8) when a push runner is wired; otherwise a
//   load-profile and status read, whose layout and state a new configuration changes;
// - TS (loss of time sync): a clock check;
// each only when a collection engine is wired and a connection profile of the meter can
// do it; what was done (or why not) is recorded on the alarm (follow_up). Webhook
// deliveries were queued with the alarms; the dispatcher is woken.
//
// The caller answers the sender only after take() returned: the message is durable then.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/alarm_meter_resolver.hpp"
#include "core/alarm/alarm_event.hpp"
#include "storage/alarm_ingest.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace prometheus {
class Registry;
}
namespace spdlog {
class logger;
}
namespace jemhead::drivers {
class DriverRegistry;
}
namespace jemhead::engine {
class CollectionEngine;
}

namespace jemhead::api {

// One message as it arrived.
struct AlarmIntakeInput {
  AlarmChannel channel = AlarmChannel::web;
  std::string raw;           // the bytes exactly as received (body, or the whole mail)
  std::string content_type;  // web: the Content-Type header; mail: the top-level type
  std::string peer_address;
  bool tls = false;
  std::string sender;         // authenticated sender name, "" when none
  std::string sender_serial;  // the sender is pinned to this meter serial, "" when not
  std::vector<AlarmEvent> events;
  std::vector<storage::AlarmAttachment> pqdif_files;
  std::vector<std::string> problems;  // what decoding skipped (kept in the message detail)
};

struct AlarmIntakeResult {
  storage::AlarmIngested ingested;
  std::optional<std::int64_t> meter_id;
  std::string outcome;  // "accepted", "quarantined", "no_events"
};

struct AlarmIntakeOptions {
  MeterResolverOptions resolver;
  // Follow-ups run through the engine; without one (or without drivers to route with)
  // they are only recorded as not done.
  std::shared_ptr<engine::CollectionEngine> engine;
  const drivers::DriverRegistry* drivers = nullptr;
  std::function<void()> notify_webhooks;  // deliveries were queued
  std::function<void()> pqdif_stored;     // new PQDIF files wait for the parser
  // CFG follow-up when set: queues a configuration read-back of the meter (issue 8) and
  // returns what was done, in words; without it CFG re-reads load profile and status.
  std::function<std::string(std::int64_t meter_id)> config_readback;
};

class AlarmIntake {
 public:
  // `metrics` may be null (a private registry is used); `log` null means spdlog's default.
  AlarmIntake(storage::Repository& repo, std::shared_ptr<storage::FileStore> pqdif_files,
              AlarmIntakeOptions options, std::shared_ptr<prometheus::Registry> metrics,
              std::shared_ptr<spdlog::logger> log = nullptr);
  ~AlarmIntake();
  AlarmIntake(const AlarmIntake&) = delete;
  AlarmIntake& operator=(const AlarmIntake&) = delete;

  // Stores the message. Throws storage::StorageError when it could not be made durable
  // (nothing was written; the sender should retry).
  AlarmIntakeResult take(const AlarmIntakeInput& input);

  // A message refused before take() (authentication, media type, undecodable body): only
  // counted and logged, never stored. `reason` is a short metric label
  // ("unauthorized", "bad_json", ...); `detail` goes to the log.
  void rejected(AlarmChannel channel, const std::string& reason, const std::string& detail,
                const std::string& peer_address);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::api
