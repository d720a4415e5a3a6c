#include "storage/sqlite/statement.hpp"

#include <sqlite3.h>

#include <limits>

#include "storage/sqlite/errors.hpp"

namespace jemhead::storage::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw StorageError("SQL text too long");
  // SQLITE_PREPARE_PERSISTENT: these statements live as long as the connection.
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    throw_sqlite_error(db, rc, "prepare \"" + std::string(sql.substr(0, 80)) + "\"");
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Query::Query(Statement& statement) : statement_(statement) {}

Query::~Query() {
  sqlite3_reset(statement_.handle());
  sqlite3_clear_bindings(statement_.handle());
}

namespace {
void check_bind(Statement& s, int rc) {
  if (rc != SQLITE_OK) throw_sqlite_error(s.db(), rc, "bind parameter");
}
}  // namespace

Query& Query::bind(std::int64_t value) {
  check_bind(statement_, sqlite3_bind_int64(statement_.handle(), next_param_++, value));
  return *this;
}

Query& Query::bind(double value) {
  check_bind(statement_, sqlite3_bind_double(statement_.handle(), next_param_++, value));
  return *this;
}

Query& Query::bind(std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the text, so callers may pass temporaries.
  check_bind(statement_, sqlite3_bind_text64(statement_.handle(), next_param_++, value.data(),
                                             value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Query& Query::bind_null() {
  check_bind(statement_, sqlite3_bind_null(statement_.handle(), next_param_++));
  return *this;
}

Query& Query::bind_blob(std::span<const std::uint8_t> bytes) {
  check_bind(statement_, sqlite3_bind_blob64(statement_.handle(), next_param_++, bytes.data(),
                                             bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

bool Query::step() {
  next_column_ = 0;
  int rc = sqlite3_step(statement_.handle());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // With the legacy-free v2/v3 interface, step returns the (extended) error directly; the
  // statement must be reset before the next use, which ~Query or rebind() does.
  throw_sqlite_error(statement_.db(), rc, context_);
}

void Query::run() {
  while (step()) {
  }
}

void Query::run_for_meter(std::int64_t meter_id, std::string_view what) {
  try {
    run();
  } catch (const NotFound&) {
    throw_unknown_meter(what, meter_id);
  }
}

void Query::rebind() {
  sqlite3_reset(statement_.handle());
  next_param_ = 1;
  next_column_ = 0;
}

std::int64_t Query::int64() {
  return sqlite3_column_int64(statement_.handle(), next_column_++);
}

double Query::real() {
  return sqlite3_column_double(statement_.handle(), next_column_++);
}

std::string Query::text() {
  int column = next_column_++;
  const auto* bytes = sqlite3_column_text(statement_.handle(), column);
  if (!bytes) return {};
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_.handle(), column)));
}

std::span<const std::uint8_t> Query::blob() {
  int column = next_column_++;
  if (sqlite3_column_type(statement_.handle(), column) != SQLITE_BLOB) return {};
  const auto* bytes =
      static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_.handle(), column));
  if (!bytes) return {};
  return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_.handle(), column))};
}

std::optional<std::int64_t> Query::optional_int64() {
  int column = next_column_++;
  if (sqlite3_column_type(statement_.handle(), column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(statement_.handle(), column);
}

std::optional<UtcTime> Query::optional_time() {
  auto us = optional_int64();
  if (!us) return std::nullopt;
  return from_unix_micros(*us);
}

}  // namespace jemhead::storage::sqlite
