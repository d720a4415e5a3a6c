// The engine's one writer: units of work committed together (group commit), each still
// all-or-nothing, with the result handed back to a blocking caller or a coroutine.
#include "engine/commit_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace jemhead::engine {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Waits (up to 10 s, so a regression fails instead of hanging) until `done` is true.
template <typename Predicate>
bool wait_until(Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// "prefix<n>" or "prefix<n>-<m>" (appended piecewise: GCC 12's -Wrestrict misfires on
// chained std::string operator+).
std::string key_of(std::string prefix, std::size_t n) {
  prefix += std::to_string(n);
  return prefix;
}
std::string key_of(const std::string& prefix, std::size_t n, std::size_t m) {
  std::string key = key_of(prefix, n);
  key += '-';
  key += std::to_string(m);
  return key;
}

class EngineRuntimeCommitQueue : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    Meter m;
    m.serial = "JS2-0001";
    m.name = "Feeder 1";
    meter_ = repo_->insert_meter(m);
  }

  // A unit that writes one checkpoint.
  CommitQueue::Work put(const std::string& key, const std::string& value = "v") {
    const auto meter = meter_;
    return [meter, key, value](storage::Store& s) { s.set_checkpoint(meter, key, value); };
  }
  std::optional<std::string> stored(const std::string& key) {
    return repo_->checkpoint(meter_, key);
  }

  // Occupies the writer until `queued` units are waiting behind it (and `release_` is
  // set), so what follows is committed in known batches.
  std::thread hold_writer(CommitQueue& queue, std::size_t queued) {
    blocker_started_ = false;
    std::thread t([&queue, queued, this] {
      queue.commit_now([&](storage::Store& s) {
        blocker_started_ = true;
        wait_until([&] { return queue.queued() >= queued && release_.load(); });
        s.set_checkpoint(meter_, "blocker", "1");
      });
    });
    EXPECT_TRUE(wait_until([&] { return blocker_started_.load(); }));
    return t;
  }

  std::unique_ptr<storage::Repository> repo_;
  std::int64_t meter_ = 0;
  std::atomic<bool> blocker_started_{false};
  std::atomic<bool> release_{true};
};

TEST_F(EngineRuntimeCommitQueue, CommitNowStoresEachUnit) {
  CommitQueue queue(*repo_, 16);
  queue.commit_now(put("a", "1"));
  queue.commit_now(put("b", "2"));
  queue.commit_now([&](storage::Store& s) {
    s.set_checkpoint(meter_, "c", "3");
    s.set_checkpoint(meter_, "a", "4");  // sees and overwrites the earlier unit's row
  });
  EXPECT_EQ(stored("a"), "4");
  EXPECT_EQ(stored("b"), "2");
  EXPECT_EQ(stored("c"), "3");
  const auto stats = queue.stats();
  EXPECT_EQ(stats.units, 3u);
  EXPECT_EQ(stats.transactions, 3u);  // one at a time: nothing to group
  EXPECT_EQ(stats.failed_units, 0u);
  EXPECT_EQ(queue.queued(), 0u);
}

TEST_F(EngineRuntimeCommitQueue, UnitsQueuedTogetherShareTransactions) {
  constexpr std::size_t kThreads = 4, kPerThread = 25, kBatch = 32;
  constexpr std::size_t kUnits = kThreads * kPerThread;
  CommitQueue queue(*repo_, kBatch);
  auto blocker = hold_writer(queue, kUnits);

  // Each thread queues its units without waiting for each other (coroutines on its own
  // io_context), then waits for all of them.
  std::atomic<std::size_t> committed{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      asio::io_context io;
      for (std::size_t i = 0; i < kPerThread; ++i) {
        const std::string key = key_of("t", t, i);
        asio::co_spawn(
            io, [&, key]() -> asio::awaitable<void> { co_await queue.commit(put(key)); },
            [&](std::exception_ptr e) {
              if (!e) ++committed;
            });
      }
      io.run();
    });
  }
  for (auto& t : threads) t.join();
  blocker.join();

  EXPECT_EQ(committed.load(), kUnits);
  for (std::size_t t = 0; t < kThreads; ++t)
    for (std::size_t i = 0; i < kPerThread; ++i) EXPECT_EQ(stored(key_of("t", t, i)), "v");
  EXPECT_EQ(stored("blocker"), "1");
  const auto stats = queue.stats();
  EXPECT_EQ(stats.units, kUnits + 1);
  // The blocker alone, then 100 units in batches of at most 32: 32 + 32 + 32 + 4.
  EXPECT_EQ(stats.transactions, 1u + 4u);
  EXPECT_LT(stats.transactions, stats.units);
  EXPECT_EQ(stats.failed_units, 0u);
  EXPECT_EQ(repo_->stats().transactions, 2u + 4u);  // + the fixture's insert_meter
}

TEST_F(EngineRuntimeCommitQueue, AFailingUnitFailsAloneAndTheOthersCommit) {
  CommitQueue queue(*repo_, 16);
  auto blocker = hold_writer(queue, 5);

  std::vector<std::thread> threads;
  std::vector<std::string> outcome(5);
  for (int i = 0; i < 5; ++i) {
    threads.emplace_back([&, i] {
      const std::string key = key_of("unit-", static_cast<std::size_t>(i));
      try {
        queue.commit_now([&, key, i](storage::Store& s) {
          s.set_checkpoint(meter_, key, "v");
          if (i == 2) throw std::runtime_error("decoder choked");  // after writing
        });
        outcome[static_cast<std::size_t>(i)] = "ok";
      } catch (const std::runtime_error& e) {
        outcome[static_cast<std::size_t>(i)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  blocker.join();

  EXPECT_EQ(outcome, (std::vector<std::string>{"ok", "ok", "decoder choked", "ok", "ok"}));
  EXPECT_EQ(stored("unit-0"), "v");
  EXPECT_EQ(stored("unit-1"), "v");
  EXPECT_FALSE(stored("unit-2"));  // its own write was rolled back
  EXPECT_EQ(stored("unit-3"), "v");
  EXPECT_EQ(stored("unit-4"), "v");
  const auto stats = queue.stats();
  EXPECT_EQ(stats.units, 5u);  // the blocker and four good units
  EXPECT_EQ(stats.failed_units, 1u);
  // The combined transaction rolled back; each unit was retried alone.
  EXPECT_EQ(stats.transactions, 1u + 4u);
}

TEST_F(EngineRuntimeCommitQueue, CoroutineFormResumesOnItsExecutorAndRethrows) {
  CommitQueue queue(*repo_, 16);
  asio::io_context io;
  std::thread::id resumed_on;
  std::string caught;
  bool finished = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await queue.commit(put("coroutine", "yes"));
        resumed_on = std::this_thread::get_id();
        try {
          co_await queue.commit([&](storage::Store& s) {
            s.set_checkpoint(meter_, "doomed", "v");
            throw std::invalid_argument("bad register map");
          });
        } catch (const std::invalid_argument& e) {
          caught = e.what();
        }
      },
      [&](std::exception_ptr e) { finished = !e; });
  io.run();

  EXPECT_TRUE(finished);
  EXPECT_EQ(resumed_on, std::this_thread::get_id());  // not the writer thread
  EXPECT_EQ(caught, "bad register map");
  EXPECT_EQ(stored("coroutine"), "yes");
  EXPECT_FALSE(stored("doomed"));
  EXPECT_EQ(queue.stats().units, 1u);
  EXPECT_EQ(queue.stats().failed_units, 1u);
}

TEST_F(EngineRuntimeCommitQueue, StopCommitsWhatIsQueuedThenRefusesNewWork) {
  CommitQueue queue(*repo_, 2);
  release_ = false;
  auto blocker = hold_writer(queue, 3);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&, i] {
      queue.commit_now(put(key_of("queued-", static_cast<std::size_t>(i))));
      ++ok;
    });
  EXPECT_TRUE(wait_until([&] { return queue.queued() >= 3; }));
  // stop() waits for the writer, which is still busy: let it ask first, then free the writer.
  std::thread stopper([&] { queue.stop(); });
  std::this_thread::sleep_for(50ms);
  release_ = true;
  stopper.join();  // returns once the queue is drained
  for (auto& t : threads) t.join();
  blocker.join();

  EXPECT_EQ(ok.load(), 3);
  EXPECT_EQ(queue.queued(), 0u);
  EXPECT_EQ(queue.stats().units, 4u);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(stored(key_of("queued-", static_cast<std::size_t>(i))), "v");

  EXPECT_THROW(queue.commit_now(put("late")), storage::StorageError);
  EXPECT_FALSE(stored("late"));
  queue.stop();  // idempotent
}

TEST_F(EngineRuntimeCommitQueue, CoroutineCommitAfterStopThrowsStorageError) {
  CommitQueue queue(*repo_, 16);
  queue.stop();
  asio::io_context io;
  std::string caught;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          co_await queue.commit(put("late"));
        } catch (const storage::StorageError& e) {
          caught = e.what();
        }
      },
      asio::detached);
  io.run();
  EXPECT_EQ(caught, "the collection writer has stopped");
  EXPECT_FALSE(stored("late"));
}

}  // namespace
}  // namespace jemhead::engine
