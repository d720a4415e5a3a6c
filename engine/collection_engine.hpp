#pragma once
// The collection engine: turns every meter's schedules into jobs at their due times, runs
// them under the session budgets (one job per meter at a time), retries per connection
// profile, backs off from failing meters, and commits each job's data, checkpoints, job
// run and the meter's health in one transaction.
//
//   planner (due times) -> job board (per meter, merged kinds) -> dispatcher (global cap)
//     -> job runner (route, budget, session, retries) -> commit queue (group commit)
//
// Scheduling state lives behind one lock and is touched only briefly; meter I/O runs as
// coroutines on the daemon's I/O threads; database reads run on a small blocking pool and
// every write goes through the commit queue's single writer thread.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/engine/job_kind.hpp"
#include "core/engine/resource_budget.hpp"
#include "core/protocol.hpp"
#include "core/status_snapshot.hpp"
#include "drivers/driver.hpp"
#include "engine/commit_queue.hpp"
#include "engine/engine_options.hpp"
#include "engine/pqdif_retrieval.hpp"
#include "storage/repository.hpp"

namespace prometheus {
class Registry;
}
namespace spdlog {
class logger;
}

namespace jemhead::engine {

struct RunNowResult {
  std::size_t queued = 0;  // new jobs
  std::size_t merged = 0;  // added to a job already waiting for that meter
};

struct EngineStatus {
  bool scheduling = false;    // started, enabled and not stopping
  std::size_t schedules = 0;  // (meter, kind) schedules in the plan
  std::size_t scheduled_meters = 0;
  std::size_t waiting = 0;  // jobs waiting to start
  std::size_t running = 0;
  std::size_t overdue = 0;  // waiting longer than overdue_after past their due time
  std::size_t unhealthy_meters = 0;
  std::optional<UtcTime> next_due;
  std::map<Protocol, std::size_t> sessions;
  std::size_t sessions_total = 0;
  std::uint64_t jobs_finished = 0;
  CommitStats commits;
  std::vector<std::string> plan_problems;  // schedules left out of the plan, and why
};

class CollectionEngine {
 public:
  // `metrics` may be null (no Prometheus registry); `log` null means spdlog's default.
  CollectionEngine(storage::Repository& repo, const drivers::DriverRegistry& drivers,
                   boost::asio::any_io_executor io, EngineOptions options,
                   std::shared_ptr<prometheus::Registry> metrics = nullptr,
                   std::shared_ptr<spdlog::logger> log = nullptr);
  ~CollectionEngine();  // stop(0)
  CollectionEngine(const CollectionEngine&) = delete;
  CollectionEngine& operator=(const CollectionEngine&) = delete;

  // Where pulled PQDIF files are stored and who is told of each (the parser). Call before
  // start(); without it the pqdif kind fails as not configured.
  void set_pqdif_retrieval(PqdifRetrievalSetup setup);
  // Told of every status snapshot a job stored (after its commit), e.g. so a configuration
  // change (System Bit 11) starts a read-back. Call before start().
  void set_status_observer(std::function<void(std::int64_t meter_id, const StatusSnapshot&)> f);

  // Loads the plan from storage (blocking) and starts scheduling on the I/O executor.
  void start();
  // No new jobs; running ones get `grace` to finish and commit, then they are cancelled
  // (what they read is then lost; their schedule runs again after the restart). Blocking;
  // the I/O threads must still run. Idempotent.
  void stop(std::chrono::milliseconds grace);

  // Meters, groups or connection profiles changed: rebuild the plan after the debounce.
  void fleet_changed();
  // Rebuilds the plan now (blocking); for tests and the daemon's start.
  void reload();

  // "Run now" for these meters (the caller checked they exist and are enabled). Empty
  // kinds: every kind the meter's drivers can read.
  RunNowResult run_now(const std::vector<std::int64_t>& meter_ids,
                       const std::vector<JobKind>& kinds);

  EngineStatus status() const;

  // The session budget every meter session of this head-end counts against (the API's
  // "read now" takes its sessions here too).
  ResourceBudget& budget();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace jemhead::engine
