#pragma once
// Parsing stored PQDIF files into their observations and series (storage/repository.hpp
// replace_pqdif_content), off the I/O threads: a PqdifParser owns one thread that takes
// the files still 'pending', oldest first: whenever it is told a file arrived (notify()),
// once at start, which picks up what a crash or a stop left unparsed, and every
// poll_interval as a safety net.
//
// A file is read from the file store as a stream (PqdifFileReader), never whole. What a
// file holds is stored with its parse result in one transaction, so a file is never seen
// half-parsed. A malformed file keeps the observations decoded before the error: 'partial'
// with the codec's error (record and offset), or 'failed' when nothing was decoded. The
// file's content never makes this throw; storage errors do (the file then stays pending
// and is tried again at the next notify or restart).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "core/pqdif_content.hpp"
#include "core/pqdif_stored_file.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace spdlog {
class logger;
}

namespace jemhead::pqdif {
struct Observation;
struct DataSource;
}  // namespace jemhead::pqdif

namespace jemhead::engine {

struct PqdifParseOptions {
  // Decoded values buffered before the content is committed in one short transaction.
  // A file that decodes to more is written observation by observation inside one longer
  // transaction instead, so memory stays bounded whatever the file's size.
  std::size_t buffered_values = 8u << 20;  // 64 MiB of doubles
  // PqdifParser only: how often it looks for pending files without being told, so a file
  // stored by a path that does not call notify() is still parsed (one indexed query).
  std::chrono::milliseconds poll_interval{30'000};
};

// One observation as rows (its values moved into them); `source` is the data source it
// refers to (null: the channel and series definitions are unknown and stay empty).
PqdifObservationRow pqdif_observation_row(pqdif::Observation observation,
                                          const pqdif::DataSource* source,
                                          std::int64_t index_in_file);

// Parses `file` (its bytes from `files`) and commits its content and parse result.
PqdifParseResult parse_stored_pqdif(storage::Repository& repo, const storage::FileStore& files,
                                    const PqdifStoredFile& file,
                                    const PqdifParseOptions& options = {});

class PqdifParser {
 public:
  PqdifParser(storage::Repository& repo, std::shared_ptr<const storage::FileStore> files,
              std::shared_ptr<spdlog::logger> log, PqdifParseOptions options = {});
  ~PqdifParser();  // stop()
  PqdifParser(const PqdifParser&) = delete;
  PqdifParser& operator=(const PqdifParser&) = delete;

  // Starts the thread, which first parses every pending file.
  void start();
  // A file was stored: parse the pending files (cheap; callable from any thread).
  void notify();
  // Finishes the file being parsed and joins the thread. Idempotent.
  void stop();

  // Files parsed since start (whatever their status), for tests and logs.
  std::uint64_t files_parsed() const;
  // Waits until the parser has nothing left to do (no notify outstanding, not parsing).
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  void run();
  void parse_pending();

  storage::Repository& repo_;
  std::shared_ptr<const storage::FileStore> files_;
  std::shared_ptr<spdlog::logger> log_;
  PqdifParseOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool requested_ = false;  // a notify (or the start) not yet served
  bool busy_ = false;
  bool stopping_ = false;
  std::uint64_t parsed_ = 0;
  std::thread thread_;
};

}  // namespace jemhead::engine
