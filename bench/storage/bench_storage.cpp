// Storage benchmark: load-profile values upserted per second through the Repository,
// against the same rows written by a minimal loop over the sqlite3 C API (same schema,
// same pragmas, same upsert statement and interval encoding, same batch size) in the same
// run; and the database file's growth per value.
//
//   bench_storage [--values N] [--batch N] [--rounds N]
//
// Rows are 100 meters x 2 profiles x 16 channels x as many intervals as N needs, in key
// order (meter, profile, interval, channel), written in batches of 10,000 values, one
// transaction per batch, into a fresh temporary file database per run. Each side runs
// `rounds` (default 3) times, alternating which goes first; the best run of each side is
// reported, since on a shared machine noise only ever makes a run slower.
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/flags.hpp"
#include "bench/report.hpp"
#include "bench/temp_dir.hpp"
#include "storage/repository.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/load_profile_functions.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

using namespace jemhead;
using Clock = std::chrono::steady_clock;

constexpr int kMeters = 100;
constexpr int kProfiles = 2;
constexpr int kChannels = 16;

struct Args {
  std::size_t values = 2'000'000;
  std::size_t batch = 10'000;
  int rounds = 3;
};

Args parse_args(int argc, char** argv) {
  Args args;
  bench::BenchFlags()
      .number("--values", args.values, 1, 1e9)
      .number("--batch", args.batch, 1, 1e9)
      .number("--rounds", args.rounds, 1, 1e6)
      .parse(argc, argv);
  return args;
}

// Meter ids are 1..kMeters because each run starts from an empty database.
std::vector<LoadProfileValue> make_values(std::size_t count) {
  std::size_t per_interval = std::size_t{kMeters} * kProfiles * kChannels;
  std::size_t intervals = (count + per_interval - 1) / per_interval;
  std::vector<LoadProfileValue> values;
  values.reserve(count);
  const std::int64_t start_us = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z
  for (int meter = 1; meter <= kMeters && values.size() < count; ++meter)
    for (int profile = 1; profile <= kProfiles && values.size() < count; ++profile)
      for (std::size_t interval = 1; interval <= intervals && values.size() < count; ++interval)
        for (int channel = 1; channel <= kChannels && values.size() < count; ++channel) {
          LoadProfileValue v;
          v.meter_id = meter;
          v.profile = static_cast<std::uint8_t>(profile);
          v.channel = static_cast<std::uint16_t>(channel);
          v.interval_end = from_unix_micros(start_us + static_cast<std::int64_t>(interval) * 15 *
                                                           60 * 1'000'000);
          v.value = static_cast<double>(interval) * 0.25 + channel;
          v.status = interval % 97 == 0 ? interval_flag::power_outage : 0;
          values.push_back(v);
        }
  return values;
}

// A migrated database with the meters the values refer to; returns the repository.
std::unique_ptr<storage::Repository> prepared_database(const std::string& path) {
  storage::SqliteOptions options;
  options.path = path;
  auto repo = storage::open_sqlite(options);
  for (int i = 1; i <= kMeters; ++i) {
    Meter m;
    m.serial = "BENCH-" + std::to_string(i);
    repo->insert_meter(m);
  }
  return repo;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct RepositoryRun {
  double values_per_s = 0;
  double bytes_per_value = 0;  // database file after close (the WAL folded back in)
};

RepositoryRun run_repository(const std::vector<LoadProfileValue>& values, std::size_t batch) {
  bench::TempDir dir{"jemhead-bench"};
  const std::string path = dir.file("repo.db");
  auto repo = prepared_database(path);
  const auto empty_bytes = std::filesystem::file_size(path);
  std::span<const LoadProfileValue> all(values);
  auto start = Clock::now();
  for (std::size_t offset = 0; offset < all.size(); offset += batch)
    repo->upsert_load_profile(all.subspan(offset, std::min(batch, all.size() - offset)));
  double elapsed = seconds_since(start);
  if (repo->load_profile(kMeters, 1, {}).empty() && values.size() >= 2 * kMeters * kChannels)
    throw std::runtime_error("repository run stored nothing for the last meter");
  repo->close();
  const auto bytes = std::filesystem::file_size(path) - empty_bytes;
  return {static_cast<double>(values.size()) / elapsed,
          static_cast<double>(bytes) / static_cast<double>(values.size())};
}

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

double run_raw(const std::vector<LoadProfileValue>& values, std::size_t batch) {
  bench::TempDir dir{"jemhead-bench"};
  std::string path = dir.file("raw.db");
  prepared_database(path)->close();  // same schema and meters, then the raw loop alone

  sqlite3* db = nullptr;
  check(db,
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr),
        "open");
  storage::sqlite::ConnectionSettings settings;  // the repository's writer settings
  settings.path = path;
  for (const auto& pragma : storage::sqlite::connection_pragmas(settings))
    check(db, sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr), pragma.c_str());
  storage::sqlite::register_load_profile_functions(db);  // the upsert's conflict clause
  // The repository's statements: multi-row chunks of interval rows, then one-row upserts
  // for the rest; values grouped into intervals the minimal way (the input is in key
  // order, so an interval is a run of neighbours).
  constexpr std::size_t kChunk = storage::sqlite::kLoadProfileRowsPerStatement;
  auto prepare = [&](std::size_t rows) {
    std::string sql = storage::sqlite::upsert_load_profile_sql(rows);
    sqlite3_stmt* statement = nullptr;
    check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), "prepare");
    return statement;
  };
  sqlite3_stmt* chunk_upsert = prepare(kChunk);
  sqlite3_stmt* single_upsert = prepare(1);
  auto bind = [](sqlite3_stmt* s, int first, const storage::sqlite::LoadProfileInterval& i) {
    const auto blob = storage::sqlite::encode_interval(i.values);
    sqlite3_bind_int64(s, first + 1, i.meter_id);
    sqlite3_bind_int64(s, first + 2, i.profile);
    sqlite3_bind_int64(s, first + 3, i.interval_end_us);
    sqlite3_bind_int64(s, first + 4, i.values.status());
    sqlite3_bind_blob(s, first + 5, blob.bytes.data(), static_cast<int>(blob.size),
                      SQLITE_TRANSIENT);
  };
  auto execute = [&](sqlite3_stmt* s) {
    check(db, sqlite3_step(s), "step");
    sqlite3_reset(s);
  };

  std::vector<storage::sqlite::LoadProfileInterval> intervals;
  auto start = Clock::now();
  for (std::size_t offset = 0; offset < values.size(); offset += batch) {
    check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    std::size_t end = std::min(values.size(), offset + batch);
    intervals.clear();
    for (std::size_t i = offset; i < end; ++i) {
      const auto& v = values[i];
      const auto end_us = to_unix_micros(v.interval_end);
      if (intervals.empty() || intervals.back().interval_end_us != end_us ||
          intervals.back().meter_id != v.meter_id || intervals.back().profile != v.profile)
        intervals.push_back({v.meter_id, v.profile, end_us, {}});
      intervals.back().values.set(v.channel, v.value, v.status);
    }
    std::size_t i = 0;
    for (; i + kChunk <= intervals.size(); i += kChunk) {
      for (std::size_t k = 0; k < kChunk; ++k)
        bind(chunk_upsert, static_cast<int>(k * 5), intervals[i + k]);
      execute(chunk_upsert);
    }
    for (; i < intervals.size(); ++i) {
      bind(single_upsert, 0, intervals[i]);
      execute(single_upsert);
    }
    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  }
  double elapsed = seconds_since(start);
  sqlite3_finalize(chunk_upsert);
  sqlite3_finalize(single_upsert);
  sqlite3_close(db);
  return static_cast<double>(values.size()) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Args args = parse_args(argc, argv);
    auto values = make_values(args.values);
    double best_repo = 0;
    double best_raw = 0;
    double bytes_per_value = 0;
    for (int round = 0; round < args.rounds; ++round) {
      // Alternate which side goes first, so neither always gets the warmer machine.
      double raw = 0;
      RepositoryRun run;
      if (round % 2 == 0) {
        raw = run_raw(values, args.batch);
        run = run_repository(values, args.batch);
      } else {
        run = run_repository(values, args.batch);
        raw = run_raw(values, args.batch);
      }
      const double repo = run.values_per_s;
      bytes_per_value = run.bytes_per_value;
      std::fprintf(stderr, "round %d: repository %.0f values/s, raw sqlite3 %.0f values/s\n",
                   round + 1, repo, raw);
      best_raw = std::max(best_raw, raw);
      best_repo = std::max(best_repo, repo);
    }
    bench::report("storage.lp_upsert", best_repo, "values/s", best_raw);
    bench::report("storage.lp_bytes_per_value", bytes_per_value,
                  "bytes of database file per value (lower is better)");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_storage: %s\n", e.what());
    return 1;
  }
}
