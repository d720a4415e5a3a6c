#include "engine/chunk_commits.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "engine/reading_store.hpp"

namespace jemhead::engine {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

// One chunk's commit, shared by the job (which awaits it) and the commit's completion
// handler; both run on the job's executor. The timer never expires: cancelling it is the
// signal that the commit completed.
struct ChunkCommits::Pending {
  explicit Pending(asio::any_io_executor executor)
      : signal(std::move(executor), asio::steady_timer::time_point::max()) {}
  asio::steady_timer signal;
  bool done = false;
  std::exception_ptr error;
  std::int64_t values = 0;
};

namespace {

// A static coroutine with by-value parameters (GCC 12: no capturing coroutine lambdas).
awaitable<void> commit_chunk(CommitQueue* commits, std::shared_ptr<const LoadProfileChunk> chunk) {
  CommitQueue::Work work = [chunk](storage::Store& s) { store_load_profile(s, *chunk); };
  chunk.reset();  // the unit owns it now, and frees it once committed
  auto committing = commits->commit(std::move(work));
  co_await std::move(committing);
}

}  // namespace

ChunkCommits::ChunkCommits(CommitQueue& commits) : commits_(commits) {}

// An outstanding commit outlives this object through its own reference to Pending.
ChunkCommits::~ChunkCommits() = default;

int ChunkCommits::outstanding() const {
  return pending_ && !pending_->done ? 1 : 0;
}

awaitable<void> ChunkCommits::settle() {
  if (!pending_) co_return;
  const auto pending = pending_;
  while (!pending->done) {
    // Cancelled (the job's deadline): the next wait throws and pending_ stays for drain().
    boost::system::error_code ignored;
    auto waiting = pending->signal.async_wait(asio::redirect_error(use_awaitable, ignored));
    co_await std::move(waiting);
  }
  pending_.reset();
  if (!pending->error) {
    stored_ += pending->values;
    co_return;
  }
  if (!failure_) failure_ = pending->error;
  try {
    std::rethrow_exception(pending->error);
  } catch (const storage::NotFound&) {
    meter_gone_ = true;
  } catch (...) {
  }
}

awaitable<void> ChunkCommits::take(LoadProfileChunk chunk) {
  auto settling = settle();
  co_await std::move(settling);
  if (failure_) std::rethrow_exception(failure_);  // never store past a lost chunk
  const auto executor = co_await asio::this_coro::executor;
  auto pending = std::make_shared<Pending>(executor);
  pending->values = static_cast<std::int64_t>(chunk.values.size());
  auto shared = std::make_shared<const LoadProfileChunk>(std::move(chunk));
  auto committing = commit_chunk(&commits_, std::move(shared));
  auto completed = [pending](std::exception_ptr e) {
    pending->error = e;
    pending->done = true;
    pending->signal.cancel();
  };
  asio::co_spawn(executor, std::move(committing), asio::bind_executor(executor, completed));
  pending_ = std::move(pending);
}

awaitable<void> ChunkCommits::drain() {
  auto settling = settle();
  co_await std::move(settling);
}

}  // namespace jemhead::engine
