// The PQDIF drop-directory watcher on a real directory, a real io_context and a real
// SQLite repository: what a meter's SCP or FTP upload looks like to it, and what it does
// with each file.
#include "service/pqdif_drop_watcher.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#pragma GCC diagnostic pop
#include <prometheus/registry.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/digest/sha256.hpp"
#include "storage/file_store.hpp"
#include "storage/pqdif_ingest.hpp"
#include "tests/data/pqdif_files.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::service {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr const char* kName = "142300003_1454408745_133724_07.pqd";

std::string file_bytes(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return "(missing)";
  std::string bytes(size, '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  return bytes;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

class PqdifDropWatch : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    fs::create_directories(drop);
    io_thread = std::thread([this] { io.run(); });
  }

  void TearDown() override {
    watcher.reset();
    work.reset();
    io.stop();
    io_thread.join();
  }

  void start(PqdifAfterIngest after = PqdifAfterIngest::move, PqdifSource source = PqdifSource::scp,
             std::chrono::milliseconds settle = 200ms, bool probe_writers = true) {
    PqdifDropOptions options;
    options.directories.push_back({drop, source, after});
    options.settle = settle;
    options.probe_writers = probe_writers;
    options.retry_after = retry_after;
    auto log = std::make_shared<spdlog::logger>("pqdif",
                                                std::make_shared<spdlog::sinks::stderr_sink_mt>());
    log->set_level(spdlog::level::debug);
    watcher = std::make_unique<PqdifDropWatcher>(io, *repo, files, options, registry, log,
                                                 [this](const PqdifStoredFile& f, bool created) {
                                                   std::lock_guard lock(mutex);
                                                   seen.emplace_back(f.file_name, created);
                                                 });
    // Written before the watch exists, so only the start-up scan can take it: once it is
    // reported the scan is over, and a test's own files are seen by their events alone.
    write_bytes(drop / "sync-0.pqd", "before start");
    watcher->start();
    ASSERT_TRUE(eventually([&] { return reports("sync-0.pqd") == 1; }));
  }

  // Rows stored under `name`.
  std::vector<PqdifStoredFile> stored(const std::string& name) {
    storage::PqdifFileFilter filter;
    filter.file_name = name;
    return repo->list_pqdif_files(filter, {});
  }

  // Times the watcher reported `name` stored (created or not).
  std::size_t reports(const std::string& name) {
    std::lock_guard lock(mutex);
    return static_cast<std::size_t>(
        std::count_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == name; }));
  }

  template <typename Pred>
  bool eventually(Pred pred, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return pred();
  }

  // Files are taken one at a time in arrival order: once a file written now has been
  // reported, everything that arrived before it has been dealt with.
  void drain() {
    const std::string name = "sync-" + std::to_string(++syncs) + ".pqd";
    write_bytes(drop / name, "sync " + name);
    ASSERT_TRUE(eventually([&] { return reports(name) == 1; })) << name;
  }

  void grow_while_starting(bool probe_writers);

  double metric(const std::string& source, const std::string& outcome) {
    for (const auto& family : registry->Collect()) {
      if (family.name != "jemhead_pqdif_drop_files_total") continue;
      for (const auto& m : family.metric) {
        std::map<std::string, std::string> labels;
        for (const auto& l : m.label) labels[l.name] = l.value;
        if (labels["source"] == source && labels["outcome"] == outcome) return m.counter.value;
      }
    }
    return -1;
  }

  const std::string sample = file_bytes(jemhead::testing::pqdif_test_file("secha-example.pqd"));
  const fs::path drop = fs::path(dir.file("drop"));
  storage::FileStore files{dir.file("store")};
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{
      asio::make_work_guard(io)};
  std::thread io_thread;
  std::unique_ptr<PqdifDropWatcher> watcher;
  std::mutex mutex;
  std::vector<std::pair<std::string, bool>> seen;
  int syncs = 0;
  std::chrono::milliseconds retry_after = 30s;
};

TEST_F(PqdifDropWatch, AClosedFileIsStoredOnceWithItsSourceAndMeterThenMoved) {
  ASSERT_GT(sample.size(), 1000u);
  const auto meter = add_meter("142300003");
  start(PqdifAfterIngest::move, PqdifSource::ftp);
  write_bytes(drop / kName, sample);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  drain();
  const auto rows = stored(kName);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].meter_id, meter);
  EXPECT_EQ(rows[0].source, PqdifSource::ftp);
  EXPECT_EQ(rows[0].sha256, digest::sha256_hex(sample));
  EXPECT_EQ(rows[0].size_bytes, static_cast<std::int64_t>(sample.size()));
  EXPECT_EQ(rows[0].data_type, 7u);
  EXPECT_EQ(files.read(rows[0].sha256), sample);
  EXPECT_EQ(reports(kName), 1u);
  EXPECT_FALSE(fs::exists(drop / kName));
  EXPECT_EQ(file_bytes(drop / "processed" / kName), sample);
  EXPECT_EQ(metric("ftp", "ingested"), 3);  // the file, start()'s and drain()'s
  EXPECT_EQ(metric("ftp", "duplicate"), 0);
  EXPECT_EQ(metric("ftp", "failed"), 0);
}

TEST_F(PqdifDropWatch, AFileWrittenAsPartThenRenamedIsStoredOnceUnderItsFinalName) {
  start();
  const std::string part = std::string(kName) + ".part";
  write_bytes(drop / part, sample);  // closed under the temporary name: not yet
  drain();
  EXPECT_TRUE(stored(part).empty());
  EXPECT_TRUE(stored(kName).empty());
  fs::rename(drop / part, drop / kName);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  drain();
  const auto rows = stored(kName);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sha256, digest::sha256_hex(sample));
  EXPECT_EQ(rows[0].meter_id, std::nullopt);  // no meter 142300003 in this database
  EXPECT_TRUE(stored(part).empty());
  EXPECT_EQ(reports(kName), 1u);
}

TEST_F(PqdifDropWatch, AFileLinkedInWithAllItsBytesIsStoredOnceSettledThenMoved) {
  // OpenSSH's sftp-server renames with link(2) + unlink(2): the final name appears with all
  // its bytes and no write or close event follows.
  start(PqdifAfterIngest::move, PqdifSource::scp, 200ms);
  const std::string part = std::string(kName) + ".part";
  write_bytes(drop / part, sample);
  drain();
  fs::create_hard_link(drop / part, drop / kName);
  fs::remove(drop / part);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  drain();
  const auto rows = stored(kName);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sha256, digest::sha256_hex(sample));
  EXPECT_TRUE(eventually([&] { return fs::exists(drop / "processed" / kName); }));
  EXPECT_FALSE(fs::exists(drop / kName));
}

TEST_F(PqdifDropWatch, ASlowWriterIsStoredOnlyAfterItClosesTheFileWithAllItsBytes) {
  start(PqdifAfterIngest::move, PqdifSource::scp, 200ms, /*probe_writers=*/false);
  const auto half = sample.size() / 2;
  {
    std::ofstream out(drop / kName, std::ios::binary);
    out.write(sample.data(), static_cast<std::streamsize>(half));
    out.flush();
    std::this_thread::sleep_for(400ms);
    drain();
    EXPECT_TRUE(stored(kName).empty()) << "taken before it was closed";
    out.write(sample.data() + half, static_cast<std::streamsize>(sample.size() - half));
  }
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  drain();
  const auto rows = stored(kName);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sha256, digest::sha256_hex(sample));
  EXPECT_EQ(rows[0].size_bytes, static_cast<std::int64_t>(sample.size()));
}

TEST_F(PqdifDropWatch, HiddenTemporaryNamesSubdirectoriesAndLinksAreIgnored) {
  start();
  const std::vector<std::string> ignored{".hidden.pqd", "upload.TMP", "b.part", "c.filepart"};
  for (const auto& name : ignored) write_bytes(drop / name, "not yet " + name);
  fs::create_directories(drop / "sub");
  write_bytes(drop / "sub" / kName, sample);
  write_bytes(dir.file("outside.pqd"), "outside");
  fs::create_symlink(dir.file("outside.pqd"), drop / "link.pqd");
  drain();
  EXPECT_EQ(repo->list_pqdif_files({}, {}).size(), 2u);  // start()'s and drain()'s only
  for (const auto& name : ignored) EXPECT_TRUE(fs::exists(drop / name)) << name;
  EXPECT_TRUE(fs::exists(drop / "sub" / kName));
  EXPECT_TRUE(fs::is_symlink(drop / "link.pqd"));
}

TEST_F(PqdifDropWatch, TheSameNameAndContentTwiceIsOneRow) {
  start(PqdifAfterIngest::keep);
  write_bytes(drop / kName, sample);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  write_bytes(drop / kName, sample);  // sent again
  ASSERT_TRUE(eventually([&] { return reports(kName) == 2; }));
  drain();
  EXPECT_EQ(stored(kName).size(), 1u);
  {
    std::lock_guard lock(mutex);
    std::vector<bool> created;
    for (const auto& [name, was_created] : seen)
      if (name == kName) created.push_back(was_created);
    EXPECT_EQ(created, (std::vector<bool>{true, false}));
  }
  EXPECT_EQ(metric("scp", "duplicate"), 1);
  EXPECT_EQ(file_bytes(drop / kName), sample);  // keep: left where it was
  EXPECT_FALSE(fs::exists(drop / "processed"));
}

TEST_F(PqdifDropWatch, NewContentUnderTheSameNameIsASecondRow) {
  start(PqdifAfterIngest::move);
  write_bytes(drop / kName, sample);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  write_bytes(drop / kName, sample + "trailer");
  ASSERT_TRUE(eventually([&] { return reports(kName) == 2; }));
  const auto rows = stored(kName);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].sha256, rows[1].sha256);
  EXPECT_EQ(file_bytes(drop / "processed" / kName), sample + "trailer");  // the latest
}

TEST_F(PqdifDropWatch, DeleteRemovesTheFileOnlyOnceItIsStored) {
  start(PqdifAfterIngest::remove);
  write_bytes(drop / kName, sample);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  drain();
  ASSERT_EQ(stored(kName).size(), 1u);
  EXPECT_EQ(files.read(stored(kName)[0].sha256), sample);
  EXPECT_FALSE(fs::exists(drop / kName));
  EXPECT_FALSE(fs::exists(drop / "processed"));
}

TEST_F(PqdifDropWatch, AFileWithoutTheMetersNamingIsStoredWithoutMeter) {
  add_meter("142300003");
  start();
  write_bytes(drop / "capture from site B.bin", "not named by a meter");
  ASSERT_TRUE(eventually([&] { return reports("capture from site B.bin") == 1; }));
  const auto rows = stored("capture from site B.bin");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].meter_id, std::nullopt);
  EXPECT_EQ(rows[0].data_type, std::nullopt);
  EXPECT_TRUE(fs::exists(drop / "processed" / "capture from site B.bin"));
}

TEST_F(PqdifDropWatch, AFileThatCannotBeStoredStaysAndIsTriedAgain) {
  retry_after = 1s;
  start();
  // The store cannot create its temporary file (a plain file where its directory was).
  const fs::path store_tmp = dir.file("store") + "/tmp";
  fs::remove_all(store_tmp);
  write_bytes(store_tmp, "in the way");
  write_bytes(drop / kName, sample);
  ASSERT_TRUE(eventually([&] { return metric("scp", "failed") == 1; }));
  EXPECT_TRUE(stored(kName).empty());
  EXPECT_EQ(file_bytes(drop / kName), sample);  // left where it was
  fs::remove(store_tmp);
  fs::create_directory(store_tmp);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  ASSERT_EQ(stored(kName).size(), 1u);
  EXPECT_EQ(files.read(stored(kName)[0].sha256), sample);
  EXPECT_EQ(metric("scp", "failed"), 1);
  EXPECT_FALSE(fs::exists(drop / kName));
  EXPECT_EQ(file_bytes(drop / "processed" / kName), sample);
}

TEST_F(PqdifDropWatch, TheStartupScanTakesWhatWasLeftAndFinishesAnInterruptedMove) {
  const auto meter = add_meter("142300003");
  const std::string other = "142300003_1454408800_000001_01.pqd";
  write_bytes(drop / kName, sample);
  write_bytes(drop / other, sample + "x");
  write_bytes(drop / "pending.pqd.part", "still uploading");
  // A crash after the row committed and before the move: stored, still in the directory.
  storage::PqdifArrival arrival;
  arrival.file_name = kName;
  arrival.source = PqdifSource::scp;
  const auto earlier = storage::ingest_pqdif_path(*repo, files, arrival, drop / kName);
  ASSERT_TRUE(earlier.created);

  start(PqdifAfterIngest::move, PqdifSource::scp, 100ms);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1 && reports(other) == 1; }));
  drain();
  ASSERT_EQ(stored(kName).size(), 1u);
  EXPECT_EQ(stored(kName)[0].id, earlier.file.id);
  ASSERT_EQ(stored(other).size(), 1u);
  EXPECT_EQ(stored(other)[0].meter_id, meter);
  EXPECT_EQ(stored(other)[0].sha256, digest::sha256_hex(sample + "x"));
  EXPECT_EQ(metric("scp", "duplicate"), 1);
  EXPECT_EQ(metric("scp", "ingested"), 3);  // `other`, start()'s and drain()'s
  EXPECT_FALSE(fs::exists(drop / kName));
  EXPECT_FALSE(fs::exists(drop / other));
  EXPECT_TRUE(fs::exists(drop / "processed" / kName));
  EXPECT_TRUE(fs::exists(drop / "processed" / other));
  EXPECT_TRUE(fs::exists(drop / "pending.pqd.part"));
}

// A file an uploader is still writing when jemhead starts: not taken by the scan (the
// kernel says it is open for writing, or, when it will not say, its size keeps changing
// across the settle interval), but at its close event, whole.
void PqdifDropWatch::grow_while_starting(bool probe_writers) {
  const auto path = drop / kName;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  const std::size_t chunks = 20;
  const std::size_t chunk = sample.size() / chunks + 1;
  // Writes on while the watcher starts: ~1 s, longer than the settle interval.
  std::thread writer([&] {
    for (std::size_t written = 0; written < sample.size(); written += chunk) {
      const auto n = std::min(chunk, sample.size() - written);
      if (::write(fd, sample.data() + written, n) != static_cast<ssize_t>(n)) return;
      std::this_thread::sleep_for(50ms);
    }
  });
  std::this_thread::sleep_for(20ms);
  start(PqdifAfterIngest::move, PqdifSource::scp, 300ms, probe_writers);
  writer.join();
  drain();
  EXPECT_TRUE(stored(kName).empty()) << "taken while still open for writing";
  ::close(fd);
  ASSERT_TRUE(eventually([&] { return reports(kName) == 1; }));
  drain();
  const auto rows = stored(kName);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sha256, digest::sha256_hex(sample));
}

TEST_F(PqdifDropWatch, AFileStillOpenForWritingAtStartIsTakenWhenClosed) {
  grow_while_starting(true);
}

TEST_F(PqdifDropWatch, AFileStillGrowingAtStartIsTakenWhenClosedWithoutLeases) {
  grow_while_starting(false);
}

TEST_F(PqdifDropWatch, StartFailsNamingADirectoryThatCannotBeWatched) {
  PqdifDropOptions options;
  options.directories.push_back({drop / "missing", PqdifSource::scp, PqdifAfterIngest::keep});
  auto log = std::make_shared<spdlog::logger>("pqdif");
  PqdifDropWatcher w(io, *repo, files, options, nullptr, log);
  try {
    w.start();
    FAIL() << "started on a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot watch PQDIF drop directory " +
                                         (drop / "missing").string() +
                                         ": No such file or directory");
  }
}

}  // namespace
}  // namespace jemhead::service
