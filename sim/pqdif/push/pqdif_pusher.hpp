#pragma once
// The meters' Remote Server push (part4 §3.7): one worker thread, off jemsim's I/O threads,
// watches each pushing meter's store and sends every file as it appears there (daily
// files right after midnight, per-observation files once their data is captured: the
// recorder's own timing), retrying failures with backoff, then deletes the file from the
// store when delete_after_send is set. Sends are sequential: a meter whose server hangs
// delays the others by at most the sender's timeouts.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/pqdif/pqdif_recorder.hpp"
#include "sim/pqdif/push/push_queue.hpp"
#include "sim/pqdif/push/push_sender.hpp"

namespace jemhead::sim {

struct PushTarget {
  std::string serial;
  PqdifPushSpec spec;
  PqdifRecorder* recorder = nullptr;
  std::function<UtcTime()> meter_now;  // the meter's simulated clock
};

struct PushTestResult {
  std::string name;
  std::size_t size = 0;
  std::string error;  // empty = sent
};

struct PushStatus {
  PqdifPushSpec spec;
  std::size_t pending = 0;
  std::vector<PushLogEntry> log;
};

class PqdifPusher {
 public:
  // `poll` is how often the stores are looked at (simulated time may jump at any moment).
  explicit PqdifPusher(std::vector<PushTarget> targets, PushSender sender = push_file,
                       std::chrono::milliseconds poll = std::chrono::milliseconds(100));
  ~PqdifPusher();
  PqdifPusher(const PqdifPusher&) = delete;
  PqdifPusher& operator=(const PqdifPusher&) = delete;

  void start();
  void stop();  // waits for a send in progress
  void wake();  // look now (e.g. after a trigger or an advance)

  bool pushes(std::string_view serial) const;
  // The meter's Test button: sends a small sample file now, from the calling thread.
  PushTestResult push_test(std::string_view serial);
  // A copy of the meter's push log entry for `name` (nullptr-like: nullopt).
  std::optional<PushLogEntry> entry(std::string_view serial, const std::string& name) const;
  // The meter's settings and push log; nullopt when it does not push.
  std::optional<PushStatus> status(std::string_view serial) const;

  // One pass (what the thread does each poll): every store looked at, then the due files
  // sent, one per meter in turn, until none is due. Public for tests.
  void run_once();

 private:
  struct Meter;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The Test button's file: one measurement-log observation ending at `now`, named as the
// meter names its files but with data type 00, so it never replaces a recorded file of the
// same second on the server (the manual does not say what the meter's sample is).
PqdifFile push_test_file(const std::string& serial, PqdifRecorder& recorder, UtcTime now);

}  // namespace jemhead::sim
