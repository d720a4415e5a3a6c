#include "service/pqdif_drop_watcher.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <unistd.h>

// GCC 12 at -O2 reports -Wnull-dereference false positives inside Asio's executor
// comparison (io_context.hpp); silence them for Asio's headers only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#pragma GCC diagnostic pop
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/file_store.hpp"
#include "storage/pqdif_ingest.hpp"
#include "storage/repository.hpp"

namespace jemhead::service {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

bool ends_with_ci(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<long>(suffix.size()),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

// Names uploaders use while a file is still being written (scp/sftp clients, FTP servers
// and WinSCP), and hidden files: never a finished PQDIF file.
bool is_temporary_name(std::string_view name) {
  return name.empty() || name.front() == '.' || ends_with_ci(name, ".tmp") ||
         ends_with_ci(name, ".part") || ends_with_ci(name, ".filepart");
}

// What tells a file that is still growing from a settled one.
struct FileState {
  std::uintmax_t size = 0;
  fs::file_time_type modified{};
  bool operator==(const FileState&) const = default;
};

// Only regular files (a symbolic link is not followed: it could point anywhere).
std::optional<FileState> regular_file_state(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || !fs::is_regular_file(status)) return std::nullopt;
  FileState state;
  state.size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  state.modified = fs::last_write_time(path, ec);
  if (ec) return std::nullopt;
  return state;
}

// Whether any process still has the file open for writing, asked the kernel's way: a read
// lease is refused (EAGAIN) while a writer exists. Leases need the file's owner or
// CAP_LEASE; without them the answer is `unknown` and the settle interval decides.
enum class Writers { none, some, unknown };

Writers open_writers(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return Writers::unknown;
  // Held for two system calls; should a writer open the file right then, the kernel
  // signals the holder: SIGURG, ignored by default, instead of the lethal SIGIO.
  Writers writers = Writers::unknown;
  if (::fcntl(fd, F_SETSIG, SIGURG) == 0) {
    if (::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
      writers = Writers::none;
      ::fcntl(fd, F_SETLEASE, F_UNLCK);
    } else if (errno == EAGAIN) {
      writers = Writers::some;
    }
  }
  ::close(fd);
  return writers;
}

std::string meter_text(const PqdifStoredFile& f) {
  return f.meter_id ? std::to_string(*f.meter_id) : std::string("none");
}

}  // namespace

// The kernel's events are read on the daemon's io_context (an inotify descriptor is a
// stream like any socket, so no thread sits in read()). Storing a file hashes it, fsyncs
// and writes SQLite, all blocking: that runs on the watcher's own single worker thread,
// one file at a time in arrival order, never on an I/O thread. One thread is enough (the
// database takes one writer at a time anyway) and keeps a file from being stored twice
// concurrently.
struct PqdifDropWatcher::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io_context, storage::Repository& r, storage::FileStore& f,
       PqdifDropOptions o, std::shared_ptr<prometheus::Registry> metrics,
       std::shared_ptr<spdlog::logger> l, Ingested ingested)
      : io(io_context),
        repo(r),
        files(f),
        options(std::move(o)),
        registry(std::move(metrics)),
        log(std::move(l)),
        on_ingested(std::move(ingested)),
        inotify(io_context) {
    if (registry)
      files_total = &prometheus::BuildCounter()
                         .Name("jemhead_pqdif_drop_files_total")
                         .Help(
                             "PQDIF files found in drop directories, per source and outcome "
                             "(ingested, duplicate: that name and content were stored "
                             "already, failed: retried later)")
                         .Register(*registry);
  }

  // However short the settle interval, a changed file is looked at again only after this.
  static constexpr std::chrono::milliseconds kMinimumRecheck{100};

  struct Candidate {
    std::size_t directory = 0;
    std::string name;
    FileState state;
  };

  asio::io_context& io;
  storage::Repository& repo;
  storage::FileStore& files;
  const PqdifDropOptions options;
  std::shared_ptr<prometheus::Registry> registry;
  prometheus::Family<prometheus::Counter>* files_total = nullptr;
  std::shared_ptr<spdlog::logger> log;
  Ingested on_ingested;

  asio::thread_pool worker{1};
  asio::posix::stream_descriptor inotify;
  std::map<int, std::size_t> watches;  // watch descriptor -> directory; fixed after start()
  alignas(inotify_event) std::array<char, 64 * 1024> buffer{};
  std::atomic<bool> stopping{false};

  // Worker thread only.
  std::set<std::pair<std::size_t, std::string>> failed;
  // Names written to (IN_MODIFY) since they appeared: their close event takes them
  // (worker side).
  std::set<std::pair<std::size_t, std::string>> being_written;
  bool retry_armed = false;

  void count(PqdifSource source, const char* outcome) {
    if (files_total)
      files_total->Add({{"source", std::string(to_text(source))}, {"outcome", outcome}})
          .Increment();
  }

  void start() {
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
      throw std::runtime_error(std::string("cannot watch PQDIF drop directories: inotify: ") +
                               std::strerror(errno));
    inotify.assign(fd);  // closes it if anything below throws
    for (std::size_t i = 0; i < options.directories.size(); ++i) {
      const auto& dir = options.directories[i];
      if (dir.after_ingest == PqdifAfterIngest::move) {
        std::error_code ec;
        // Not create_directories: a missing drop directory is an error, not made here.
        fs::create_directory(dir.path / kPqdifProcessedDirectory, ec);
        if (ec) {
          std::string what = "cannot create ";
          what += (dir.path / kPqdifProcessedDirectory).string();
          what += ": " + ec.message();
          throw std::runtime_error(what);
        }
      }
      const int wd = ::inotify_add_watch(fd, dir.path.c_str(),
                                         IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY |
                                             IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
      if (wd < 0) {
        std::string what = "cannot watch PQDIF drop directory ";
        what += dir.path.string();
        what += ": ";
        what += std::strerror(errno);
        throw std::runtime_error(what);
      }
      watches[wd] = i;
      for (const char* outcome : {"ingested", "duplicate", "failed"})
        if (files_total)
          files_total->Add({{"source", std::string(to_text(dir.source))}, {"outcome", outcome}});
      log->info("watching PQDIF drop directory {} (source {}, after ingest: {})", dir.path.string(),
                to_text(dir.source), to_text(dir.after_ingest));
    }
    // Watching first, then scanning: a file completed after the watch was set raises an
    // event, one completed before it is found by the scan; none falls in between.
    read_next();
    asio::post(worker, [this] { scan_all(); });
  }

  void stop() {
    if (!stopping.exchange(true)) {
      // The descriptor belongs to the I/O threads; close it there.
      asio::post(io, [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->inotify.close(ignored);
      });
      worker.stop();  // what is queued is dropped: the next start's scan finds it
    }
    worker.join();
  }

  // ---- I/O side ----

  void read_next() {
    inotify.async_read_some(asio::buffer(buffer),
                            [self = shared_from_this()](const boost::system::error_code& ec,
                                                        std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (stopping) return;
    if (ec) {
      log->error(
          "reading inotify events failed: {}; PQDIF drop directories are no longer "
          "watched (files are taken at the next start)",
          ec.message());
      return;
    }
    std::size_t offset = 0;
    while (offset + sizeof(inotify_event) <= n) {
      inotify_event event;
      std::memcpy(&event, buffer.data() + offset, sizeof event);
      const char* name_at = buffer.data() + offset + sizeof event;
      const std::size_t name_room = std::min<std::size_t>(event.len, n - offset - sizeof event);
      on_event(event.wd, event.mask, std::string(name_at, ::strnlen(name_at, name_room)));
      offset += sizeof event + event.len;
    }
    read_next();
  }

  void on_event(int wd, std::uint32_t mask, std::string name) {
    if (mask & IN_Q_OVERFLOW) {
      log->warn("more PQDIF drop-directory events than the kernel queues: rescanning");
      asio::post(worker, [this] { scan_all(); });
      return;
    }
    const auto it = watches.find(wd);
    if (it == watches.end()) return;
    const auto& dir = options.directories[it->second];
    if (mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
      log->error(
          "PQDIF drop directory {} was removed or moved: no longer watched (restart "
          "jemhead once it is back)",
          dir.path.string());
      return;
    }
    if ((mask & IN_ISDIR) || !(mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY)))
      return;
    if (is_temporary_name(name)) {
      log->debug("{}: ignored (hidden or temporary name)", (dir.path / name).string());
      return;
    }
    const auto d = it->second;
    if (mask & IN_MODIFY) {
      asio::post(worker, [this, d, name = std::move(name)] { being_written.emplace(d, name); });
      return;
    }
    if (mask & IN_CREATE) {
      // A name can appear by link(2) with all its bytes (OpenSSH's sftp-server renames with
      // link + unlink): then no write and no close event follow, so it is looked at once it
      // has settled, unless it is written to meanwhile (then its close takes it).
      asio::post(worker, [this, d, name = std::move(name)] {
        being_written.erase({d, name});
        const auto state = regular_file_state(options.directories[d].path / name);
        if (state && state->size > 0) recheck_when_settled(d, name);
      });
      return;
    }
    asio::post(worker, [this, d, name = std::move(name)] {
      being_written.erase({d, name});
      take(d, name);
    });
  }

  // ---- worker side ----

  void scan_all() {
    std::vector<Candidate> found;
    for (std::size_t d = 0; d < options.directories.size(); ++d) {
      const auto& dir = options.directories[d];
      std::error_code ec;
      std::size_t here = 0;
      for (fs::directory_iterator it(dir.path, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (is_temporary_name(name)) continue;
        if (auto state = regular_file_state(it->path())) {
          found.push_back({d, std::move(name), *state});
          ++here;
        }
      }
      if (ec)
        log->error("cannot list PQDIF drop directory {}: {}", dir.path.string(), ec.message());
      if (here > 0) log->info("{} file(s) waiting in {}", here, dir.path.string());
    }
    // A file the kernel says no one writes is complete now; one still open for writing is
    // taken at its close event; the rest wait out the settle interval.
    std::vector<Candidate> unsure;
    for (auto& c : found) {
      const auto path = options.directories[c.directory].path / c.name;
      switch (options.probe_writers ? open_writers(path) : Writers::unknown) {
        case Writers::none: asio::post(worker, [this, c] { take(c.directory, c.name); }); break;
        case Writers::some:
          log->info("{} is still being written; it is taken when it is closed", path.string());
          break;
        case Writers::unknown: unsure.push_back(std::move(c)); break;
      }
    }
    found = std::move(unsure);
    if (found.empty()) return;
    if (options.settle.count() <= 0) {
      for (auto& c : found) asio::post(worker, [this, c] { take(c.directory, c.name); });
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(worker, options.settle);
    timer->async_wait([this, timer, found = std::move(found)](const boost::system::error_code& ec) {
      if (ec || stopping) return;
      // One file per handler, so stop() waits for one file, not the whole batch.
      for (const auto& c : found) asio::post(worker, [this, c] { take_if_settled(c); });
    });
  }

  void take_if_settled(const Candidate& c) {
    if (stopping) return;
    const auto path = options.directories[c.directory].path / c.name;
    const auto now = regular_file_state(path);
    if (!now) return;  // taken (and moved) by its event meanwhile
    if (*now != c.state) {
      log->info("{} is still being written; it is taken when it is closed", path.string());
      return;
    }
    take(c.directory, c.name);
  }

  void take(std::size_t d, const std::string& name) {
    if (stopping) return;
    const auto& dir = options.directories[d];
    const auto path = dir.path / name;
    const auto before = regular_file_state(path);
    if (!before) {
      log->debug("{}: gone or not a regular file", path.string());
      return;
    }
    storage::PqdifArrival arrival;
    arrival.file_name = name;
    arrival.source = dir.source;
    storage::PqdifIngested got;
    try {
      got = storage::ingest_pqdif_path(repo, files, arrival, path);
    } catch (const std::exception& e) {
      count(dir.source, "failed");
      log->error("PQDIF {} ({}): not stored: {}; left in place, tried again in {:g} s",
                 path.string(), to_text(dir.source), e.what(),
                 std::chrono::duration<double>(options.retry_after).count());
      retry_later(d, name);
      return;
    }
    count(dir.source, got.created ? "ingested" : "duplicate");
    log->info("PQDIF {} ({}): {} file {} ({} bytes, sha256 {}, meter {})", path.string(),
              to_text(dir.source), got.created ? "stored as" : "already stored as", got.file.id,
              got.file.size_bytes, got.file.sha256, meter_text(got.file));
    // Changed while it was read: a re-upload under the same name raises its own close
    // event, but a change after the close (legacy `scp -p` setting the times) raises none,
    // so it is also looked at again once it has settled.
    if (regular_file_state(path) != before) {
      log->warn("{} changed while it was stored; taken again once it is settled or closed",
                path.string());
      recheck_when_settled(d, name);
    } else {
      after_ingest(dir, path);
    }
    if (on_ingested) {
      try {
        on_ingested(got.file, got.created);
      } catch (const std::exception& e) {
        log->warn("after storing PQDIF file {}: {}", got.file.id, e.what());
      }
    }
  }

  // Only after the row committed, so a crash before this line re-ingests (a no-op).
  void after_ingest(const PqdifDropDirectory& dir, const fs::path& path) {
    std::error_code ec;
    switch (dir.after_ingest) {
      case PqdifAfterIngest::keep: return;
      case PqdifAfterIngest::remove: fs::remove(path, ec); break;
      case PqdifAfterIngest::move:
        // Replaces an earlier file of the same name there: every version is in the store.
        fs::rename(path, dir.path / kPqdifProcessedDirectory / path.filename(), ec);
        break;
    }
    if (ec)
      log->warn(
          "{}: stored, but could not {} it: {} (taken again, as a no-op, at the next "
          "start)",
          path.string(), to_text(dir.after_ingest), ec.message());
  }

  void recheck_when_settled(std::size_t d, const std::string& name) {
    const auto path = options.directories[d].path / name;
    const auto state = regular_file_state(path);
    if (!state) return;
    Candidate c{d, name, *state};
    auto timer =
        std::make_shared<asio::steady_timer>(worker, std::max(options.settle, kMinimumRecheck));
    timer->async_wait([this, timer, c](const boost::system::error_code& ec) {
      if (ec || stopping) return;
      const auto now_path = options.directories[c.directory].path / c.name;
      // Still being written: its close event takes it.
      if (being_written.contains({c.directory, c.name})) return;
      if (options.probe_writers && open_writers(now_path) == Writers::some) return;
      take_if_settled(c);  // a second take of the same content is a no-op row
    });
  }

  void retry_later(std::size_t d, const std::string& name) {
    failed.emplace(d, name);
    if (retry_armed) return;
    retry_armed = true;
    auto timer = std::make_shared<asio::steady_timer>(worker, options.retry_after);
    timer->async_wait([this, timer](const boost::system::error_code& ec) {
      retry_armed = false;
      if (ec || stopping) return;
      auto again = std::move(failed);
      failed.clear();
      for (const auto& [dir, file] : again)
        asio::post(worker, [this, dir, file] { take(dir, file); });
    });
  }
};

PqdifDropWatcher::PqdifDropWatcher(asio::io_context& io, storage::Repository& repo,
                                   storage::FileStore& files, PqdifDropOptions options,
                                   std::shared_ptr<prometheus::Registry> metrics,
                                   std::shared_ptr<spdlog::logger> log, Ingested on_ingested)
    : impl_(std::make_shared<Impl>(io, repo, files, std::move(options), std::move(metrics),
                                   std::move(log), std::move(on_ingested))) {}

PqdifDropWatcher::~PqdifDropWatcher() {
  stop();
}

void PqdifDropWatcher::start() {
  impl_->start();
}

void PqdifDropWatcher::stop() {
  impl_->stop();
}

}  // namespace jemhead::service
