#include "sim/pqdif/pqdif_export.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace jemhead::sim {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The regular *.pqd files of the directory: what an SFTP client sees.
std::set<std::string> served_names(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file() && ends_with(name, ".pqd")) out.insert(name);
  }
  return out;
}

// Written whole under a hidden temp name (never listed: not *.pqd), dated as the meter
// wrote it, then renamed into place.
void write_file(const fs::path& dir, const std::string& name, const std::string& bytes,
                UtcTime created) {
  const fs::path temp = dir / ("." + name + ".part");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
      throw fs::filesystem_error("cannot write", temp, std::make_error_code(std::errc::io_error));
  }
  const std::int64_t us = to_unix_micros(created);
  const timespec at{static_cast<time_t>(us / 1'000'000), static_cast<long>(us % 1'000'000) * 1000};
  const timespec times[2] = {at, at};
  ::utimensat(AT_FDCWD, temp.c_str(), times, 0);  // only the listing's date: best effort
  fs::rename(temp, dir / name);
}

}  // namespace

PqdifStoreMirror::PqdifStoreMirror(ExportTarget target) : target_(std::move(target)) {}

void PqdifStoreMirror::prepare() {
  const fs::path dir(target_.directory);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file() && (ends_with(name, ".pqd") || ends_with(name, ".pqd.part")))
      fs::remove(e.path());
  }
  written_.clear();
}

void PqdifStoreMirror::sync() {
  const fs::path dir(target_.directory);
  PqdifRecorder& recorder = *target_.recorder;
  // Gone from the directory since written: an SFTP client deleted it, so the meter has not.
  const auto on_disk = served_names(dir);
  for (auto it = written_.begin(); it != written_.end();) {
    if (on_disk.count(it->first)) {
      ++it;
      continue;
    }
    recorder.remove(it->first, target_.meter_now());
    it = written_.erase(it);
  }
  const auto store = recorder.list(target_.meter_now());
  std::set<std::string> kept;
  for (const auto& f : store) {
    kept.insert(f.name);
    const auto w = written_.find(f.name);
    if (w != written_.end() && w->second == f.size) continue;
    const auto bytes = recorder.bytes(f.name, target_.meter_now());
    if (!bytes) continue;  // left the store meanwhile
    write_file(dir, f.name, *bytes, f.created);
    written_[f.name] = bytes->size();
  }
  // Left the store (FIFO, HTTP DELETE, push delete): leaves the directory too.
  for (const auto& name : on_disk)
    if (!kept.count(name)) fs::remove(dir / name);
  std::erase_if(written_, [&](const auto& w) { return !kept.count(w.first); });
}

struct PqdifExporter::Impl {
  std::vector<PqdifStoreMirror> mirrors;
  std::vector<std::string> last_error;  // per mirror: log a failure once, not every pass
  std::chrono::milliseconds poll;
  std::mutex mutex;
  std::condition_variable changed;
  bool stop = false;
  std::thread worker;
};

PqdifExporter::PqdifExporter(std::vector<ExportTarget> targets, std::chrono::milliseconds poll)
    : impl_(std::make_unique<Impl>()) {
  impl_->poll = poll;
  for (auto& t : targets) impl_->mirrors.emplace_back(std::move(t));
  impl_->last_error.resize(impl_->mirrors.size());
}

PqdifExporter::~PqdifExporter() {
  stop();
}

void PqdifExporter::start() {
  if (impl_->worker.joinable() || impl_->mirrors.empty()) return;
  for (auto& m : impl_->mirrors) m.prepare();
  run_once();
  impl_->worker = std::thread([this] {
    for (;;) {
      {
        std::unique_lock lock(impl_->mutex);
        if (impl_->changed.wait_for(lock, impl_->poll, [this] { return impl_->stop; })) return;
      }
      run_once();
    }
  });
}

void PqdifExporter::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->changed.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

void PqdifExporter::run_once() {
  for (std::size_t i = 0; i < impl_->mirrors.size(); ++i) {
    auto& m = impl_->mirrors[i];
    std::string error;
    try {
      m.sync();
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (!error.empty() && error != impl_->last_error[i])
      spdlog::warn("meter {}: PQDIF export to {} failed: {}", m.target().serial,
                   m.target().directory, error);
    impl_->last_error[i] = std::move(error);
  }
}

}  // namespace jemhead::sim
