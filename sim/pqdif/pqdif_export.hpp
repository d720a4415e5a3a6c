#pragma once
// A meter's PQDIF store mirrored to a directory (`pqdif: export_directory:`), so that a real
// sshd pointed at it serves the meter's files over SFTP as the meter itself does (part4
// §3.7). One worker thread per jemsim (not the I/O threads) syncs every exporting meter
// every 100 ms: a file the directory lost was deleted by an SFTP client (delete after
// retrieval) and leaves the store; the store's new files are written (NAME under a temp
// name, then renamed, so a listing never sees half a file); files the store no longer has
// (FIFO, HTTP DELETE, push delete) leave the directory.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/pqdif/pqdif_recorder.hpp"

namespace jemhead::sim {

struct ExportTarget {
  std::string serial;
  std::string directory;
  PqdifRecorder* recorder = nullptr;
  std::function<UtcTime()> meter_now;  // the meter's simulated clock
};

// One meter's directory. Not thread-safe (the exporter's worker owns it).
class PqdifStoreMirror {
 public:
  explicit PqdifStoreMirror(ExportTarget target);
  // Creates the directory and drops what a previous run left (stray files, temp names);
  // throws std::filesystem::filesystem_error.
  void prepare();
  // One pass; throws std::filesystem::filesystem_error (the next pass tries again).
  void sync();
  const ExportTarget& target() const { return target_; }

 private:
  ExportTarget target_;
  std::map<std::string, std::size_t> written_;  // name -> size, as last written
};

class PqdifExporter {
 public:
  explicit PqdifExporter(std::vector<ExportTarget> targets,
                         std::chrono::milliseconds poll = std::chrono::milliseconds(100));
  ~PqdifExporter();
  PqdifExporter(const PqdifExporter&) = delete;
  PqdifExporter& operator=(const PqdifExporter&) = delete;

  // Prepares every directory and syncs once (so the files are there before jemsim says it
  // is ready; throws when a directory cannot be made), then syncs on the worker.
  void start();
  void stop();
  void run_once();  // one pass over every meter; errors are logged, not thrown

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::sim
