// Lifecycle of the SQLite repository: open (connections, pragmas, migrations),
// transactions, statistics and close. The Store operations are forwarded in
// sqlite_repository_store.cpp.
#include "storage/sqlite/sqlite_repository.hpp"

#include "storage/sqlite/migrations.hpp"

namespace jemhead::storage::sqlite {

namespace {

bool is_memory_path(const std::string& path) {
  return path == ":memory:";
}

// WAL is what lets readers run beside the writer; refuse to run silently without it
// (it can fail on file systems without shared memory support).
void require_wal(Connection& db) {
  auto q = db.query("PRAGMA journal_mode");
  q.context("read journal mode");
  std::string mode = q.step() ? q.text() : "";
  if (mode != "wal")
    throw StorageError("could not enable WAL journal mode (journal_mode is '" + mode +
                       "'); is the database on a local file system?");
}

}  // namespace

SqliteRepository::SqliteRepository(const SqliteOptions& options) {
  if (options.path.empty()) throw StorageError("SQLite path is empty");
  ConnectionSettings settings;
  settings.path = options.path;
  settings.synchronous_full = options.synchronous_full;
  writer_ = std::make_unique<Connection>(settings, &busy_retries_);
  bool memory = is_memory_path(options.path);
  if (!memory) require_wal(*writer_);
  migrate(*writer_);
  writer_store_ = std::make_unique<SqliteStore>(*writer_);
  // A private in-memory database cannot be shared: it has only the writer connection.
  std::size_t reader_count = memory ? 0 : options.reader_connections;
  readers_ = std::make_unique<ReaderPool>(settings, reader_count, &busy_retries_);
}

SqliteRepository::~SqliteRepository() {
  try {
    close();
  } catch (...) {  // a destructor must not throw; close() reports errors to explicit callers
  }
}

void SqliteRepository::throw_if_closed() const {
  if (closed_.load()) throw StorageError("storage is closed");
}

void SqliteRepository::refuse_nested_write() const {
  if (writer_owner_.load() == std::this_thread::get_id())
    throw StorageError(
        "nested write: inside transact(), write through the Store passed to the work, not "
        "through the Repository");
}

void SqliteRepository::begin_write() {
  // IMMEDIATE takes the write lock now, so a transaction cannot fail later on a lock it
  // could not upgrade to.
  writer_->query("BEGIN IMMEDIATE").context("begin transaction").run();
}

void SqliteRepository::commit_write(std::int64_t changes_before) {
  writer_->query("COMMIT").context("commit").run();
  transactions_.fetch_add(1);
  rows_written_.fetch_add(static_cast<std::uint64_t>(writer_->total_changes() - changes_before));
}

void SqliteRepository::rollback_write() noexcept {
  rollbacks_.fetch_add(1);
  // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL).
  if (!writer_->in_transaction()) return;
  try {
    writer_->query("ROLLBACK").context("rollback").run();
  } catch (...) {  // the original error is the one worth reporting
  }
}

void SqliteRepository::transact(const std::function<void(Store&)>& work) {
  write([&](SqliteStore& store) { work(store); });
}

int SqliteRepository::schema_version() {
  return read([](SqliteStore& store) { return stored_schema_version(store.connection()); });
}

StorageStats SqliteRepository::stats() {
  throw_if_closed();
  StorageStats s;
  s.transactions = transactions_.load();
  s.rollbacks = rollbacks_.load();
  s.rows_written = rows_written_.load();
  s.busy_retries = busy_retries_.load();
  return s;
}

bool SqliteRepository::ping() {
  throw_if_closed();
  try {
    return read([](SqliteStore& store) {
      auto q = store.connection().query("SELECT 1");
      return q.step() && q.int64() == 1;
    });
  } catch (const StorageError&) {
    if (closed_.load()) throw;
    return false;
  }
}

void SqliteRepository::close() {
  refuse_nested_write();
  std::lock_guard lock(writer_mutex_);  // waits for the transaction in flight
  if (closed_.exchange(true)) return;
  readers_->close();  // waits for reads in flight
  writer_store_.reset();
  try {
    writer_->exec("PRAGMA optimize");  // keeps query planner statistics fresh
  } catch (const StorageError&) {      // an optimisation hint is not worth failing close for
  }
  // Closing the last connection checkpoints the WAL into the database file.
  writer_.reset();
}

}  // namespace jemhead::storage::sqlite

namespace jemhead::storage {

std::unique_ptr<Repository> open_sqlite(const SqliteOptions& options) {
  return std::make_unique<sqlite::SqliteRepository>(options);
}

}  // namespace jemhead::storage
