#pragma once
// One meter's PQ recorder and its PQDIF file store: the files the meter has written up to
// a simulated instant, generated lazily (whenever someone looks) from the seed, the
// metrology model and the forced triggers, so the store does not depend on when or how
// often it was read. FIFO: the oldest files go when more than max_files (or max_store_bytes) are
// kept (part4 §3.7). Thread-safe.
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/pqdif/model.hpp"
#include "sim/meter_spec.hpp"
#include "sim/metrology.hpp"
#include "sim/pqdif/pq_events.hpp"
#include "sim/pqdif/pq_observations.hpp"
#include "sim/pqdif/pqdif_file_builder.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

struct PqdifFileInfo {
  std::string name;
  std::size_t size = 0;
  UtcTime created{};
};

class PqdifRecorder {
 public:
  // `model` must outlive the recorder; `epoch` is when the meter started recording.
  PqdifRecorder(const MeterSpec& spec, const MetrologyModel& model, UtcTime epoch);

  const PqdifSpec& spec() const { return *pqdif_; }
  const pqdif::DataSource& data_source() const { return source_; }

  // Every call first brings the store up to `now` (simulated time; never backwards).
  std::vector<PqdifFileInfo> list(UtcTime now);
  std::optional<std::string> bytes(const std::string& name, UtcTime now);
  bool remove(const std::string& name, UtcTime now);
  // Looks at the whole store under the lock (keep it short).
  void read(UtcTime now, const std::function<void(const std::deque<PqdifFile>&)>& visit);
  // Forces a trigger of `kind` at `now` (after any earlier forced one); its file appears
  // when its recordings are complete (single mode) or at midnight (multiple mode).
  PqEvent trigger(PqEventKind kind, UtcTime now);
  // The triggers (seeded and forced) in [from, to) after the epoch, in time order: what
  // the alarm notifier reports (sim/alarms/). A later forced trigger lands at or after the
  // latest `to` asked for, so none slips behind a span already reported.
  std::vector<PqEvent> triggers(UtcTime from, UtcTime to);

  // The pre-event state at `at`, and one measurement-log value (primary units).
  PqBase base_at(UtcTime at) const;
  double ml_value(const std::string& channel, UtcTime at) const;

 private:
  void catch_up(UtcTime now);  // caller holds mutex_
  std::vector<PqdifFile> build(const struct PqdifFilePlan& plan) const;

  const MeterSpec& meter_;
  std::shared_ptr<const PqdifSpec> pqdif_;
  const MetrologyModel& model_;
  UtcTime epoch_;
  pqdif::DataSource source_;
  std::mutex mutex_;
  UtcTime generated_until_;
  std::vector<PqEvent> forced_;
  UtcTime triggers_reported_until_{};
  std::deque<PqdifFile> files_;
};

}  // namespace jemhead::sim
