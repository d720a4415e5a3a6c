#include "engine/job_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "core/engine/retry.hpp"
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
  if (loaded.meter && loaded.meter->enabled)
    loaded.profiles = context->repo.list_connections(meter_id);
  co_return loaded;
}

// Repository reads block; they run on the blocking pool, never on an I/O thread. (Awaited
// operations are named locals: GCC 12 mis-destroys temporaries in co_await expressions.)
awaitable<Loaded> load(const JobRunnerContext& context, std::int64_t meter_id) {
  auto read = asio::co_spawn(context.blocking, load_here(&context, meter_id), use_awaitable);
  co_return co_await std::move(read);
}

awaitable<void> pause(Micros duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(use_awaitable);
}

awaitable<std::int64_t> read_kind(drivers::Session& session, JobKind kind, JobReport& report) {
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
    default:
      // Routing only sends a kind to a driver that declares it; the session operations for
      // load profile, events, clock and PQDIF arrive with their drivers.
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
                                JobReport& report) {
  const auto* driver = context.drivers.find(profile.protocol);
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
    std::vector<KindResult*> lost;
    for (auto* k : pending) {
      if (!lost.empty()) {  // the connection broke: the rest wait for the next attempt
        lost.push_back(k);
        continue;
      }
      try {
        k->values = co_await read_kind(*session, k->kind, report);
        k->outcome = "ok";
        k->error_type.clear();
        k->error.clear();
      } catch (const drivers::DriverError& e) {
        record_failure(*k, std::string(e.kind()), e.what());
        if (worth_reconnecting(e)) lost.push_back(k);
      } catch (const boost::system::system_error&) {
        throw;  // cancellation (deadline, shutdown)
      } catch (const std::exception& e) {
        record_failure(*k, "internal", e.what());
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
                            const std::vector<ConnectionProfile>& profiles, JobReport& report) {
  for (const auto& profile : profiles) {
    std::vector<KindResult*> mine;
    for (auto& k : report.kinds)
      if (k.profile == profile.name && k.outcome != "refused") mine.push_back(&k);
    if (mine.empty()) continue;
    report.profiles.push_back(profile.name);
    co_await collect_profile(context, meter, profile, std::move(mine), report);
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

awaitable<JobReport> run_job(const JobRunnerContext& context, Job job) {
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

  asio::steady_timer deadline(co_await asio::this_coro::executor, context.deadline);
  auto collecting = collect_all(context, *loaded.meter, loaded.profiles, report);
  auto expiry = deadline.async_wait(use_awaitable);
  auto race = std::move(collecting) || std::move(expiry);
  const auto finished = co_await std::move(race);
  if (finished.index() == 1) {
    for (auto& k : report.kinds)
      if (k.outcome == "failed" && k.error_type.empty())
        record_failure(k, "deadline",
                       "the job did not finish within its deadline of " +
                           std::to_string(context.deadline.count()) + " s");
  }
  report.finished_at = utc_now();
  co_return report;
}

}  // namespace jemhead::engine
