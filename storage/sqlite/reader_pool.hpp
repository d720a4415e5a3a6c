#pragma once
// A fixed set of read-only connections, each with its own Store and statement cache,
// lent to one thread at a time. In WAL mode they read committed data concurrently with
// the writer and with each other.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

class ReaderPool {
 public:
  struct Reader {
    explicit Reader(std::unique_ptr<Connection> c) : connection(std::move(c)), store(*connection) {}
    std::unique_ptr<Connection> connection;
    SqliteStore store;
  };

  // Returns the borrowed reader to its pool when it goes out of scope.
  class Lease {
   public:
    Lease(ReaderPool& pool, Reader* reader) : pool_(pool), reader_(reader) {}
    ~Lease() { pool_.give_back(reader_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Reader& operator*() const { return *reader_; }
    Reader* operator->() const { return reader_; }

   private:
    ReaderPool& pool_;
    Reader* reader_;
  };

  ReaderPool(const ConnectionSettings& settings, std::size_t count,
             std::atomic<std::uint64_t>* busy_retries);

  bool empty() const { return size_ == 0; }
  // Waits for a free reader. Throws StorageError once the pool is closed.
  Lease borrow();
  // Refuses new borrowers, waits until every lent reader is back, closes them all.
  void close();

 private:
  void give_back(Reader* reader);

  std::size_t size_ = 0;  // fixed at construction, read without the lock
  std::vector<std::unique_ptr<Reader>> readers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Reader*> idle_;
  bool closed_ = false;
};

}  // namespace jemhead::storage::sqlite
