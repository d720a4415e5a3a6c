#include "sim/pqdif/push/pqdif_pusher.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/digest/sha256.hpp"
#include "sim/pqdif/pq_observations.hpp"

namespace jemhead::sim {

struct PqdifPusher::Meter {
  explicit Meter(PushTarget t)
      : target(std::move(t)), queue(target.spec.retry_initial, target.spec.retry_max) {}
  PushTarget target;
  mutable std::mutex mutex;  // guards queue
  PushQueue queue;
};

struct PqdifPusher::Impl {
  std::vector<std::unique_ptr<Meter>> meters;
  PushSender sender;
  std::chrono::milliseconds poll;
  std::mutex mutex;  // guards stop/woken
  std::condition_variable changed;
  bool stop = false;
  bool woken = false;
  std::thread worker;

  Meter* find(std::string_view serial) const {
    for (const auto& m : meters)
      if (m->target.serial == serial) return m.get();
    return nullptr;
  }
  bool stopping() {
    std::lock_guard lock(mutex);
    return stop;
  }
  void observe(Meter& m);
  bool push_one(Meter& m, PushClock::time_point due);  // false when nothing is due
};

PqdifPusher::PqdifPusher(std::vector<PushTarget> targets, PushSender sender,
                         std::chrono::milliseconds poll)
    : impl_(std::make_unique<Impl>()) {
  impl_->sender = std::move(sender);
  impl_->poll = poll;
  for (auto& t : targets) impl_->meters.push_back(std::make_unique<Meter>(std::move(t)));
}

PqdifPusher::~PqdifPusher() {
  stop();
}

void PqdifPusher::start() {
  if (impl_->worker.joinable() || impl_->meters.empty()) return;
  impl_->worker = std::thread([this] {
    for (;;) {
      run_once();
      std::unique_lock lock(impl_->mutex);
      impl_->changed.wait_for(lock, impl_->poll, [this] { return impl_->stop || impl_->woken; });
      if (impl_->stop) return;
      impl_->woken = false;
    }
  });
}

void PqdifPusher::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->changed.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

void PqdifPusher::wake() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->woken = true;
  }
  impl_->changed.notify_all();
}

void PqdifPusher::Impl::observe(Meter& m) {
  const auto store = m.target.recorder->list(m.target.meter_now());
  std::lock_guard lock(m.mutex);
  m.queue.observe(store, PushClock::now());
}

bool PqdifPusher::Impl::push_one(Meter& m, PushClock::time_point due) {
  auto& t = m.target;
  std::optional<std::string> name;
  {
    std::lock_guard lock(m.mutex);
    name = m.queue.take_due(due);
  }
  if (!name) return false;
  const auto bytes = t.recorder->bytes(*name, t.meter_now());
  if (!bytes) {
    std::lock_guard lock(m.mutex);
    m.queue.gone(*name);
    return true;
  }
  std::string why;
  try {
    why = sender(t.spec, *name, *bytes);
  } catch (const std::exception& e) {
    why = e.what();
  }
  if (!why.empty()) {
    std::lock_guard lock(m.mutex);
    m.queue.failed(*name, std::move(why), PushClock::now());
    return true;
  }
  {
    std::lock_guard lock(m.mutex);
    m.queue.sent(*name, bytes->size(), digest::sha256_hex(*bytes), t.meter_now());
  }
  if (t.spec.delete_after_send && t.recorder->remove(*name, t.meter_now())) {
    std::lock_guard lock(m.mutex);
    m.queue.mark_deleted(*name);
  }
  return true;
}

void PqdifPusher::run_once() {
  for (auto& m : impl_->meters) impl_->observe(*m);
  // One file per meter in turn, so a meter with many files (or a slow server) does not
  // hold the others back; only what was due when the pass began, so a failing meter's
  // retries cannot keep the pass from ending (and the stores from being looked at again).
  const auto due = PushClock::now();
  for (bool any = true; any && !impl_->stopping();) {
    any = false;
    for (auto& m : impl_->meters) {
      if (impl_->stopping()) return;
      any = impl_->push_one(*m, due) || any;
    }
  }
}

bool PqdifPusher::pushes(std::string_view serial) const {
  return impl_->find(serial) != nullptr;
}

PqdifFile push_test_file(const std::string& serial, PqdifRecorder& recorder, UtcTime now) {
  PqdifSpec one = recorder.spec();
  one.ml_interval_minutes = one.ml_record_minutes;  // a single record: small
  auto sample = [&recorder](const std::string& c, UtcTime at) { return recorder.ml_value(c, at); };
  std::vector<pqdif::Observation> obs{measurement_log_observation(now, one, sample)};
  const std::int64_t seconds = to_unix_micros(now) / 1'000'000;
  // Data type 00 (nothing recorded): never the name of a file the meter really wrote.
  auto files = build_pqdif_files(serial, recorder.data_source(), obs, seconds, now, 0, one);
  return std::move(files.front());
}

PushTestResult PqdifPusher::push_test(std::string_view serial) {
  Meter* m = impl_->find(serial);
  if (!m) return {{}, 0, "this meter has no Remote Server push configured"};
  const UtcTime now = m->target.meter_now();
  PqdifFile file = push_test_file(m->target.serial, *m->target.recorder, now);
  PushTestResult result{file.name, file.bytes.size(), {}};
  try {
    result.error = impl_->sender(m->target.spec, file.name, file.bytes);
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  PushLogEntry e;
  e.name = file.name;
  e.size = file.bytes.size();
  e.attempts = 1;
  if (result.error.empty()) {
    e.sha256 = digest::sha256_hex(file.bytes);
    e.pushed_at = now;
  } else {
    e.error = result.error;
  }
  std::lock_guard lock(m->mutex);
  m->queue.log_test(std::move(e));
  return result;
}

std::optional<PushLogEntry> PqdifPusher::entry(std::string_view serial,
                                               const std::string& name) const {
  Meter* m = impl_->find(serial);
  if (!m) return std::nullopt;
  std::lock_guard lock(m->mutex);
  const PushLogEntry* e = m->queue.find(name);
  return e ? std::optional<PushLogEntry>(*e) : std::nullopt;
}

std::optional<PushStatus> PqdifPusher::status(std::string_view serial) const {
  Meter* m = impl_->find(serial);
  if (!m) return std::nullopt;
  std::lock_guard lock(m->mutex);
  return PushStatus{m->target.spec, m->queue.pending(),
                    std::vector<PushLogEntry>(m->queue.log().begin(), m->queue.log().end())};
}

}  // namespace jemhead::sim
