// The engine's load-profile sink: each chunk is its own commit with its checkpoint; at most
// one chunk commit is outstanding per job, so a stalled writer stops the reader at the
// next chunk; a chunk that failed to commit is never followed by a later one.
#include "engine/chunk_commits.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <future>
#include <thread>

#include "engine/commit_queue.hpp"
#include "engine/load_profile_collection.hpp"
#include "storage/repository.hpp"

namespace jemhead::testing {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

bool eventually_true(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

const UtcTime kStart = from_unix_micros(1'767'225'600'000'000);  // 2026-01-01

// Chunk `index` (0-based) of a day of 15-minute intervals, one channel.
engine::LoadProfileChunk day_chunk(std::int64_t meter_id, int index) {
  engine::LoadProfileChunk chunk;
  chunk.meter_id = meter_id;
  chunk.profile = 1;
  chunk.layout.emplace();
  chunk.layout->profile = 1;
  chunk.layout->capture_period_s = 900;
  LoadProfileChannel channel;
  channel.channel = 1;
  channel.obis = "1.0.1.29.0.255";
  channel.unit = "kWh";
  chunk.layout->channels = {channel};
  const auto day = kStart + std::chrono::hours(24 * index);
  for (int i = 1; i <= 96; ++i) {
    LoadProfileValue v;
    v.meter_id = meter_id;
    v.profile = 1;
    v.channel = 1;
    v.interval_end = day + std::chrono::minutes(15 * i);
    v.value = index * 1000.0 + i;
    chunk.values.push_back(v);
  }
  chunk.checkpoint = chunk.values.back().interval_end;
  return chunk;
}

struct Feed {
  std::vector<engine::LoadProfileChunk> chunks;
  std::atomic<int> taken{0};  // take() calls that returned
  std::atomic<bool> done{false};
  std::exception_ptr error;  // what take() threw
};

// Hands the chunks over one by one as the reader does, then drains (a static coroutine with
// by-value parameters: GCC 12).
asio::awaitable<void> feed(engine::ChunkCommits* sink, Feed* f) {
  try {
    for (auto& chunk : f->chunks) {
      auto taking = sink->take(std::move(chunk));
      co_await std::move(taking);
      ++f->taken;
    }
  } catch (const std::exception&) {
    f->error = std::current_exception();
  }
  auto draining = sink->drain();
  co_await std::move(draining);
}

class ChunkCommitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    Meter m;
    m.serial = "CHUNKS";
    meter_ = repo_->insert_meter(m);
    commits_ = std::make_unique<engine::CommitQueue>(*repo_, 64);
    io_thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    release_writer();
    if (stall_thread_.joinable()) stall_thread_.join();
    work_.reset();
    io_thread_.join();
    commits_->stop();
    repo_->close();
  }

  // Occupies the writer thread with a unit that waits for release_writer().
  void stall_writer() {
    stall_thread_ = std::thread([this] {
      commits_->commit_now([this](storage::Store&) {
        stalled_ = true;
        gate_.get_future().wait();
      });
    });
    ASSERT_TRUE(eventually_true([&] { return stalled_.load(); }));
  }
  void release_writer() {
    if (stalled_ && !released_) {
      released_ = true;
      gate_.set_value();
    }
  }

  void start(engine::ChunkCommits& sink, Feed& f) {
    asio::co_spawn(io_, feed(&sink, &f), [&f](std::exception_ptr) { f.done = true; });
  }

  std::optional<std::string> checkpoint() {
    return repo_->checkpoint(meter_, engine::load_profile_checkpoint_key(1));
  }

  std::unique_ptr<storage::Repository> repo_;
  std::int64_t meter_ = 0;
  std::unique_ptr<engine::CommitQueue> commits_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  std::thread io_thread_;
  std::thread stall_thread_;
  std::promise<void> gate_;
  std::atomic<bool> stalled_{false};
  bool released_ = false;
};

TEST_F(ChunkCommitsTest, EachChunkCommitsWithItsCheckpoint) {
  engine::ChunkCommits sink(*commits_);
  Feed f;
  for (int i = 0; i < 3; ++i) f.chunks.push_back(day_chunk(meter_, i));
  const auto last_checkpoint = *f.chunks.back().checkpoint;
  start(sink, f);
  ASSERT_TRUE(eventually_true([&] { return f.done.load(); }));
  EXPECT_FALSE(f.error);
  EXPECT_EQ(f.taken, 3);
  EXPECT_EQ(sink.values_stored(), 3 * 96);
  EXPECT_FALSE(sink.failure());
  EXPECT_EQ(commits_->stats().units, 3u);  // one unit per chunk
  const auto stored = repo_->load_profile(meter_, 1, {});
  ASSERT_EQ(stored.size(), 3u * 96u);
  EXPECT_EQ(stored.back().interval_end, last_checkpoint);
  EXPECT_DOUBLE_EQ(stored.back().value, 2096.0);
  EXPECT_EQ(checkpoint(), format_iso8601(last_checkpoint));
  ASSERT_EQ(repo_->load_profile_layouts(meter_).size(), 1u);
}

// A slow disk: while the writer is busy, the reader hands over chunk 1 and goes on, but
// its next take() waits for chunk 1's commit, so no more than one chunk is queued.
TEST_F(ChunkCommitsTest, AStalledWriterHoldsTheReaderAtTheNextChunk) {
  stall_writer();
  engine::ChunkCommits sink(*commits_);
  Feed f;
  for (int i = 0; i < 4; ++i) f.chunks.push_back(day_chunk(meter_, i));
  start(sink, f);
  ASSERT_TRUE(eventually_true([&] { return f.taken.load() == 1; }));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(f.taken, 1);              // take(chunk 2) waits for chunk 1
  EXPECT_EQ(commits_->queued(), 1u);  // only chunk 1 waits behind the stalled unit
  EXPECT_FALSE(f.done);

  release_writer();
  ASSERT_TRUE(eventually_true([&] { return f.done.load(); }));
  EXPECT_EQ(f.taken, 4);
  EXPECT_EQ(sink.values_stored(), 4 * 96);
  EXPECT_EQ(repo_->load_profile(meter_, 1, {}).size(), 4u * 96u);
  EXPECT_EQ(checkpoint(), format_iso8601(kStart + 96h));
}

// Chunk 1 cannot be stored (its meter does not exist): chunk 2 is refused rather than
// committed, since its checkpoint would cover chunk 1's intervals.
TEST_F(ChunkCommitsTest, AChunkThatFailsToCommitIsNeverFollowedByTheNext) {
  engine::ChunkCommits sink(*commits_);
  Feed f;
  f.chunks.push_back(day_chunk(meter_ + 1000, 0));  // no such meter
  f.chunks.push_back(day_chunk(meter_, 1));
  f.chunks.push_back(day_chunk(meter_, 2));
  start(sink, f);
  ASSERT_TRUE(eventually_true([&] { return f.done.load(); }));
  EXPECT_EQ(f.taken, 1);
  ASSERT_TRUE(f.error);
  EXPECT_THROW(std::rethrow_exception(f.error), storage::NotFound);
  EXPECT_TRUE(sink.meter_gone());
  EXPECT_TRUE(sink.failure());
  EXPECT_EQ(sink.values_stored(), 0);
  EXPECT_TRUE(repo_->load_profile(meter_, 1, {}).empty());
  EXPECT_FALSE(checkpoint().has_value());
}

}  // namespace
}  // namespace jemhead::testing
