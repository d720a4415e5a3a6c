#include "sim/alarms/alarm_service.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "core/alarm/alarm_json.hpp"
#include "core/digest/sha256.hpp"
#include "core/pqdif_file_name.hpp"
#include "sim/pqdif/pqdif_recorder.hpp"

namespace jemhead::sim {

namespace {

constexpr Micros kMinute{60'000'000};

bool any_trigger_type(const AlarmSpec& s) {
  return s.enabled("OU") || s.enabled("SS") || s.enabled("PQ") || s.enabled("RE");
}

struct FileRef {
  std::string name;
  std::shared_ptr<const std::string> bytes;
};

}  // namespace

struct AlarmService::Meter {
  AlarmTarget target;
  const AlarmSpec& spec;
  // Guarded by Impl::mutex:
  UtcTime scanned_until{};            // triggers before this were looked at
  std::vector<TriggerAlarm> endings;  // RE alarms still in the meter's future
  std::set<std::string> files_seen;   // the store as last looked at
  UtcTime last_on_demand{};
  std::vector<std::uint64_t> mail_pending;
  UtcTime mail_window_opened{};
  std::uint64_t mails = 0;

  explicit Meter(AlarmTarget t) : target(std::move(t)), spec(*target.meter->alarms) {}
  const std::string& serial() const { return target.meter->serial; }
};

struct AlarmService::Impl {
  std::vector<std::unique_ptr<Meter>> meters;
  AlarmSenders senders;
  std::chrono::milliseconds poll;
  AlarmLog log;
  std::mutex mutex;  // meters' state, the web queue, stop
  std::condition_variable web_changed, sources_changed;
  std::deque<std::pair<Meter*, std::uint64_t>> web_queue;
  bool stop = false;
  std::thread sources_thread, web_thread;

  Meter* find(std::string_view serial) const {
    for (const auto& m : meters)
      if (m->serial() == serial) return m.get();
    return nullptr;
  }
  // Caller holds mutex.
  std::uint64_t raise(Meter& m, const std::string& type, UtcTime at, AlarmProperties properties,
                      const FileRef& file);
  void look(Meter& m);
  bool send_mail_if_due(Meter& m);  // true when it sent (a mail may still be due)
};

std::uint64_t AlarmService::Impl::raise(Meter& m, const std::string& type, UtcTime at,
                                        AlarmProperties properties, const FileRef& file) {
  const AlarmSpec& spec = m.spec;
  const std::uint64_t id = log.add([&](std::uint64_t assigned) {
    SimAlarm a;
    a.serial = m.serial();
    a.event = build_alarm_event(*m.target.meter, spec, type, at, std::move(properties), assigned);
    if (file.bytes) {
      a.file_name = file.name;
      a.file_size = file.bytes->size();
      a.file_sha256 = digest::sha256_hex(*file.bytes);
      a.file_bytes = file.bytes;
    }
    if (spec.web) {
      a.web.emplace();
      a.web->json = encode_alarm_json(a.event, spec.web->style == AlarmJsonStyle::sample);
      a.web->content_type = file.bytes ? "multipart/form-data" : "application/json";
    }
    if (spec.mail) {
      a.mail.emplace();
      a.mail->json = encode_alarm_json(a.event, spec.mail->style == AlarmJsonStyle::sample);
    }
    return a;
  });
  if (spec.web) web_queue.emplace_back(&m, id);
  if (spec.mail) {
    if (m.mail_pending.empty()) m.mail_window_opened = m.target.meter_now();
    m.mail_pending.push_back(id);
  }
  return id;
}

// New triggers, endings now past and new PQDIF files, raised in the meter's time order.
void AlarmService::Impl::look(Meter& m) {
  PqdifRecorder* recorder = m.target.recorder;
  if (!recorder) return;
  const UtcTime now = m.target.meter_now();
  std::vector<TriggerAlarm> due;
  if (any_trigger_type(m.spec) && now > m.scanned_until) {
    for (const PqEvent& e : recorder->triggers(m.scanned_until, now)) {
      due.push_back(trigger_start_alarm(e, *m.target.meter));
      if (m.spec.enabled("RE")) m.endings.push_back(trigger_end_alarm(e, *m.target.meter));
    }
    m.scanned_until = now;
  }
  std::stable_partition(m.endings.begin(), m.endings.end(),
                        [&](const TriggerAlarm& r) { return r.at >= now; });
  while (!m.endings.empty() && m.endings.back().at < now) {
    due.push_back(std::move(m.endings.back()));
    m.endings.pop_back();
  }
  std::stable_sort(due.begin(), due.end(),
                   [](const TriggerAlarm& a, const TriggerAlarm& b) { return a.at < b.at; });
  for (auto& t : due)
    if (m.spec.enabled(t.type)) raise(m, t.type, t.at, std::move(t.properties), {});
  if (!m.spec.enabled("PQD")) return;
  std::set<std::string> store;
  for (const auto& f : recorder->list(now)) {
    store.insert(f.name);
    if (m.files_seen.contains(f.name)) continue;
    auto bytes = recorder->bytes(f.name, now);
    const auto parsed = parse_pqdif_file_name(f.name);
    if (!bytes || !parsed) continue;
    raise(m, "PQD", parsed->time, {{"PQDIF file", ""}},
          {f.name, std::make_shared<const std::string>(std::move(*bytes))});
  }
  m.files_seen = std::move(store);
}

bool AlarmService::Impl::send_mail_if_due(Meter& m) {
  std::vector<std::uint64_t> batch;
  UtcTime now{};
  std::uint64_t number = 0;
  {
    std::lock_guard lock(mutex);
    if (stop || !m.spec.mail || m.mail_pending.empty()) return false;
    now = m.target.meter_now();
    const int minutes = m.spec.mail->frequency_min;
    if (minutes > 0 && now < m.mail_window_opened + kMinute * minutes) return false;
    if (minutes == 0) {  // "sends immediately": one mail per event
      batch.push_back(m.mail_pending.front());
      m.mail_pending.erase(m.mail_pending.begin());
    } else {
      batch.swap(m.mail_pending);
    }
    number = ++m.mails;
  }
  std::vector<MailAlarmItem> items;
  std::vector<SimAlarm> alarms;
  for (auto id : batch)
    if (auto a = log.get(id)) alarms.push_back(std::move(*a));
  for (const auto& a : alarms)
    items.push_back({a.event.event_type_text, a.mail->json, a.file_name, a.file_bytes.get()});
  MailAlarmResult r;
  try {
    r = senders.mail(*m.spec.mail, m.serial(), items, now);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  for (auto id : batch)
    log.update(id, [&](SimAlarm& a) {
      a.mail->state = r.sent ? DeliveryState::sent : DeliveryState::failed;
      a.mail->error = r.error;
      a.mail->mail_number = number;
      a.mail->sent_at = now;
    });
  return true;
}

AlarmService::AlarmService(std::vector<AlarmTarget> targets, AlarmSenders senders,
                           std::chrono::milliseconds poll)
    : impl_(std::make_unique<Impl>()) {
  impl_->senders = std::move(senders);
  impl_->poll = poll;
  for (auto& t : targets) {
    auto m = std::make_unique<Meter>(std::move(t));
    // Nothing from before the notifier started: triggers and files already there are old.
    const UtcTime now = m->target.meter_now();
    m->scanned_until = now;
    if (m->target.recorder && m->spec.enabled("PQD"))
      for (const auto& f : m->target.recorder->list(now)) m->files_seen.insert(f.name);
    impl_->meters.push_back(std::move(m));
  }
}

AlarmService::~AlarmService() {
  stop();
}

void AlarmService::start() {
  if (impl_->sources_thread.joinable() || impl_->meters.empty()) return;
  impl_->sources_thread = std::thread([this] {
    for (;;) {
      run_sources_once();
      std::unique_lock lock(impl_->mutex);
      impl_->sources_changed.wait_for(lock, impl_->poll);
      if (impl_->stop) return;
    }
  });
  impl_->web_thread = std::thread([this] {
    for (;;) {
      run_web_once();
      std::unique_lock lock(impl_->mutex);
      impl_->web_changed.wait(lock, [this] { return impl_->stop || !impl_->web_queue.empty(); });
      if (impl_->stop) return;
    }
  });
}

void AlarmService::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->sources_changed.notify_all();
  impl_->web_changed.notify_all();
  if (impl_->sources_thread.joinable()) impl_->sources_thread.join();
  if (impl_->web_thread.joinable()) impl_->web_thread.join();
}

bool AlarmService::notifies(std::string_view serial) const {
  return impl_->find(serial) != nullptr;
}

const AlarmSpec* AlarmService::spec(std::string_view serial) const {
  const Meter* m = impl_->find(serial);
  return m ? &m->spec : nullptr;
}

const AlarmLog& AlarmService::log() const {
  return impl_->log;
}

std::vector<std::uint64_t> AlarmService::raise(std::string_view serial, const std::string& type,
                                               const AlarmProperties& properties, std::size_t count,
                                               const std::string& file) {
  Meter* m = impl_->find(serial);
  if (!m) throw AlarmRequestError(404, "meter " + std::string(serial) + " sends no alarms");
  if (std::find(kSimAlarmTypes.begin(), kSimAlarmTypes.end(), type) == kSimAlarmTypes.end())
    throw AlarmRequestError(400, "type must be one of OU, SS, PQ, RE, BAT, TS, CFG, PQD");
  if (!m->spec.enabled(type))
    throw AlarmRequestError(409, "event " + type + " is not enabled for meter " + m->serial());
  FileRef ref;
  std::optional<UtcTime> file_time;
  if (type == "PQD") {
    if (file.empty() || !m->target.recorder)
      throw AlarmRequestError(400, "a PQD alarm needs \"file\": a file in the meter's PQDIF store");
    auto bytes = m->target.recorder->bytes(file, m->target.meter_now());
    const auto parsed = parse_pqdif_file_name(file);
    if (!bytes || !parsed)
      throw AlarmRequestError(404, "meter " + m->serial() + " holds no PQDIF file " + file);
    ref = {file, std::make_shared<const std::string>(std::move(*bytes))};
    file_time = parsed->time;
  } else if (!file.empty()) {
    throw AlarmRequestError(400, "only PQD alarms carry a file");
  }
  std::vector<std::uint64_t> ids;
  {
    std::lock_guard lock(impl_->mutex);
    UtcTime at = file_time.value_or(std::max(m->target.meter_now(), m->last_on_demand + Micros{1}));
    for (std::size_t i = 0; i < count; ++i) {
      auto props = properties.empty() ? default_alarm_properties(type) : properties;
      ids.push_back(impl_->raise(*m, type, at, std::move(props), ref));
      if (!file_time) m->last_on_demand = at;
      at += Micros{1};
    }
  }
  impl_->web_changed.notify_all();
  impl_->sources_changed.notify_all();
  return ids;
}

void AlarmService::run_sources_once() {
  {
    std::lock_guard lock(impl_->mutex);
    for (auto& m : impl_->meters) impl_->look(*m);
  }
  impl_->web_changed.notify_all();
  for (auto& m : impl_->meters)
    while (impl_->send_mail_if_due(*m)) {
    }
}

void AlarmService::run_web_once() {
  for (;;) {
    std::pair<Meter*, std::uint64_t> next;
    {
      std::lock_guard lock(impl_->mutex);
      if (impl_->stop || impl_->web_queue.empty()) return;
      next = impl_->web_queue.front();
      impl_->web_queue.pop_front();
    }
    auto [m, id] = next;
    auto alarm = impl_->log.get(id);
    if (!alarm) continue;
    WebAlarmPost post{alarm->web->json, alarm->file_name, alarm->file_bytes.get()};
    WebAlarmResult r;
    try {
      r = impl_->senders.web(*m->spec.web, post);
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    const UtcTime now = m->target.meter_now();
    impl_->log.update(id, [&](SimAlarm& a) {
      a.web->state = r.sent ? DeliveryState::sent : DeliveryState::failed;
      a.web->http_status = r.http_status;
      a.web->error = r.error;
      a.web->insecure = r.insecure;
      a.web->sent_at = now;
    });
  }
}

}  // namespace jemhead::sim
