#pragma once
// Configuration pushes and read-backs (issue 8), run in the background.
//
// A push: validate -> impact -> refuse what a MID meter locks and everything when a
// destructive change is not confirmed -> deliver each requested section through a driver
// that can write configuration (none of the documented protocols can: the section is
// reported not_deliverable and stays pending on the version) -> the operations the
// documented channels CAN do (clock over DLMS, register presets and outputs over Modbus)
// -> read back what the drivers can read (identity, load-profile layouts) and compare it
// with the version pushed -> record the push with its per-section results, the read-back
// and an audit entry in one transaction.
//
// Work for one meter runs one item at a time, in submission order (two pushes to one meter
// never overlap); different meters run in parallel on a few worker threads. Those threads
// block on the repository and wait for the meter I/O, which runs as driver coroutines on
// the daemon's I/O executor under the collection engine's session budget, routed by
// capability like every other job. Pushes queued or running when the daemon stopped are
// run again at start().
//
// Drift detection: readback() on a CFG alarm, on status bit 11 (Configuration Change,
// L9646) or by hand compares what the meter reports with the latest version, stores a
// ConfigReadback and, on drift, raises a "CONFIG_DRIFT" alarm through the alarm store so
// it is listed with the meter's alarms and delivered to webhooks.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/resource_budget.hpp"
#include "core/records.hpp"
#include "core/status_snapshot.hpp"
#include "drivers/driver.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace spdlog {
class logger;
}

namespace jemhead::engine {

struct ConfigPushOptions {
  std::size_t workers = 4;  // meters served at once
  // Bounds the meter I/O of one push or read-back (every session it opens).
  std::chrono::seconds deadline{120};
  // After a clock set, a read-back within this of the head-end's time is "verified".
  std::chrono::milliseconds clock_tolerance{2000};
  // Drift alarms go through the alarm store (storage/alarm_ingest); without a file store
  // they are recorded as a log entry of log "config" instead.
  std::shared_ptr<storage::FileStore> alarm_files;
  std::function<void()> notify_webhooks;  // deliveries were queued for a drift alarm
};

struct ConfigPushRequest {
  std::int64_t meter_id = 0;
  std::optional<std::int64_t> version;               // nullopt: the latest
  std::optional<std::vector<std::string>> sections;  // nullopt: every changed section
  bool confirm = false;
  bool clock = false;
  std::vector<drivers::RegisterPreset> presets;
  std::vector<drivers::OutputCommand> outputs;
  std::string requested_by;
};

// Why a push was not accepted: `status` is the HTTP status the API answers with (404 no
// meter or version, 409 an operation no profile can do / no version at all, 422 an invalid
// document or request); `problems` are (path, message) pairs.
struct ConfigPushRejected : std::runtime_error {
  ConfigPushRejected(int s, const std::string& what,
                     std::vector<std::pair<std::string, std::string>> p = {})
      : std::runtime_error(what), status(s), problems(std::move(p)) {}
  int status;
  std::vector<std::pair<std::string, std::string>> problems;
};

// Outcomes of results (ConfigPushSection::outcome).
inline constexpr const char* kNotDeliverable = "not_deliverable";
// The read-back's results are listed as "read_back.<section>".
inline constexpr const char* kReadBackPrefix = "read_back.";

// A push's status from its results: refused entries only -> refused; nothing delivered ->
// failed; every section and operation applied/verified and no mismatch on what was
// delivered -> succeeded; else partial.
ConfigPushStatus push_status(const std::vector<ConfigPushSection>& results);

// Whether a status snapshot shows System Bit 11, Configuration Change (L9646).
bool configuration_change_active(const StatusSnapshot& snapshot);

class ConfigPushRunner {
 public:
  // `budget` may be null (no session limits); `log` null means spdlog's default.
  ConfigPushRunner(storage::Repository& repo, const drivers::DriverRegistry& drivers,
                   boost::asio::any_io_executor io, ResourceBudget* budget,
                   ConfigPushOptions options = {}, std::shared_ptr<spdlog::logger> log = nullptr);
  ~ConfigPushRunner();  // stop()
  ConfigPushRunner(const ConfigPushRunner&) = delete;
  ConfigPushRunner& operator=(const ConfigPushRunner&) = delete;

  // Starts the workers and queues the pushes a previous run left unfinished.
  void start();
  // No new work; waits for the items running (their meter I/O is bounded by the deadline);
  // queued pushes stay queued in storage for the next start. Idempotent.
  void stop();

  // Checks and records a push (blocking: repository). A push that needs confirmation and
  // has none is recorded as refused and not queued; otherwise it is queued. Throws
  // ConfigPushRejected.
  ConfigPush submit(const ConfigPushRequest& request);

  // Queues a read-back of the meter (trigger "cfg_alarm", "status_bit_11", "manual").
  // Returns what was done, in words, for an alarm's follow-up.
  std::string queue_readback(std::int64_t meter_id, const std::string& trigger);
  // Queues one and waits for it (up to the deadline plus a margin). Throws
  // ConfigPushRejected (404 no meter, 409 nothing can read, 503 not running).
  ConfigReadback readback_now(std::int64_t meter_id, const std::string& trigger);

  // A status snapshot the engine read: a rising System Bit 11 queues a read-back.
  void status_observed(std::int64_t meter_id, const StatusSnapshot& snapshot);

  // Blocks until nothing is queued or running (tests); false on timeout.
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace jemhead::engine
