#pragma once
// The engine's one database writer. Jobs hand it what they read (data, checkpoints, the
// job run row, the meter's health) as a unit of work; a dedicated thread commits waiting
// units together in one transaction (group commit: one fsync for many meters) and resumes
// each job on its own executor. Coroutines never block an I/O thread on SQLite.
//
// Each unit stays all-or-nothing: when a combined transaction fails, its units are retried
// one per transaction, so one bad unit fails alone and the others still commit.
#include <boost/asio/awaitable.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/repository.hpp"

namespace jemhead::engine {

struct CommitStats {
  std::uint64_t units = 0;         // units committed
  std::uint64_t transactions = 0;  // transactions that committed at least one unit
  std::uint64_t failed_units = 0;  // units whose work threw (their changes rolled back)
};

class CommitQueue {
 public:
  using Work = std::function<void(storage::Store&)>;

  CommitQueue(storage::Repository& repo, std::size_t max_batch);
  ~CommitQueue();  // stop()
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  // Runs `work` in a write transaction; completes once it is durable, rethrowing what the
  // work threw. Throws storage::StorageError after stop().
  boost::asio::awaitable<void> commit(Work work);

  // Blocking form for callers outside coroutines (the retention purge, tests).
  void commit_now(Work work);

  // Commits what is queued, then ends the writer thread. Idempotent.
  void stop();

  std::size_t queued() const;
  CommitStats stats() const;

 private:
  struct Unit;
  void enqueue(std::unique_ptr<Unit> unit);
  void writer_loop();
  void run_batch(std::deque<std::unique_ptr<Unit>>& batch);

  storage::Repository& repo_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Unit>> queue_;
  bool stopping_ = false;
  CommitStats stats_;
  std::thread writer_;
};

}  // namespace jemhead::engine
