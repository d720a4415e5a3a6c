#include "storage/sqlite/load_profile_functions.hpp"

#include <sqlite3.h>

#include <string>

#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/load_profile_blob.hpp"

namespace jemhead::storage::sqlite {

namespace {

void fail(sqlite3_context* ctx, const std::string& message) {
  sqlite3_result_error(ctx, message.c_str(), static_cast<int>(message.size()));
}

// Argument `index` as an interval blob with its row status `status_index`.
bool interval_arg(sqlite3_context* ctx, sqlite3_value** argv, int index, int status_index,
                  const char* which, IntervalValues& out) {
  std::string why;
  if (sqlite3_value_type(argv[index]) != SQLITE_BLOB) {
    why = "not a BLOB";
  } else {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_value_blob(argv[index]));
    auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[index]));
    auto status = static_cast<std::uint32_t>(sqlite3_value_int64(argv[status_index]));
    if (decode_interval({data, data ? size : 0}, status, out, why)) return true;
  }
  std::string message = which;
  message += " load-profile values are corrupt: ";
  message += why;
  fail(ctx, message);
  return false;
}

bool merged(sqlite3_context* ctx, sqlite3_value** argv, IntervalValues& out) {
  IntervalValues newer;
  if (!interval_arg(ctx, argv, 0, 1, "stored", out)) return false;
  if (!interval_arg(ctx, argv, 2, 3, "new", newer)) return false;
  out.merge(newer);
  return true;
}

void lp_merge(sqlite3_context* ctx, int, sqlite3_value** argv) {
  IntervalValues interval;
  if (!merged(ctx, argv, interval)) return;
  auto blob = encode_interval(interval);
  sqlite3_result_blob(ctx, blob.bytes.data(), static_cast<int>(blob.size), SQLITE_TRANSIENT);
}

void lp_merge_status(sqlite3_context* ctx, int, sqlite3_value** argv) {
  IntervalValues interval;
  if (!merged(ctx, argv, interval)) return;
  sqlite3_result_int64(ctx, interval.status());
}

// Aggregate state, in memory SQLite zero-fills: all-zero bytes are an empty interval (the
// struct is an implicit-lifetime aggregate of integers and doubles).
struct PackState {
  IntervalValues interval;
};

void lp_pack_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* state = static_cast<PackState*>(sqlite3_aggregate_context(ctx, sizeof(PackState)));
  if (!state) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  auto channel = sqlite3_value_int64(argv[0]);
  if (channel < 1 || channel > kLoadProfileChannels) {
    fail(ctx, "lp_pack: channel " + std::to_string(channel) + " is outside 1..16");
    return;
  }
  state->interval.set(static_cast<int>(channel), sqlite3_value_double(argv[1]),
                      static_cast<std::uint32_t>(sqlite3_value_int64(argv[2])));
}

void lp_pack_final(sqlite3_context* ctx) {
  auto* state = static_cast<PackState*>(sqlite3_aggregate_context(ctx, 0));
  if (!state || state->interval.mask == 0) {
    sqlite3_result_null(ctx);
    return;
  }
  auto blob = encode_interval(state->interval);
  sqlite3_result_blob(ctx, blob.bytes.data(), static_cast<int>(blob.size), SQLITE_TRANSIENT);
}

void lp_status_or_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* all = static_cast<std::int64_t*>(sqlite3_aggregate_context(ctx, sizeof(std::int64_t)));
  if (!all) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  *all |= sqlite3_value_int64(argv[0]);
}

void lp_status_or_final(sqlite3_context* ctx) {
  auto* all = static_cast<std::int64_t*>(sqlite3_aggregate_context(ctx, 0));
  sqlite3_result_int64(ctx, all ? *all : 0);
}

void check(sqlite3* db, int rc, const char* name) {
  if (rc != SQLITE_OK) {
    std::string context = "register SQL function ";
    context += name;
    throw_sqlite_error(db, rc, context);
  }
}

}  // namespace

void register_load_profile_functions(sqlite3* db) {
  // Pure functions of their arguments: deterministic, and innocuous (safe wherever SQL
  // may call them).
  constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  check(db,
        sqlite3_create_function_v2(db, "lp_merge", 4, flags, nullptr, lp_merge, nullptr, nullptr,
                                   nullptr),
        "lp_merge");
  check(db,
        sqlite3_create_function_v2(db, "lp_merge_status", 4, flags, nullptr, lp_merge_status,
                                   nullptr, nullptr, nullptr),
        "lp_merge_status");
  check(db,
        sqlite3_create_function_v2(db, "lp_pack", 3, flags, nullptr, nullptr, lp_pack_step,
                                   lp_pack_final, nullptr),
        "lp_pack");
  check(db,
        sqlite3_create_function_v2(db, "lp_status_or", 1, flags, nullptr, nullptr,
                                   lp_status_or_step, lp_status_or_final, nullptr),
        "lp_status_or");
}

}  // namespace jemhead::storage::sqlite
