#include "engine/job_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "core/engine/retry.hpp"
#include "engine/attach_configuration.hpp"
#include "engine/clock_sync.hpp"
#include "engine/event_checkpoint.hpp"
#include "engine/reading_store.hpp"
#include "engine/run_to_completion.hpp"
#include "engine/schedule_document.hpp"
#include "engine/session_budget.hpp"

namespace jemhead::engine {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

std::int64_t JobReport::values() const {
  std::int64_t n = 0;
  for (const auto& k : kinds) n += k.values;
  return n;
}

std::string JobReport::outcome() const {
  std::size_t ok = 0, refused = 0;
  for (const auto& k : kinds) {
    ok += k.outcome == "ok";
    refused += k.outcome == "refused";
  }
  if (kinds.empty() || refused == kinds.size()) return "refused";
  if (ok == kinds.size()) return "ok";
  return ok == 0 ? "failed" : "partial";
}

const KindResult* JobReport::first_failure() const {
  for (const auto& k : kinds)
    if (k.outcome != "ok") return &k;
  return nullptr;
}

namespace {

// Kinds "run now" collects when it is not told which: every kind that only reads.
constexpr JobKind kReadingKinds[] = {
    JobKind::registers, JobKind::instantaneous, JobKind::status, JobKind::load_profile,
    JobKind::events,    JobKind::clock_check,   JobKind::pqdif};

struct Loaded {
  std::optional<Meter> meter;
  std::vector<ConnectionProfile> profiles;
};

awaitable<Loaded> load_here(const JobRunnerContext* context, std::int64_t meter_id) {
  Loaded loaded;
  loaded.meter = context->repo.find_meter(meter_id);
  if (loaded.meter && loaded.meter->enabled) {
    loaded.profiles = context->repo.list_connections(meter_id);
    attach_configuration(context->repo, *loaded.meter, loaded.profiles);
  }
  co_return loaded;
}

// Repository reads block; they run on the blocking pool, never on an I/O thread, and are not
// cancelled (run_to_completion.hpp). (Awaited operations are named locals: GCC 12
// mis-destroys temporaries in co_await expressions.)
awaitable<Loaded> load(const JobRunnerContext& context, std::int64_t meter_id) {
  auto read = run_to_completion(context.blocking, load_here(&context, meter_id));
  co_return co_await std::move(read);
}

// What the incremental kinds start from, read from storage once per job: load-profile
// checkpoints and layouts, each log's mark (newest stored time, entries stored at it), the
// clock-sync tolerance.
struct Known {
  LoadProfileKnown load_profile;
  EventMarks event_marks;  // log -> newest stored time and entries at it
  std::chrono::seconds clock_tolerance{kDefaultClockToleranceSeconds};
};

bool wants(const JobReport& report, JobKind kind) {
  for (const auto& k : report.kinds)
    if (k.kind == kind && k.outcome != "refused") return true;
  return false;
}

awaitable<Known> load_known_here(const JobRunnerContext* context, Meter meter, bool load_profile,
                                 bool events, bool clock_sync) {
  Known known;
  auto& repo = context->repo;
  if (load_profile) {
    for (const auto profile : kLoadProfiles) {
      const auto text = repo.checkpoint(meter.id, load_profile_checkpoint_key(profile));
      if (const auto at = text ? parse_iso8601(*text) : std::nullopt)
        known.load_profile.checkpoints[profile] = *at;
    }
    for (auto& layout : repo.load_profile_layouts(meter.id))
      known.load_profile.layouts[layout.profile] = std::move(layout);
  }
  if (events) {
    const std::string prefix(kEventsCheckpointPrefix);
    const std::string suffix(kEventsCheckpointSuffix);
    for (const auto& c : repo.meter_checkpoints(meter.id, prefix)) {
      if (c.key.size() <= prefix.size() + suffix.size() || !c.key.ends_with(suffix)) continue;
      const auto log = c.key.substr(prefix.size(), c.key.size() - prefix.size() - suffix.size());
      if (const auto mark = parse_event_mark(c.value)) known.event_marks[log] = *mark;
    }
  }
  if (clock_sync) {
    std::string group_schedules = "{}";
    if (meter.group_id)
      if (auto group = repo.find_group(*meter.group_id)) group_schedules = group->schedules_json;
    known.clock_tolerance = clock_sync_tolerance(meter.schedules_json, group_schedules);
  }
  co_return known;
}

awaitable<Known> load_known(const JobRunnerContext& context, const Meter& meter,
                            const JobReport& report) {
  const bool lp = wants(report, JobKind::load_profile);
  const bool events = wants(report, JobKind::events);
  const bool sync = wants(report, JobKind::clock_sync);
  if (!lp && !events && !sync) co_return Known{};
  auto read =
      run_to_completion(context.blocking, load_known_here(&context, meter, lp, events, sync));
  co_return co_await std::move(read);
}

awaitable<void> pause(Micros duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(use_awaitable);
}

// One session's view of the job, for the kinds that need more than the session.
struct KindContext {
  drivers::Session& session;
  const JobRunnerContext& runner;
  const ConnectionProfile& profile;
  std::int64_t meter_id;
  bool can_read_clock;  // the profile's driver can read the meter's clock
  const Known& known;
  LoadProfileSink& load_profile_sink;
};

awaitable<std::int64_t> read_load_profile(KindContext& kc, JobReport& report) {
  std::optional<ClockReading> clock;
  if (kc.can_read_clock) {
    auto reading = kc.session.read_clock();
    clock = co_await std::move(reading);
  }
  auto collecting =
      collect_load_profile(kc.session, kc.meter_id, kc.runner.load_profile, kc.known.load_profile,
                           clock, kc.load_profile_sink, report.load_profile);
  co_await std::move(collecting);
  co_return report.load_profile.values;
}

// Entries not yet stored of each log, per its mark (or what this job already read). The
// driver reads every log from just before the oldest mark, so no log misses entries and
// the entries sharing a mark's time come back to be counted; what is stored is dropped here.
awaitable<std::int64_t> read_events(KindContext& kc, JobReport& report) {
  auto marks = kc.known.event_marks;
  for (const auto& [log, mark] : report.event_marks)
    if (auto it = marks.find(log); it == marks.end() || event_mark_ahead(mark, it->second))
      marks[log] = mark;
  auto reading = kc.session.read_events(events_read_after(marks));
  auto events = co_await std::move(reading);
  const auto before = marks;
  auto fresh = take_new_events(std::move(events), marks);
  for (const auto& [log, mark] : marks)
    if (auto it = before.find(log); it == before.end() || it->second != mark)
      report.event_marks[log] = mark;
  for (auto& e : fresh) {
    e.meter_id = kc.meter_id;
    report.events.push_back(std::move(e));
  }
  co_return static_cast<std::int64_t>(fresh.size());
}

// New PQDIF files, each stored (and optionally deleted on the meter) as it arrives.
awaitable<std::int64_t> read_pqdif(KindContext& kc, JobReport& report) {
  static const PqdifRetrievalSetup kNone{};
  const auto& setup = kc.runner.pqdif ? *kc.runner.pqdif : kNone;
  const PqdifRetrievalContext context{
      kc.runner.repo,
      setup,
      kc.runner.blocking,
      kc.meter_id,
      kc.profile.protocol == Protocol::sftp ? PqdifSource::sftp : PqdifSource::http,
      deletes_after_retrieval(kc.profile)};
  auto retrieving = retrieve_pqdif(kc.session, context, report.pqdif);
  co_await std::move(retrieving);
  co_return report.pqdif.retrieved;
}

awaitable<std::int64_t> read_kind(KindContext& kc, JobKind kind, JobReport& report) {
  auto& session = kc.session;
  switch (kind) {
    case JobKind::registers: {
      auto values = co_await session.read_registers();
      const auto n = static_cast<std::int64_t>(values.size());
      report.registers.insert(report.registers.end(), values.begin(), values.end());
      co_return n;
    }
    case JobKind::instantaneous: {
      auto values = co_await session.read_instantaneous();
      const auto n = static_cast<std::int64_t>(values.size());
      report.instantaneous.insert(report.instantaneous.end(), values.begin(), values.end());
      co_return n;
    }
    case JobKind::status: {
      report.status = co_await session.read_status();
      co_return static_cast<std::int64_t>(report.status->points.size());
    }
    case JobKind::load_profile: {
      auto reading = read_load_profile(kc, report);
      co_return co_await std::move(reading);
    }
    case JobKind::events: {
      auto reading = read_events(kc, report);
      co_return co_await std::move(reading);
    }
    case JobKind::clock_check: {
      ClockSyncResult check;
      check.before = co_await session.read_clock();
      for (auto& r : clock_records(check, kc.meter_id)) report.clock.push_back(std::move(r));
      co_return 1;
    }
    case JobKind::clock_sync: {
      auto syncing = sync_clock(session, kc.known.clock_tolerance, false);
      const auto result = co_await std::move(syncing);
      const auto records = clock_records(result, kc.meter_id);
      report.clock.insert(report.clock.end(), records.begin(), records.end());
      co_return static_cast<std::int64_t>(records.size());
    }
    case JobKind::pqdif: {
      auto reading = read_pqdif(kc, report);
      co_return co_await std::move(reading);
    }
    default:
      // Routing only sends a kind to a driver that declares it.
      throw drivers::Unsupported("collecting " + std::string(to_text(kind)) +
                                 " is not implemented by this jemhead version");
  }
}

void record_failure(KindResult& k, std::string type, std::string text) {
  k.outcome = "failed";
  k.values = 0;
  k.error_type = std::move(type);
  k.error = std::move(text);
}

// A lost or refused connection may work on the next attempt; a meter that answered with an
// error, or a profile that is misconfigured, will answer the same way again.
bool worth_reconnecting(const drivers::DriverError& e) {
  return dynamic_cast<const drivers::ConnectionFailed*>(&e) != nullptr;
}

awaitable<void> collect_profile(const JobRunnerContext& context, const Meter& meter,
                                const ConnectionProfile& profile, std::vector<KindResult*> pending,
                                const Known& known, LoadProfileSink* sink, JobReport& report) {
  const auto* driver = context.drivers.find(profile.protocol);
  const bool can_read_clock = driver->capabilities_for(profile).has(Capability::read_clock);
  auto lease = co_await acquire_session(context.budget, claim_for(profile));
  const auto plan = retry_plan(profile);
  const auto executor = co_await asio::this_coro::executor;
  for (int attempt = 1; attempt <= plan.attempts && !pending.empty(); ++attempt) {
    if (attempt > 1 && plan.delay.count() > 0) co_await pause(plan.delay);
    ++report.attempts;
    std::unique_ptr<drivers::Session> session;
    bool reconnect = false;
    try {
      session = co_await driver->open(meter, profile, executor);
    } catch (const drivers::DriverError& e) {
      for (auto* k : pending) record_failure(*k, std::string(e.kind()), e.what());
      reconnect = worth_reconnecting(e);
    }
    if (!session) {
      if (!reconnect) break;
      continue;
    }
    for (auto* k : pending) k->map_source = session->point_map_source();
    std::vector<KindResult*> lost;
    KindContext kc{*session, context, profile, meter.id, can_read_clock, known, *sink};
    for (auto* k : pending) {
      if (!lost.empty()) {  // the connection broke: the rest wait for the next attempt
        lost.push_back(k);
        continue;
      }
      try {
        k->values = co_await read_kind(kc, k->kind, report);
        k->outcome = "ok";
        k->error_type.clear();
        k->error.clear();
      } catch (const drivers::DriverError& e) {
        record_failure(*k, std::string(e.kind()), e.what());
        // Completed load-profile chunks went to the sink, PQDIF files are stored: count them.
        if (k->kind == JobKind::load_profile) k->values = report.load_profile.values;
        if (k->kind == JobKind::pqdif) k->values = report.pqdif.retrieved;
        if (worth_reconnecting(e)) lost.push_back(k);
      } catch (const boost::system::system_error&) {
        throw;  // cancellation (deadline, shutdown)
      } catch (const std::exception& e) {
        record_failure(*k, "internal", e.what());
        if (k->kind == JobKind::load_profile) k->values = report.load_profile.values;
        if (k->kind == JobKind::pqdif) k->values = report.pqdif.retrieved;
      }
    }
    report.bytes += session->bytes_transferred();
    try {
      co_await session->close();
    } catch (const drivers::DriverError&) {
      // The data is read; a failed goodbye changes nothing about it.
    }
    pending = std::move(lost);
  }
}

awaitable<void> collect_all(const JobRunnerContext& context, const Meter& meter,
                            const std::vector<ConnectionProfile>& profiles, const Known& known,
                            LoadProfileSink* sink, JobReport& report) {
  for (const auto& profile : profiles) {
    std::vector<KindResult*> mine;
    for (auto& k : report.kinds)
      if (k.profile == profile.name && k.outcome != "refused") mine.push_back(&k);
    if (mine.empty()) continue;
    report.profiles.push_back(profile.name);
    co_await collect_profile(context, meter, profile, std::move(mine), known, sink, report);
  }
}

// Each kind's profile, or "refused" with the reason when no profile can do it.
void route_kinds(const JobRunnerContext& context, const Job& job,
                 const std::vector<ConnectionProfile>& profiles, JobReport& report) {
  std::vector<JobKind> kinds = job.kinds;
  if (job.all_capable)
    for (auto kind : kReadingKinds) {
      std::string why;
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end() &&
          context.drivers.route(profiles, capability_for(kind), why))
        kinds.push_back(kind);
    }
  for (auto kind : kinds) {
    KindResult k;
    k.kind = kind;
    std::string why;
    if (auto profile = context.drivers.route(profiles, capability_for(kind), why)) {
      k.profile = profile->name;
    } else {
      k.outcome = "refused";
      k.error_type = "no_route";
      k.error = why;
    }
    report.kinds.push_back(std::move(k));
  }
}

}  // namespace

awaitable<JobReport> run_job(const JobRunnerContext& context, Job job,
                             LoadProfileSink* load_profile_sink) {
  using namespace asio::experimental::awaitable_operators;
  JobReport report;
  report.started_at = utc_now();
  auto loaded = co_await load(context, job.meter_id);
  if (!loaded.meter || !loaded.meter->enabled) {
    report.meter_found = false;
    report.finished_at = utc_now();
    co_return report;
  }
  route_kinds(context, job, loaded.profiles, report);
  const auto known = co_await load_known(context, *loaded.meter, report);

  asio::steady_timer deadline(co_await asio::this_coro::executor, context.deadline);
  auto collecting =
      collect_all(context, *loaded.meter, loaded.profiles, known, load_profile_sink, report);
  auto expiry = deadline.async_wait(use_awaitable);
  auto race = std::move(collecting) || std::move(expiry);
  const auto finished = co_await std::move(race);
  if (finished.index() == 1) {
    for (auto& k : report.kinds)
      if (k.outcome == "failed" && k.error_type.empty())
        record_failure(k, "deadline",
                       "the job did not finish within its deadline of " +
                           std::to_string(context.deadline.count()) + " s");
    for (auto& k : report.kinds)  // completed chunks are committed all the same
      if (k.kind == JobKind::load_profile && k.outcome != "refused")
        k.values = report.load_profile.values;
      else if (k.kind == JobKind::pqdif && k.outcome != "refused")
        k.values = report.pqdif.retrieved;
  }
  report.finished_at = utc_now();
  co_return report;
}

}  // namespace jemhead::engine
