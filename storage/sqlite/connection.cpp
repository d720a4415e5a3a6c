#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <thread>

#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/load_profile_functions.hpp"

namespace jemhead::storage::sqlite {

std::vector<std::string> connection_pragmas(const ConnectionSettings& settings) {
  std::vector<std::string> pragmas;
  // journal_mode is persistent in the file; a read-only connection cannot switch it.
  if (!settings.read_only) pragmas.emplace_back("PRAGMA journal_mode = WAL");
  pragmas.emplace_back("PRAGMA foreign_keys = ON");
  pragmas.emplace_back(std::string("PRAGMA synchronous = ") +
                       (settings.synchronous_full ? "FULL" : "NORMAL"));
  pragmas.emplace_back("PRAGMA cache_size = " + std::to_string(-settings.cache_kib));
  pragmas.emplace_back("PRAGMA mmap_size = " + std::to_string(settings.mmap_bytes));
  pragmas.emplace_back("PRAGMA temp_store = MEMORY");
  if (settings.read_only) pragmas.emplace_back("PRAGMA query_only = ON");
  return pragmas;
}

Connection::Connection(const ConnectionSettings& settings, std::atomic<std::uint64_t>* busy_retries)
    : busy_timeout_(settings.busy_timeout), busy_retries_(busy_retries) {
  // NOMUTEX: we never share a connection between threads at the same time.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(settings.path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message =
        "open " + settings.path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    throw StorageError(message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Our own busy handler rather than sqlite3_busy_timeout(): same wait-up-to-a-timeout
  // behaviour, but it lets us count retries for the storage metrics.
  sqlite3_busy_handler(db_, &Connection::on_busy, this);
  try {
    // Before anything runs SQL: the load-profile upsert and schema migration 6 call them.
    register_load_profile_functions(db_);
    for (const auto& pragma : connection_pragmas(settings)) exec(pragma);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

Connection::~Connection() {
  statements_.clear();  // finalize every statement before closing, or close fails
  sqlite3_close(db_);
}

int Connection::on_busy(void* self, int attempt) {
  auto* connection = static_cast<Connection*>(self);
  auto now = std::chrono::steady_clock::now();
  if (attempt == 0) connection->busy_since_ = now;
  if (now - connection->busy_since_ >= connection->busy_timeout_) return 0;  // give up: BUSY
  if (connection->busy_retries_) connection->busy_retries_->fetch_add(1);
  // Short sleeps first (most locks are brief), growing to 20 ms.
  auto pause = std::chrono::milliseconds(std::min(20, 1 << std::min(attempt, 5)));
  std::this_thread::sleep_for(pause);
  return 1;
}

void Connection::exec(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec needs a terminated string
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_sqlite_error(db_, rc, text.substr(0, 60));
}

Statement& Connection::cached(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found != statements_.end()) return *found->second;
  auto statement = std::make_unique<Statement>(db_, sql);
  auto& slot = statements_[std::string(sql)];
  slot = std::move(statement);
  return *slot;
}

std::int64_t Connection::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

std::int64_t Connection::changes() const {
  return sqlite3_changes64(db_);
}

std::int64_t Connection::total_changes() const {
  return sqlite3_total_changes64(db_);
}

bool Connection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

}  // namespace jemhead::storage::sqlite
