#pragma once
// RAII over one sqlite3 connection, configured the way jemhead needs it (WAL, foreign
// keys, a busy handler that counts its retries, the load-profile SQL functions) and
// holding that connection's cache of prepared statements. A Connection is used by one thread at a
// time; the repository's writer mutex and reader pool make sure of that, so SQLite's own mutexes
// are off.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/sqlite/statement.hpp"

struct sqlite3;

namespace jemhead::storage::sqlite {

struct ConnectionSettings {
  std::string path;
  bool read_only = false;         // readers: query_only, so a bug cannot write through them
  bool synchronous_full = false;  // NORMAL is durable to the last checkpoint in WAL mode
  std::chrono::milliseconds busy_timeout{5000};
  std::int64_t cache_kib = 64 * 1024;  // page cache per connection
  std::int64_t mmap_bytes = 256ll << 20;
};

// The PRAGMA statements a connection runs when it opens, in order. Public so that the
// storage benchmark's raw-SQLite baseline configures itself exactly the same way.
std::vector<std::string> connection_pragmas(const ConnectionSettings& settings);

class Connection {
 public:
  // `busy_retries` (may be null) is incremented each time SQLite waits for a lock.
  Connection(const ConnectionSettings& settings, std::atomic<std::uint64_t>* busy_retries);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL text that may hold several statements and returns no rows (DDL, pragmas).
  void exec(std::string_view sql);
  // The prepared statement for `sql`, prepared on first use and kept for the connection's
  // lifetime. Use it through a Query.
  Statement& cached(std::string_view sql);
  Query query(std::string_view sql) { return Query(cached(sql)); }

  std::int64_t last_insert_id() const;
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  // Rows inserted, updated or deleted by statements on this connection since it opened
  // (not counting cascades), used to count rows written per transaction.
  std::int64_t total_changes() const;
  bool in_transaction() const;
  sqlite3* handle() const { return db_; }

 private:
  static int on_busy(void* self, int attempt);

  sqlite3* db_ = nullptr;
  std::chrono::milliseconds busy_timeout_;
  std::chrono::steady_clock::time_point busy_since_{};
  std::atomic<std::uint64_t>* busy_retries_;
  // unique_ptr keeps each Statement at a stable address while the map rehashes.
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace jemhead::storage::sqlite
