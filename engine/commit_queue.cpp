#include "engine/commit_queue.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>

namespace jemhead::engine {

namespace asio = boost::asio;

// A unit of work and how to tell its owner: either a coroutine's completion handler or
// (commit_now) a promise.
struct CommitQueue::Unit {
  Work work;
  std::function<void(std::exception_ptr)> done;
};

CommitQueue::CommitQueue(storage::Repository& repo, std::size_t max_batch)
    : repo_(repo), max_batch_(max_batch ? max_batch : 1), writer_([this] { writer_loop(); }) {}

CommitQueue::~CommitQueue() {
  stop();
}

void CommitQueue::enqueue(std::unique_ptr<Unit> unit) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw storage::StorageError("the collection writer has stopped");
    queue_.push_back(std::move(unit));
  }
  wake_.notify_one();
}

asio::awaitable<void> CommitQueue::commit(Work work) {
  // use_awaitable turns a non-null exception_ptr completion into a rethrow in the caller.
  // (Named locals: GCC 12 mis-destroys temporaries inside co_await expressions.)
  auto initiation = [this, &work](auto handler) {
    // The handler is move-only; the writer thread posts it back to its executor.
    using Handler = std::decay_t<decltype(handler)>;
    auto shared = std::make_shared<Handler>(std::move(handler));
    auto unit = std::make_unique<Unit>();
    unit->work = std::move(work);
    auto done = [shared](std::exception_ptr e) {
      auto executor = asio::get_associated_executor(*shared);
      asio::post(executor, [shared, e]() mutable { std::move (*shared)(e); });
    };
    unit->done = done;
    // After stop(): complete with the error. Thrown from the initiation, it would escape
    // the awaiting coroutine (Boost 1.81) and out of the I/O thread's run().
    try {
      enqueue(std::move(unit));
    } catch (...) {
      done(std::current_exception());
    }
  };
  auto operation = asio::async_initiate<decltype(asio::use_awaitable), void(std::exception_ptr)>(
      std::move(initiation), asio::use_awaitable);
  co_await std::move(operation);
}

void CommitQueue::commit_now(Work work) {
  auto promise = std::make_shared<std::promise<void>>();
  auto future = promise->get_future();
  auto unit = std::make_unique<Unit>();
  unit->work = std::move(work);
  unit->done = [promise](std::exception_ptr e) {
    if (e)
      promise->set_exception(e);
    else
      promise->set_value();
  };
  enqueue(std::move(unit));
  future.get();
}

void CommitQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
}

std::size_t CommitQueue::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

CommitStats CommitQueue::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void CommitQueue::writer_loop() {
  for (;;) {
    std::deque<std::unique_ptr<Unit>> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

void CommitQueue::run_batch(std::deque<std::unique_ptr<Unit>>& batch) {
  std::uint64_t transactions = 0, failed = 0;
  std::vector<std::exception_ptr> outcomes(batch.size());
  bool together = batch.size() > 1;
  if (together) {
    try {
      repo_.transact([&](storage::Store& s) {
        for (auto& unit : batch) unit->work(s);
      });
      transactions = 1;
    } catch (...) {
      together = false;  // find the culprit: one unit per transaction
    }
  }
  if (!together) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      try {
        repo_.transact(batch[i]->work);
        ++transactions;
      } catch (...) {
        outcomes[i] = std::current_exception();
        ++failed;
      }
    }
  }
  {
    std::lock_guard lock(mutex_);
    stats_.units += batch.size() - failed;
    stats_.transactions += transactions;
    stats_.failed_units += failed;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->done(outcomes[i]);
}

}  // namespace jemhead::engine
