// DLMS load-profile benchmark (issue 5): a year of 15-minute load profile with 16 channels
// (35,040 intervals, 560,640 values per meter) read over DLMS/TCP and stored, from one
// simulated meter and from 100 at once, next to the same bytes pushed through loopback.
//
//   bench_dlms [--meters N] [--days D] [--chunk-hours H]
//
// Default: one run with 1 meter, then one with 100; D defaults to 365 (a quick smoke run:
// --meters 1 --days 2); H sets the engine's load_profile_chunk_hours (default: the
// engine's own). Each run starts its own processes:
//   - jemsim (bench/dlms/lp_fleet): N meters serving DLMS over the IEC 62056-47 wrapper on
//     loopback (512-byte PDUs, the manual's), simulated time frozen and advanced D days at
//     once, every meter's profile recorded before anything is timed;
//   - jemhead serve with SQLite in a temp dir, the N meters in its configuration's fleet
//     section with one DLMS TCP profile each (reader client, LLS), max_sessions >= N and
//     the first load-profile read reaching back past the simulator's start.
// Ours: POST /api/v1/collect {"kinds":["load_profile"]} until GET /api/v1/engine shows N
// more jobs finished and none waiting or running. Every meter must have one ok run whose
// values equal the simulator's recorded intervals × channels, else exit 1.
// Baseline (bench/dlms/loopback_replay): per meter one loopback TCP connection making the
// same number of request/response round trips as the simulator counted for our read
// (GETs, SETs, AARQs, RLRQs), requests of 15 bytes (a GET-Request-Next on the wrapper) and
// responses the rest of the job runs' link bytes spread evenly, blocking sockets, no
// decoding, no storage; all meters at once.
// Figures (PREFIX = dlms.lp_year_ for 365 days, else dlms.lp_<D>_days_; then 1_meter or
// <N>_meters), one JSON line each:
//   PREFIX            values/s; baseline values / replay wall time; ratio value/baseline
//   PREFIX_wall_s     s, lower is better; so the ratio is inverted: baseline/value
//   PREFIX_read_s     s from the POST to the latest finished_at of the job runs, which the
//                     engine stamps when the read ends, before the results are committed;
//                     so PREFIX_wall_s - PREFIX_read_s is about the storing left after the
//                     last read. Baseline and ratio as for _wall_s
//   PREFIX_bytes_per_s     link bytes/s (both directions); baseline the replay's
//   PREFIX_jemhead_cpu_s   jemhead's utime + stime over the collection (no baseline)
//   PREFIX_jemsim_cpu_s    the simulator's, serving the same (no baseline)
//   PREFIX_jemhead_peak_rss_mb  jemhead's VmHWM during the collection (no baseline)
// JEMHEAD_KEEP_TEST_DIRS keeps each run's directory (configurations, logs, database).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/dlms/loopback_replay.hpp"
#include "bench/dlms/lp_fleet.hpp"
#include "bench/engine_client.hpp"
#include "bench/flags.hpp"
#include "bench/proc_stats.hpp"
#include "bench/report.hpp"

namespace {

using namespace jemhead;
using Clock = std::chrono::steady_clock;

// A GET-Request-Next on the IEC 62056-47 wrapper: 8 bytes of header, C0 02, the invoke id
// and a 4-byte block number. Nearly every request of a long read is one.
constexpr std::size_t kRequestBytes = 15;
// Bounds jemhead's job and the wait for it: a year for 100 meters takes minutes.
constexpr int kJobDeadlineSeconds = 3600;

struct Args {
  std::vector<std::size_t> meter_counts{1, 100};
  int days = 365;
  int chunk_hours = 0;  // 0: the engine's default
};

Args parse_args(int argc, char** argv) {
  Args args;
  std::size_t meters = 0;  // 0: the default list
  bench::BenchFlags()
      .number("--meters", meters, 1, 1000)
      .number("--days", args.days, 1, 500)
      .number("--chunk-hours", args.chunk_hours, 1, 24 * 31)
      .parse(argc, argv);
  if (meters > 0) args.meter_counts = {meters};
  return args;
}

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string head_end_config(const testing::TempDir& dir, const std::vector<bench::LpMeter>& meters,
                            const Args& args) {
  std::string extra = "engine: {max_sessions: ";
  extra += std::to_string(std::max<std::size_t>(256, meters.size()));
  extra += ", job_deadline_seconds: " + std::to_string(kJobDeadlineSeconds);
  // The first read reaches back this far from the meter's clock: past the simulator's start.
  extra += ", load_profile_first_days: " + std::to_string(args.days + 2);
  if (args.chunk_hours > 0)
    extra += ", load_profile_chunk_hours: " + std::to_string(args.chunk_hours);
  extra += "}\nfleet:\n  groups:\n    - {name: bench}\n  meters:\n";
  for (const auto& m : meters) {
    extra += "    - {serial: \"" + m.serial;
    extra +=
        "\", group: bench, connections: [{name: dlms-tcp, protocol: dlms, transport: tcp, "
        "host: 127.0.0.1, port: ";
    extra += std::to_string(m.dlms_port);
    extra +=
        ", timeout_ms: 10000, retries: 0, default: true, options: {client: reader, "
        "password: \"";
    extra += bench::kReaderPassword;
    extra += "\"}}]}\n";
  }
  return testing::daemon_config(dir, extra);
}

struct Collection {
  double seconds = 0;
  double read_seconds = 0;  // until the last job run's finished_at: read, not yet committed
  double cpu_seconds = 0;
  long peak_rss_kb = 0;
  std::uint64_t values = 0;
  std::uint64_t bytes = 0;
  std::string problem;  // empty when every meter has one ok run
};

// Run now for the whole fleet; waits on the engine's counters, then reads the job history.
Collection collect(testing::Jemhead& head, std::size_t meters) {
  const auto& api = head.api();
  const pid_t pid = head.process().pid();
  const auto before = bench::engine_counts(api);
  bench::reset_peak_rss(pid);
  const double cpu_before = bench::cpu_seconds(pid);
  Collection c;
  const auto start = Clock::now();
  const auto posted = utc_now();  // the job runs' times are on the same system clock
  bench::collect_now(api, {"load_profile"});
  for (;;) {
    const auto now = bench::engine_counts(api);
    if (now.jobs_finished >= before.jobs_finished + meters && now.waiting == 0 && now.running == 0)
      break;
    if (since(start) > kJobDeadlineSeconds + 60)
      throw std::runtime_error("the collection did not finish within the job deadline");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  c.seconds = since(start);
  c.cpu_seconds = bench::cpu_seconds(pid) - cpu_before;
  c.peak_rss_kb = bench::peak_rss_kb(pid);

  std::map<std::int64_t, std::size_t> ok_runs;
  std::map<std::string, std::size_t> outcomes;
  std::string first_error;
  for (const auto& run : bench::job_runs(api)) {
    if (run.kind.find("load_profile") == std::string::npos) continue;
    if (run.finished_at)
      c.read_seconds = std::max(c.read_seconds,
                                std::chrono::duration<double>(*run.finished_at - posted).count());
    ++outcomes[run.outcome];
    c.values += static_cast<std::uint64_t>(run.values);
    c.bytes += static_cast<std::uint64_t>(run.bytes);
    if (run.outcome == "ok")
      ++ok_runs[run.meter_id];
    else if (first_error.empty()) {
      first_error = "meter ";
      first_error += std::to_string(run.meter_id) + ": " + run.outcome + ": " + run.error;
    }
  }
  std::size_t single_ok = 0;
  for (const auto& [meter, n] : ok_runs) single_ok += n == 1;
  if (single_ok != meters) {
    c.problem = std::to_string(single_ok) + " of " + std::to_string(meters) +
                " meters have one ok load-profile run; outcomes:";
    for (const auto& [outcome, n] : outcomes) {
      c.problem += ' ';
      c.problem += outcome + "=" + std::to_string(n);
    }
    if (!first_error.empty()) c.problem += "; first: " + first_error;
  }
  return c;
}

std::string figure_name(const Args& args, std::size_t meters) {
  std::string name = "dlms.lp_";
  if (args.days == 365) {
    name += "year_";
  } else {
    name += std::to_string(args.days);
    name += "_days_";
  }
  name += std::to_string(meters);
  name += meters == 1 ? "_meter" : "_meters";
  return name;
}

// One run with `meters` meters; false when the collection was incomplete.
bool run(const Args& args, std::size_t meters) {
  testing::TempDir dir;
  const auto recording = Clock::now();
  bench::LpFleet fleet(dir, meters, args.days);
  std::uint64_t expected = 0;
  std::uint64_t intervals = 0;
  for (const auto& m : fleet.meters()) {
    expected += m.intervals * m.channels;
    intervals += m.intervals;
  }
  std::fprintf(stderr, "bench_dlms: %zu meters: %llu intervals, %llu values recorded in %.1f s\n",
               meters, static_cast<unsigned long long>(intervals),
               static_cast<unsigned long long>(expected), since(recording));
  // 96 intervals a day from midnight; the last one may still be open at the frozen instant.
  const std::uint64_t per_meter = static_cast<std::uint64_t>(args.days) * 96;
  for (const auto& m : fleet.meters())
    if (m.intervals + 1 < per_meter || m.intervals > per_meter || m.channels != 16) {
      std::fprintf(stderr, "bench_dlms: meter %s recorded %llu intervals of %llu channels\n",
                   m.serial.c_str(), static_cast<unsigned long long>(m.intervals),
                   static_cast<unsigned long long>(m.channels));
      return false;
    }

  testing::Jemhead head(dir, head_end_config(dir, fleet.meters(), args));
  bench::DlmsServerCounts served_before;
  for (const auto& m : fleet.meters()) {
    const auto c = fleet.counts(m.serial);
    served_before.get_requests += c.get_requests;
    served_before.set_requests += c.set_requests;
    served_before.associations += c.associations;
    served_before.releases += c.releases;
  }
  const double sim_cpu_before = bench::cpu_seconds(fleet.pid());
  const auto ours = collect(head, meters);
  const double sim_cpu = bench::cpu_seconds(fleet.pid()) - sim_cpu_before;
  std::uint64_t round_trips = 0;
  std::uint64_t datablocks = 0;
  for (const auto& m : fleet.meters()) {
    const auto c = fleet.counts(m.serial);
    round_trips += c.round_trips();
    datablocks += c.datablocks_sent;
  }
  round_trips -= served_before.round_trips();
  std::fprintf(stderr,
               "bench_dlms: %zu meters: collected %llu values, %llu link bytes, %llu round trips "
               "(%llu datablocks) in %.2f s\n",
               meters, static_cast<unsigned long long>(ours.values),
               static_cast<unsigned long long>(ours.bytes),
               static_cast<unsigned long long>(round_trips),
               static_cast<unsigned long long>(datablocks), ours.seconds);
  if (!ours.problem.empty()) {
    std::fprintf(stderr, "bench_dlms: %s\n", ours.problem.c_str());
    return false;
  }
  if (ours.values != expected) {
    std::fprintf(stderr, "bench_dlms: stored %llu values, the simulator recorded %llu\n",
                 static_cast<unsigned long long>(ours.values),
                 static_cast<unsigned long long>(expected));
    return false;
  }
  if (round_trips < meters || ours.bytes <= round_trips * kRequestBytes) {
    std::fprintf(stderr, "bench_dlms: no exchange shape to replay (round trips %llu, bytes %llu)\n",
                 static_cast<unsigned long long>(round_trips),
                 static_cast<unsigned long long>(ours.bytes));
    return false;
  }

  // The same shape through loopback: round trips spread over the meters' connections.
  const std::size_t response_bytes = static_cast<std::size_t>(
      (ours.bytes - round_trips * kRequestBytes + round_trips / 2) / round_trips);
  std::vector<bench::ExchangeShape> shapes(meters,
                                           {round_trips / meters, kRequestBytes, response_bytes});
  for (std::size_t i = 0; i < round_trips % meters; ++i) ++shapes[i].round_trips;
  const auto baseline = bench::replay_over_loopback(shapes);

  const auto name = figure_name(args, meters);
  const double values = static_cast<double>(ours.values);
  bench::report(name, values / ours.seconds, "values/s", values / baseline.seconds);
  bench::report(name + "_wall_s", ours.seconds, "s (lower is better; ratio baseline/value)",
                baseline.seconds, baseline.seconds / ours.seconds);
  if (ours.read_seconds > 0)
    bench::report(name + "_read_s", ours.read_seconds,
                  "s until the last run's read ended, before its commit (ratio baseline/value)",
                  baseline.seconds, baseline.seconds / ours.read_seconds);
  bench::report(name + "_bytes_per_s", static_cast<double>(ours.bytes) / ours.seconds, "bytes/s",
                static_cast<double>(baseline.bytes) / baseline.seconds);
  bench::report(name + "_jemhead_cpu_s", ours.cpu_seconds, "CPU s");
  bench::report(name + "_jemsim_cpu_s", sim_cpu, "CPU s");
  bench::report(name + "_jemhead_peak_rss_mb", static_cast<double>(ours.peak_rss_kb) / 1024, "MiB");
  if (head.stop() != 0) {
    std::fprintf(stderr, "bench_dlms: jemhead did not exit cleanly:\n%s\n",
                 head.process().log().c_str());
    return false;
  }
  // After a clean stop the WAL is folded back in: the file is the whole database.
  std::error_code missing;
  const auto db_bytes = std::filesystem::file_size(dir.file("var/jemhead.db"), missing);
  if (!missing)
    bench::report(name + "_db_bytes_per_value", static_cast<double>(db_bytes) / values,
                  "bytes of database per stored value (lower is better)");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    bool ok = true;
    for (const auto meters : args.meter_counts) ok = run(args, meters) && ok;
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_dlms: %s\n", e.what());
    return 1;
  }
}
