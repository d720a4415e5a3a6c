#include "engine/collection_engine.hpp"

#include <spdlog/spdlog.h>

// GCC 12 at -O2 reports -Wnull-dereference false positives inside Asio's executor
// comparison; silence them for Asio's headers only (as service/daemon.cpp does).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#pragma GCC diagnostic pop
#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <unordered_map>

#include "core/schedule/planner.hpp"
#include "engine/chunk_commits.hpp"
#include "engine/engine_metrics.hpp"
#include "engine/job_board.hpp"
#include "engine/job_runner.hpp"
#include "engine/plan_builder.hpp"
#include "engine/reading_store.hpp"
#include "engine/run_to_completion.hpp"

namespace jemhead::engine {

namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr auto kMaxSchedulerSleep = std::chrono::seconds(1);  // gauges stay this fresh
constexpr auto kPurgeEvery = std::chrono::hours(1);
constexpr auto kCancelGrace = std::chrono::seconds(5);

double seconds_between(UtcTime from, UtcTime to) {
  return std::chrono::duration<double>(to - from).count();
}

std::string results_json(const JobReport& report) {
  json::array out;
  for (const auto& k : report.kinds) {
    json::object o{{"kind", to_text(k.kind)},
                   {"profile", k.profile},
                   {"outcome", k.outcome},
                   {"values", k.values}};
    if (!k.map_source.empty()) o["map_source"] = k.map_source;
    if (!k.error_type.empty()) {
      o["error_type"] = k.error_type;
      o["error"] = k.error;
    }
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

JobRun job_run_of(const Job& job, const JobReport& report) {
  JobRun run;
  run.meter_id = job.meter_id;
  std::vector<JobKind> kinds;
  for (const auto& k : report.kinds) kinds.push_back(k.kind);
  run.kind = kinds.empty() ? kinds_text(job.kinds) : kinds_text(kinds);
  run.trigger = std::string(to_text(job.trigger));
  run.nominal_at = job.nominal;
  run.started_at = report.started_at;
  run.finished_at = report.finished_at;
  run.outcome = report.outcome();
  run.profile = joined(report.profiles);
  run.attempts = report.attempts;
  run.values = report.values();
  run.bytes = static_cast<std::int64_t>(report.bytes);
  if (const auto* failure = report.first_failure()) {
    run.error_type = failure->error_type;
    run.error = failure->error;
  }
  run.results_json = results_json(report);
  return run;
}

MeterHealth stored_health(std::int64_t meter_id, const HealthState& h) {
  return {meter_id,       h.consecutive_failures, h.healthy,   h.last_success,
          h.last_failure, h.next_attempt,         h.last_error};
}

}  // namespace

struct CollectionEngine::Impl : std::enable_shared_from_this<Impl> {
  Impl(storage::Repository& r, const drivers::DriverRegistry& d, asio::any_io_executor executor,
       EngineOptions o, std::shared_ptr<prometheus::Registry> registry,
       std::shared_ptr<spdlog::logger> logger)
      : repo(r),
        drivers(d),
        io(std::move(executor)),
        options(std::move(o)),
        log(logger ? std::move(logger) : spdlog::default_logger()),
        budget(options.budget),
        commits(repo, options.commit_batch),
        strand(asio::make_strand(io)),
        wakeup(strand),
        runner{repo,
               drivers,
               budget,
               blocking.get_executor(),
               options.job_deadline,
               {std::chrono::duration_cast<Micros>(options.load_profile_chunk),
                std::chrono::duration_cast<Micros>(options.load_profile_first_read)},
               nullptr} {
    if (registry) metrics = std::make_unique<EngineMetrics>(*registry);
  }

  storage::Repository& repo;
  const drivers::DriverRegistry& drivers;
  asio::any_io_executor io;
  const EngineOptions options;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<EngineMetrics> metrics;
  ResourceBudget budget;
  std::function<void(std::int64_t, const StatusSnapshot&)> status_observer;
  asio::thread_pool blocking{2};  // repository reads, off the I/O threads
  CommitQueue commits;
  asio::strand<asio::any_io_executor> strand;  // the scheduler loop and its timer
  asio::steady_timer wakeup;
  JobRunnerContext runner;

  mutable std::mutex mutex;  // everything below
  std::condition_variable changed;
  FleetPlan plan;
  JobBoard board;
  std::unordered_map<std::int64_t, HealthState> health;  // only meters that failed lately
  // Each running job's coroutine runs on its own strand, so a cancellation posted there
  // (shutdown) never races the job on another I/O thread.
  struct RunningJob {
    std::shared_ptr<asio::cancellation_signal> cancel;
    asio::strand<asio::any_io_executor> strand;
  };
  std::map<std::uint64_t, RunningJob> running;
  std::uint64_t next_job_id = 1;
  std::uint64_t jobs_finished = 0;
  bool loop_running = false;
  bool stopping = false;
  std::optional<std::chrono::steady_clock::time_point> reload_at;
  UtcTime next_purge{};
  std::atomic<bool> wake_requested{false};
  ScheduleResolver resolver;

  // ---- plan -------------------------------------------------------------------------

  void install(PlanInputs inputs) {
    const auto now = utc_now();
    std::lock_guard lock(mutex);
    plan = build_plan(std::move(inputs), resolver, plan.last_fires, now);
    for (const auto& p : plan.problems) log->warn("schedule left out of the plan: {}", p);
  }

  PlanInputs read_plan_inputs() {
    return {repo.schedule_sources(),
            repo.checkpoints_with_prefix(std::string(kScheduleCheckpointPrefix))};
  }

  static awaitable<PlanInputs> read_plan_inputs_async(std::shared_ptr<Impl> self) {
    co_return self->read_plan_inputs();
  }

  // GCC 12 mis-destroys non-trivial temporaries inside a co_await expression (seen as
  // double frees); every awaited operation here is built in a named local first.
  awaitable<void> reload_async() {
    auto read =
        run_to_completion(blocking.get_executor(), read_plan_inputs_async(shared_from_this()));
    auto inputs = co_await std::move(read);
    install(std::move(inputs));
  }

  // ---- scheduling -------------------------------------------------------------------

  void notify() {
    wake_requested = true;
    asio::post(strand, [self = shared_from_this()] { self->wakeup.cancel(); });
  }

  // Takes every due schedule event into the job board (skipping meters that back off),
  // then starts what the global cap allows. Returns the jobs to spawn.
  std::vector<Job> take_due_and_start(UtcTime now) {
    std::lock_guard lock(mutex);
    for (const auto& event : plan.planner.take_due(now)) {
      const auto kind = plan.kind_of(event.entry);
      plan.last_fires[fire_key(event.meter_id, kind)] = event.nominal;
      if (auto it = health.find(event.meter_id);
          it != health.end() && !it->second.healthy && backing_off(it->second, now)) {
        if (metrics) metrics->job_skipped("backoff");
        continue;
      }
      Job job;
      job.id = next_job_id++;
      job.meter_id = event.meter_id;
      job.kinds = {kind};
      job.trigger = event.catch_up ? JobTrigger::catch_up : JobTrigger::schedule;
      job.due = event.due;
      job.nominal = event.nominal;
      job.fires[kind] = event.nominal;
      board.add(std::move(job));
    }
    return start_jobs_locked();
  }

  std::vector<Job> start_waiting() {
    std::lock_guard lock(mutex);
    return start_jobs_locked();
  }

  std::vector<Job> start_jobs_locked() {
    std::vector<Job> jobs;
    if (stopping) return jobs;
    while (board.running_count() < options.budget.global) {
      auto job = board.start_next();
      if (!job) break;
      jobs.push_back(std::move(*job));
    }
    return jobs;
  }

  void spawn(std::vector<Job> jobs) {
    for (auto& job : jobs) {
      RunningJob handle{std::make_shared<asio::cancellation_signal>(), asio::make_strand(io)};
      {
        std::lock_guard lock(mutex);
        running.insert_or_assign(job.id, handle);
      }
      auto work = execute(shared_from_this(), std::move(job));
      asio::co_spawn(handle.strand, std::move(work),
                     asio::bind_cancellation_slot(handle.cancel->slot(), asio::detached));
    }
  }

  Micros time_to_next_wake(UtcTime now) {
    std::lock_guard lock(mutex);
    Micros wait = kMaxSchedulerSleep;
    if (const auto due = plan.planner.next_due()) wait = std::min(wait, *due - now);
    if (reload_at)
      wait = std::min<Micros>(
          wait, std::chrono::duration_cast<Micros>(*reload_at - std::chrono::steady_clock::now()));
    return std::max<Micros>(wait, Micros{0});
  }

  bool reload_due() {
    std::lock_guard lock(mutex);
    if (!reload_at || std::chrono::steady_clock::now() < *reload_at) return false;
    reload_at.reset();
    return true;
  }

  bool is_stopping() {
    std::lock_guard lock(mutex);
    return stopping;
  }

  awaitable<void> purge_history(UtcTime now) {
    const auto cutoff = now - std::chrono::duration_cast<Micros>(options.history_retention);
    std::int64_t purged = 0;
    try {
      co_await commits.commit(
          [cutoff, &purged](storage::Store& s) { purged = s.purge_job_runs(cutoff); });
      if (purged > 0)
        log->info("job history: {} runs older than {} deleted", purged, format_iso8601(cutoff));
    } catch (const std::exception& e) {
      log->error("job history retention failed: {}", e.what());
    }
  }

  static awaitable<void> schedule_loop(std::shared_ptr<Impl> self) {
    while (!self->is_stopping()) {
      const auto now = utc_now();
      if (self->reload_due()) {
        try {
          co_await self->reload_async();
        } catch (const std::exception& e) {
          self->log->error("reloading the collection plan failed: {}", e.what());
        }
      }
      if (now >= self->next_purge) {
        self->next_purge = now + std::chrono::duration_cast<Micros>(kPurgeEvery);
        co_await self->purge_history(now);
      }
      // Without scheduling, run-now jobs that waited for a busy meter still start here.
      self->spawn(self->options.enabled ? self->take_due_and_start(utc_now())
                                        : self->start_waiting());
      self->publish_gauges();
      if (self->wake_requested.exchange(false)) continue;
      self->wakeup.expires_after(self->time_to_next_wake(utc_now()));
      boost::system::error_code ec;
      co_await self->wakeup.async_wait(asio::redirect_error(use_awaitable, ec));
      self->wake_requested = false;
    }
    std::lock_guard lock(self->mutex);
    self->loop_running = false;
    self->changed.notify_all();
  }

  // ---- one job ----------------------------------------------------------------------

  static awaitable<void> execute(std::shared_ptr<Impl> self, Job job) {
    const auto started = utc_now();
    if (self->metrics) self->metrics->job_started(seconds_between(job.due, started));
    std::optional<JobReport> report;
    ChunkCommits chunks(self->commits);  // load profile, committed chunk by chunk
    try {
      auto running = run_job(self->runner, job, &chunks);
      report = co_await std::move(running);
    } catch (const std::exception& e) {
      if (!self->is_stopping()) {
        self->log->error("meter {} job {}: {}", job.meter_id, job.id, e.what());
        report = JobReport{};
        report->started_at = started;
        report->finished_at = utc_now();
        for (auto kind : job.kinds)
          report->kinds.push_back({kind, "", "failed", 0, "internal", e.what(), ""});
      }
    }
    // Cancelled by shutdown (stop() past its grace): nothing more is recorded, so the
    // restart runs it again (from the last committed chunk; an outstanding one commits on
    // its own). A cancelled job may also return a report, e.g. when the aborted connect was
    // its last attempt: that failure is the shutdown's, not the meter's.
    const auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) report.reset();
    // Past this point the job only stores what it read, which stop() waits for. Once
    // cancelled, Asio throws "co_await: Operation canceled" at every co_await of this
    // coroutine: that skipped finished() (the job stayed "running" and stop() sat out its
    // whole cancel grace). A cancellation arriving from here on is ignored.
    auto ignoring = asio::this_coro::reset_cancellation_state(asio::disable_cancellation());
    co_await std::move(ignoring);  // (an lvalue would hit its forwarding constructor)
    if (report) {
      auto draining = chunks.drain();
      co_await std::move(draining);
      if (self->account_chunks(job, chunks, *report) && report->meter_found)
        co_await self->record(job, *report);
    }
    self->finished(job);
  }

  // The load-profile kind counts what its chunks stored; a chunk that failed to commit
  // fails the kind. False when the meter was deleted mid-job: nothing more is stored.
  bool account_chunks(const Job& job, const ChunkCommits& chunks, JobReport& report) {
    if (chunks.meter_gone()) {
      log->info("meter {} was deleted while job {} ran; its results are dropped", job.meter_id,
                job.id);
      return false;
    }
    std::string failure;
    if (const auto e = chunks.failure()) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        failure = x.what();
      } catch (...) {
        failure = "unknown error";
      }
      log->error("meter {} job {}: storing load profile failed: {}", job.meter_id, job.id, failure);
    }
    for (auto& k : report.kinds) {
      if (k.kind != JobKind::load_profile || k.outcome == "refused") continue;
      k.values = chunks.values_stored();
      if (!failure.empty()) {
        k.outcome = "failed";
        k.error_type = "storage";
        k.error = "storing load profile failed: ";
        k.error += failure;
      }
    }
    return true;
  }

  awaitable<void> record(const Job& job, const JobReport& report) {
    auto run = job_run_of(job, report);
    std::optional<MeterHealth> health_row = update_health(job.meter_id, run);
    if (metrics) {
      metrics->job_finished(job.trigger, seconds_between(report.started_at, report.finished_at),
                            report.bytes);
      for (const auto& k : report.kinds) metrics->kind_finished(k.kind, k.outcome, k.values);
    }
    const auto level = run.outcome == "ok" ? spdlog::level::debug : spdlog::level::warn;
    log->log(level, "meter {} job {} {} ({}): {} values, {} bytes{}{}", job.meter_id, job.id,
             run.kind, run.trigger, run.values, run.bytes, run.outcome == "ok" ? "" : ": ",
             run.outcome == "ok" ? "" : run.outcome + " " + run.error_type + " " + run.error);
    for (const auto& w : report.load_profile.warnings) log->warn("{}", w);
    auto shared = std::make_shared<const JobReport>(report);
    const auto meter = job.meter_id;
    const auto fires = job.fires;
    // A named Work, not a lambda temporary inside the co_await: GCC 12 copied such a
    // temporary's captures bitwise and destroyed them twice (free(): invalid pointer).
    CommitQueue::Work work = [shared, run, fires, health_row, meter](storage::Store& s) {
      store_registers(s, meter, shared->registers);
      store_instantaneous(s, meter, shared->instantaneous);
      if (shared->status) store_status(s, meter, *shared->status);
      store_events(s, meter, shared->events, shared->event_marks);
      for (const auto& [kind, at] : fires)
        s.set_checkpoint(meter, schedule_checkpoint_key(kind), format_iso8601(at));
      const auto run_id = s.insert_job_run(run);
      store_clock(s, shared->clock, run_id);
      if (health_row) s.put_meter_health(*health_row);
    };
    try {
      co_await commits.commit(std::move(work));
      if (shared->status && status_observer) status_observer(meter, *shared->status);
    } catch (const storage::NotFound&) {
      log->info("meter {} was deleted while job {} ran; its results are dropped", meter, job.id);
    } catch (const std::exception& e) {
      log->error("meter {} job {}: storing the results failed: {}", meter, job.id, e.what());
    }
  }

  // The meter's health after this run; the row to store when it changed.
  std::optional<MeterHealth> update_health(std::int64_t meter_id, const JobRun& run) {
    const auto now = utc_now();
    std::lock_guard lock(mutex);
    auto it = health.find(meter_id);
    if (run.outcome == "failed") {
      const auto before = it == health.end() ? HealthState{} : it->second;
      auto after = after_failure(before, now, run.error_type + ": " + run.error, options.health);
      if (before.healthy && !after.healthy)
        log->warn("meter {} is unhealthy after {} failed jobs", meter_id,
                  after.consecutive_failures);
      health[meter_id] = after;
      return stored_health(meter_id, after);
    }
    if ((run.outcome == "ok" || run.outcome == "partial") && it != health.end()) {
      if (!it->second.healthy) log->info("meter {} is healthy again", meter_id);
      auto after = after_success(it->second, now);
      health.erase(it);
      return stored_health(meter_id, after);
    }
    return std::nullopt;  // healthy and still healthy: no write
  }

  void finished(const Job& job) {
    {
      std::lock_guard lock(mutex);
      board.finish(job.meter_id);
      running.erase(job.id);
      ++jobs_finished;
      changed.notify_all();
    }
    notify();  // room for the next job
  }

  // ---- observability ----------------------------------------------------------------

  EngineGauges gauges_locked(UtcTime now) const {
    EngineGauges g;
    g.waiting = board.waiting_count();
    g.running = board.running_count();
    g.scheduled_meters = plan.scheduled_meters;
    for (const auto& [meter, h] : health) g.unhealthy_meters += h.healthy ? 0 : 1;
    g.overdue_meters =
        board.due_before(now - std::chrono::duration_cast<Micros>(options.overdue_after));
    return g;
  }

  void publish_gauges() {
    if (!metrics) return;
    EngineGauges g;
    {
      std::lock_guard lock(mutex);
      g = gauges_locked(utc_now());
    }
    g.sessions = budget.in_use_by_protocol();
    metrics->set(g);
  }
};

CollectionEngine::CollectionEngine(storage::Repository& repo,
                                   const drivers::DriverRegistry& drivers, asio::any_io_executor io,
                                   EngineOptions options,
                                   std::shared_ptr<prometheus::Registry> metrics,
                                   std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_shared<Impl>(repo, drivers, std::move(io), std::move(options),
                                   std::move(metrics), std::move(log))) {}

CollectionEngine::~CollectionEngine() {
  stop(std::chrono::milliseconds{0});
}

void CollectionEngine::set_pqdif_retrieval(PqdifRetrievalSetup setup) {
  impl_->runner.pqdif = std::make_shared<const PqdifRetrievalSetup>(std::move(setup));
}

void CollectionEngine::set_status_observer(
    std::function<void(std::int64_t meter_id, const StatusSnapshot&)> f) {
  impl_->status_observer = std::move(f);
}

void CollectionEngine::start() {
  // Meters that were failing before the restart keep their backoff.
  for (const auto& h : impl_->repo.list_meter_health()) {
    if (h.consecutive_failures == 0) continue;
    impl_->health[h.meter_id] = {h.consecutive_failures, h.healthy,      h.last_success,
                                 h.last_failure,         h.next_attempt, h.last_error};
  }
  reload();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->loop_running || impl_->stopping) return;
    impl_->loop_running = true;
    impl_->log->info("collection engine started: {} schedules for {} meters{}",
                     impl_->plan.planner.size(), impl_->plan.scheduled_meters,
                     impl_->options.enabled ? "" : " (scheduling disabled: run-now only)");
  }
  asio::co_spawn(impl_->strand, Impl::schedule_loop(impl_), asio::detached);
}

void CollectionEngine::stop(std::chrono::milliseconds grace) {
  auto& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.stopping) return;
    impl.stopping = true;
    impl.board.clear_waiting();
  }
  impl.notify();
  std::unique_lock lock(impl.mutex);
  if (!impl.changed.wait_for(lock, grace, [&] { return impl.running.empty(); })) {
    impl.log->warn("{} collection job(s) still running after {} ms; cancelling them",
                   impl.running.size(), grace.count());
    for (auto& [id, job] : impl.running)
      asio::post(job.strand,
                 [cancel = job.cancel] { cancel->emit(asio::cancellation_type::terminal); });
    impl.changed.wait_for(lock, kCancelGrace, [&] { return impl.running.empty(); });
  }
  impl.changed.wait_for(lock, kCancelGrace, [&] { return !impl.loop_running; });
  lock.unlock();
  impl.commits.stop();
  impl.blocking.join();
}

void CollectionEngine::fleet_changed() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->reload_at = std::chrono::steady_clock::now() + impl_->options.reload_debounce;
  }
  impl_->notify();
}

void CollectionEngine::reload() {
  impl_->install(impl_->read_plan_inputs());
  impl_->notify();
}

RunNowResult CollectionEngine::run_now(const std::vector<std::int64_t>& meter_ids,
                                       const std::vector<JobKind>& kinds) {
  RunNowResult result;
  std::vector<Job> jobs;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) return result;
    const auto now = utc_now();
    for (auto meter : meter_ids) {
      Job job;
      job.id = impl_->next_job_id++;
      job.meter_id = meter;
      job.kinds = kinds;
      job.all_capable = kinds.empty();
      job.trigger = JobTrigger::manual;
      job.due = now;
      job.nominal = now;
      (impl_->board.add(std::move(job)) ? result.queued : result.merged) += 1;
    }
    jobs = impl_->start_jobs_locked();
  }
  impl_->spawn(std::move(jobs));
  return result;
}

ResourceBudget& CollectionEngine::budget() {
  return impl_->budget;
}

EngineStatus CollectionEngine::status() const {
  const auto& impl = *impl_;
  EngineStatus s;
  {
    std::lock_guard lock(impl.mutex);
    const auto g = impl.gauges_locked(utc_now());
    s.scheduling = impl.loop_running && impl.options.enabled && !impl.stopping;
    s.schedules = impl.plan.planner.size();
    s.scheduled_meters = g.scheduled_meters;
    s.waiting = g.waiting;
    s.running = g.running;
    s.overdue = g.overdue_meters;
    s.unhealthy_meters = g.unhealthy_meters;
    s.next_due = impl.plan.planner.next_due();
    s.jobs_finished = impl.jobs_finished;
    s.plan_problems = impl.plan.problems;
  }
  s.sessions = impl_->budget.in_use_by_protocol();
  s.sessions_total = impl_->budget.in_use();
  s.commits = impl_->commits.stats();
  return s;
}

}  // namespace jemhead::engine
