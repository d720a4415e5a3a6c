// Fleet benchmark (issue 4): one jemsim process with N Modbus TCP meters on loopback and
// real jemhead daemons collecting from them through the collection engine.
//
//   bench_fleet [--meters N] [--concurrency C] [--no-schedule]
//
// N defaults to 1000; C (default 256) is both the engine's max_sessions and the
// concurrency of the raw driver read used as the baseline. Figures, one JSON line each:
//   fleet.raw_read_seconds       the baseline below, printed first
//   fleet.idle_jemhead_rss_kb    VmHWM of a jemhead with no meters, from its ready state
//   fleet.cycle_seconds          POST /api/v1/collect {"kinds":["registers","status"]} until
//                                GET /api/v1/engine shows N more jobs finished and none
//                                waiting or running; baseline: the same N meters read raw
//                                through the Modbus driver (bench/modbus fleet_read: open,
//                                registers, status, close) in this process; ratio value/baseline
//   fleet.meters_per_second      N / cycle; baseline N / raw read
//   fleet.cpu_seconds_per_meter  jemhead's utime + stime over the cycle / N; baseline this
//                                process's CPU time for the raw read / N
//   fleet.rss_kb_per_meter       (VmHWM of jemhead with N scheduled meters during one
//                                scheduled cycle - VmHWM of jemhead with no meters) / N;
//                                VmHWM is reset once the daemon is ready, so this is the
//                                peak of operation; fleet.startup_rss_kb_per_meter is the
//                                start-up's (parsing a YAML fleet of N meters)
//                                baseline the target 4 KiB, ratio value/target
//   fleet.rss_kb_per_meter_run_now   the same for the daemon that ran the "run now" cycle
//   fleet.start_delay_p50_ms, fleet.start_delay_p99_ms
//                                the group on registers + status every minute with
//                                max_jitter_seconds 50: started_at - (nominal_at + the
//                                meter's jitter) of the first scheduled cycle's jobs;
//                                baseline the target 1000 ms (p99), ratio value/target
// Exits 1 if any meter failed a read or the job history does not show every meter
// collected; the figures are printed regardless. JEMHEAD_KEEP_TEST_DIRS keeps the daemons'
// directories and logs.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "bench/engine_client.hpp"
#include "bench/flags.hpp"
#include "bench/fleet/fleet_processes.hpp"
#include "bench/fleet/start_delays.hpp"
#include "bench/modbus/fleet_read.hpp"
#include "bench/proc_stats.hpp"
#include "bench/report.hpp"
#include "drivers/protocol/modbus/factory_map.hpp"
#include "net/open_files.hpp"

namespace {

using namespace jemhead;
using Clock = std::chrono::steady_clock;

constexpr double kRssTargetKb = 4;            // issue 4: <= 4 KB RSS per scheduled meter
constexpr double kStartDelayTargetMs = 1000;  // issue 4: p99 start delay <= 1 s
constexpr int kMaxJitterSeconds = 50;

struct Args {
  std::size_t meters = 1000;
  std::size_t concurrency = 256;
  bool schedule = true;
};

Args parse_args(int argc, char** argv) {
  Args args;
  bench::BenchFlags()
      .toggle("--no-schedule", args.schedule, false)
      .number("--meters", args.meters, 1, 100000)
      .number("--concurrency", args.concurrency, 1, 100000)
      .parse(argc, argv);
  return args;
}

double own_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct RawRead {
  double seconds = 0;
  double cpu_seconds = 0;
  bool ok = false;
};

RawRead raw_driver_read(const std::vector<bench::SimulatedMeter>& meters, std::size_t concurrency) {
  std::vector<std::uint16_t> ports;
  for (const auto& m : meters) {
    if (m.unit_id != 1) throw std::runtime_error("the raw read assumes unit id 1 everywhere");
    ports.push_back(m.tcp_port);
  }
  const auto map = modbus::factory_default_map();
  bench::FleetReadOptions options;
  options.map_file = std::string(JEMHEAD_SOURCE_DIR) + "/config/modbus/factory-default-map.json";
  options.concurrency = concurrency;
  options.expected_counters = map->counters.points.size();
  options.read_status = true;
  options.expected_status_points = map->discrete_inputs.points.size();
  const double cpu_before = own_cpu_seconds();
  const auto result = bench::read_fleet(ports, options);
  RawRead raw{result.seconds, own_cpu_seconds() - cpu_before, result.failed_meters == 0};
  if (!raw.ok)
    std::fprintf(stderr, "bench_fleet: raw read: %llu meters failed; first: %s\n",
                 static_cast<unsigned long long>(result.failed_meters),
                 result.first_failure.c_str());
  return raw;
}

// Every meter collected by a manual run that ended "ok".
bool every_meter_collected(const bench::Jemhead& head, std::size_t meters) {
  std::set<std::int64_t> ok;
  std::map<std::string, std::size_t> outcomes;
  for (const auto& run : bench::job_runs(head.api())) {
    if (run.trigger != "manual") continue;
    ++outcomes[run.outcome];
    if (run.outcome == "ok") ok.insert(run.meter_id);
  }
  if (ok.size() == meters) return true;
  std::fprintf(stderr, "bench_fleet: %zu of %zu meters have an ok manual run; outcomes:", ok.size(),
               meters);
  for (const auto& [outcome, count] : outcomes)
    std::fprintf(stderr, " %s=%zu", outcome.c_str(), count);
  std::fprintf(stderr, "\n");
  return false;
}

struct RunNowCycle {
  double seconds = 0;
  double cpu_seconds = 0;
  long startup_peak_rss_kb = 0;  // loading the configuration and applying the fleet
  long peak_rss_kb = 0;          // during the cycle
  bool ok = false;
};

RunNowCycle run_now_cycle(const std::vector<bench::SimulatedMeter>& meters,
                          std::size_t concurrency) {
  bench::Jemhead head({meters, {}, concurrency});
  RunNowCycle cycle;
  cycle.startup_peak_rss_kb = bench::peak_rss_kb(head.pid());
  bench::reset_peak_rss(head.pid());
  const auto before = bench::engine_counts(head.api());
  const double cpu_before = bench::cpu_seconds(head.pid());
  const auto start = Clock::now();
  bench::collect_now(head.api(), {"registers", "status"});
  for (;;) {
    const auto now = bench::engine_counts(head.api());
    if (now.jobs_finished >= before.jobs_finished + meters.size() && now.waiting == 0 &&
        now.running == 0)
      break;
    if (since(start) > 600) throw std::runtime_error("the run-now cycle took over 10 minutes");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  cycle.seconds = since(start);
  cycle.cpu_seconds = bench::cpu_seconds(head.pid()) - cpu_before;
  cycle.peak_rss_kb = bench::peak_rss_kb(head.pid());
  cycle.ok = every_meter_collected(head, meters.size());
  return cycle;
}

struct ScheduledRun {
  bench::ScheduledCycle cycle;
  long peak_rss_kb = 0;
};

// The group on registers + status every minute: waits for the first cycle's due times to
// pass, then until every (meter, kind) of that cycle has started (at most 3 minutes).
ScheduledRun scheduled_cycle(const std::vector<bench::SimulatedMeter>& meters,
                             std::size_t concurrency) {
  const std::string spec =
      "{every_minutes: 1, max_jitter_seconds: " + std::to_string(kMaxJitterSeconds) + "}";
  bench::Jemhead head({meters, "{registers: " + spec + ", status: " + spec + "}", concurrency});
  bench::reset_peak_rss(head.pid());  // the peak of scheduled operation, not of start-up
  const auto max_jitter =
      std::chrono::duration_cast<Micros>(std::chrono::seconds(kMaxJitterSeconds));
  // The first fire is the next minute boundary; leave the daemon alone until its jitter
  // window has passed so polling does not disturb what is measured.
  const auto first_fire = std::chrono::ceil<std::chrono::minutes>(utc_now());
  std::this_thread::sleep_until(first_fire + std::chrono::seconds(kMaxJitterSeconds + 2));
  // Wait on the engine's counters, not the job history: reading 20,000 runs through the
  // API would itself raise the daemon's peak memory during the measured window.
  const auto deadline = Clock::now() + std::chrono::minutes(3);
  const std::uint64_t expected = 2 * meters.size();
  for (;;) {
    const auto counts = bench::engine_counts(head.api());
    // Two kinds due together for a meter may merge into one job, so the count can stay
    // short of 2N: a quiet engine some seconds after the window also ends the cycle.
    const bool quiet = counts.running == 0 && counts.waiting == 0;
    if (quiet && (counts.jobs_finished >= expected ||
                  utc_now() > first_fire + max_jitter + std::chrono::seconds(10)))
      break;
    if (Clock::now() > deadline) {
      std::fprintf(stderr, "bench_fleet: only %llu of %llu scheduled jobs finished in time\n",
                   static_cast<unsigned long long>(counts.jobs_finished),
                   static_cast<unsigned long long>(expected));
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ScheduledRun run;
  run.peak_rss_kb = bench::peak_rss_kb(head.pid());
  run.cycle = bench::first_scheduled_cycle(bench::job_runs(head.api()), max_jitter);
  if (run.cycle.kinds < expected)
    std::fprintf(stderr, "bench_fleet: the first scheduled cycle started only %zu of %zu kinds\n",
                 run.cycle.kinds, static_cast<std::size_t>(expected));
  return run;
}

long idle_peak_rss_kb() {
  bench::Jemhead head({{}, {}, 256});
  bench::reset_peak_rss(head.pid());
  std::this_thread::sleep_for(std::chrono::seconds(1));
  return bench::peak_rss_kb(head.pid());
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    net::raise_open_file_limit();
    testing::TempDir dir;
    const bench::JemsimFleet sim(dir, args.meters);
    const auto& meters = sim.meters();
    const double n = static_cast<double>(meters.size());
    bench::report("fleet.meters", n, "meters");

    const auto raw = raw_driver_read(meters, args.concurrency);
    bench::report("fleet.raw_read_seconds", raw.seconds, "s");
    const long idle_rss = idle_peak_rss_kb();
    bench::report("fleet.idle_jemhead_rss_kb", static_cast<double>(idle_rss), "KiB");
    const auto cycle = run_now_cycle(meters, args.concurrency);
    bench::report("fleet.cycle_seconds", cycle.seconds, "s (baseline: raw driver read)",
                  raw.seconds);
    bench::report("fleet.meters_per_second", n / cycle.seconds, "meters/s", n / raw.seconds);
    bench::report("fleet.cpu_seconds_per_meter", cycle.cpu_seconds / n,
                  "CPU s/meter (baseline: raw driver read)", raw.cpu_seconds / n);
    bench::report("fleet.startup_rss_kb_per_meter", (cycle.startup_peak_rss_kb - idle_rss) / n,
                  "KiB/meter incl. parsing the fleet YAML (baseline: target)", kRssTargetKb);
    bench::report("fleet.rss_kb_per_meter_run_now", (cycle.peak_rss_kb - idle_rss) / n,
                  "KiB/meter (baseline: target)", kRssTargetKb);
    bool ok = raw.ok && cycle.ok;

    if (args.schedule) {
      const auto scheduled = scheduled_cycle(meters, args.concurrency);
      bench::report("fleet.rss_kb_per_meter", (scheduled.peak_rss_kb - idle_rss) / n,
                    "KiB/meter (baseline: target)", kRssTargetKb);
      const auto& delays = scheduled.cycle.start_delays_ms;
      if (delays.empty()) {
        std::fprintf(stderr, "bench_fleet: no scheduled job ran\n");
        return 1;
      }
      bench::report("fleet.start_delay_p50_ms", bench::percentile(delays, 50),
                    "ms (baseline: p99 target)", kStartDelayTargetMs);
      bench::report("fleet.start_delay_p99_ms", bench::percentile(delays, 99),
                    "ms (baseline: p99 target)", kStartDelayTargetMs);
      bench::report("fleet.start_delay_max_ms", bench::percentile(delays, 100),
                    "ms (baseline: p99 target)", kStartDelayTargetMs);
      std::fprintf(stderr, "bench_fleet: scheduled cycle: %zu jobs, %zu ok, %zu kinds\n",
                   scheduled.cycle.jobs, scheduled.cycle.ok, scheduled.cycle.kinds);
      ok = ok && scheduled.cycle.kinds >= 2 * meters.size() &&
           scheduled.cycle.ok == scheduled.cycle.jobs;
    }
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_fleet: %s\n", e.what());
    return 1;
  }
}
