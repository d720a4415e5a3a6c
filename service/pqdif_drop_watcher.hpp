#pragma once
// Push ingestion of PQDIF files (issue 6): meters send files by SCP or FTP into drop
// directories on this host; the watcher stores every completed file exactly once
// (storage/pqdif_ingest.hpp), even across restarts, and then moves, deletes or keeps it.
//
// A file is complete when it is closed after writing (IN_CLOSE_WRITE) or renamed into the
// directory (IN_MOVED_TO: uploaders that write a temporary name first). Dot-files, names
// ending in .tmp/.part/.filepart, sub-directories and anything not a regular file are
// ignored. At start (and after the kernel's event queue overflowed) the directory is
// scanned: files left over from before a crash or written while jemhead was down are taken
// unless an uploader still has them open for writing (or, when the kernel will not say,
// until their size has settled). A file is moved or deleted only after its row committed, so
// a crash in between re-ingests it at the next start, which the (name, content) key makes
// a no-op.
//
// Asio stays in the .cpp, so including this header costs nothing.
#include <functional>
#include <memory>

#include "core/pqdif_stored_file.hpp"
#include "service/pqdif_drop_options.hpp"

namespace boost::asio {
class io_context;
}
namespace prometheus {
class Registry;
}
namespace spdlog {
class logger;
}
namespace jemhead::storage {
class FileStore;
class Repository;
}  // namespace jemhead::storage

namespace jemhead::service {

class PqdifDropWatcher {
 public:
  // Called on the watcher's worker thread after each file is stored (created: a new row;
  // false: that name and content were already stored), e.g. to wake the parser.
  using Ingested = std::function<void(const PqdifStoredFile&, bool created)>;

  // `repo` and `files` must outlive the watcher (or its stop()). Metrics are optional.
  PqdifDropWatcher(boost::asio::io_context& io, storage::Repository& repo,
                   storage::FileStore& files, PqdifDropOptions options,
                   std::shared_ptr<prometheus::Registry> metrics,
                   std::shared_ptr<spdlog::logger> log, Ingested on_ingested = {});
  ~PqdifDropWatcher();  // stop()
  PqdifDropWatcher(const PqdifDropWatcher&) = delete;
  PqdifDropWatcher& operator=(const PqdifDropWatcher&) = delete;

  // Watches every directory (creating <dir>/processed for `move`) and queues the start-up
  // scan. Throws std::runtime_error naming the directory when one cannot be watched.
  void start();
  // Takes no new file and waits for the one being stored; callable from any thread but the
  // watcher's own. What was not taken yet is found by the next start's scan.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace jemhead::service
