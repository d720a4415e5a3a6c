#pragma once
// RAII over sqlite3_stmt. A Statement is prepared once and owned (usually cached by its
// Connection); a Query is one use of it: bind parameters in order, step through rows,
// read columns in order. The Query resets the statement and clears its bindings when it
// goes out of scope, even on an exception, so a cached statement is always clean.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/time.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace jemhead::storage::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* handle() const { return stmt_; }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Query {
 public:
  explicit Query(Statement& statement);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Parameters bind left to right (?1, ?2, ...) in the order of the calls.
  Query& bind(std::int64_t value);
  Query& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  Query& bind(std::uint32_t value) { return bind(static_cast<std::int64_t>(value)); }
  Query& bind(bool value) { return bind(static_cast<std::int64_t>(value ? 1 : 0)); }
  Query& bind(double value);
  Query& bind(std::string_view value);
  Query& bind(const std::string& value) { return bind(std::string_view(value)); }
  Query& bind(const char* value) { return bind(std::string_view(value)); }
  Query& bind(UtcTime value) { return bind(to_unix_micros(value)); }
  Query& bind_null();
  Query& bind_blob(std::span<const std::uint8_t> bytes);  // copied by SQLite
  template <typename T>
  Query& bind(const std::optional<T>& value) {
    return value ? bind(*value) : bind_null();
  }

  // Advances to the next row: true when a row is available, false when done. Errors
  // throw (see errors.hpp) with `context` naming the operation.
  bool step();
  // Runs a statement that returns no rows (or whose rows are ignored).
  void run();
  // run() for a row that references meter `meter_id`: a missing meter is NotFound
  // "<what> for meter N: the meter does not exist".
  void run_for_meter(std::int64_t meter_id, std::string_view what);
  // Rewinds for another execution with new bindings (used by batch loops).
  void rebind();

  // Columns of the current row, read left to right in the order of the calls.
  std::int64_t int64();
  double real();
  std::string text();
  // The bytes of a BLOB column, valid until the next step; empty when the column holds
  // anything but a BLOB (NULL, a number, text).
  std::span<const std::uint8_t> blob();
  bool boolean() { return int64() != 0; }
  UtcTime time() { return from_unix_micros(int64()); }
  std::optional<std::int64_t> optional_int64();
  std::optional<UtcTime> optional_time();

  // Sets what error messages say this query was doing ("insert meter").
  Query& context(std::string_view what) {
    context_ = what;
    return *this;
  }

 private:
  Statement& statement_;
  int next_param_ = 1;
  int next_column_ = 0;
  std::string_view context_ = "sqlite";
};

}  // namespace jemhead::storage::sqlite
