#pragma once
// The collection engine's load-profile sink for one job: each completed chunk is its own
// unit of work on the commit queue (values, layout, layout note and the profile's
// checkpoint in one transaction, grouped with other jobs' units as the queue does), and is
// dropped from memory once committed.
//
// At most one chunk commit is outstanding per job: take() queues a chunk only after the
// one before it is durable, and returns while it commits so the reader fetches the next
// chunk meanwhile. So a job holds at most two chunks (one committing, one being read), a
// slow disk slows the reader down, and a chunk that fails to commit is never followed by a
// later chunk whose checkpoint would skip it.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <exception>
#include <memory>

#include "engine/commit_queue.hpp"
#include "engine/load_profile_collection.hpp"

namespace jemhead::engine {

class ChunkCommits final : public LoadProfileSink {
 public:
  explicit ChunkCommits(CommitQueue& commits);
  ~ChunkCommits() override;

  // Waits for the chunk before (rethrowing its failure), then queues this one. Must be
  // awaited from the job's coroutine (its executor resumes the job when commits complete).
  boost::asio::awaitable<void> take(LoadProfileChunk chunk) override;

  // Waits for the outstanding commit, if any; records rather than throws its failure.
  boost::asio::awaitable<void> drain();

  // Values in chunks that committed.
  std::int64_t values_stored() const { return stored_; }
  // The first failure of a chunk commit (nullptr: none). After one, take() refuses more.
  std::exception_ptr failure() const { return failure_; }
  // The failure was storage::NotFound: the meter was deleted while the job ran.
  bool meter_gone() const { return meter_gone_; }
  // How many chunk commits are queued and not yet completed (0 or 1).
  int outstanding() const;

  struct Pending;

 private:
  boost::asio::awaitable<void> settle();

  CommitQueue& commits_;
  std::shared_ptr<Pending> pending_;
  std::int64_t stored_ = 0;
  std::exception_ptr failure_;
  bool meter_gone_ = false;
};

}  // namespace jemhead::engine
