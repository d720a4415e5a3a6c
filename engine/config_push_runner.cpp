#include "engine/config_push_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "core/alarm/alarm_event.hpp"
#include "core/config/config_impact.hpp"
#include "core/config/config_readback.hpp"
#include "core/config/meter_configuration.hpp"
#include "engine/clock_sync.hpp"
#include "engine/reading_store.hpp"
#include "engine/session_budget.hpp"
#include "storage/alarm_ingest.hpp"

namespace jemhead::engine {

namespace asio = boost::asio;
namespace json = boost::json;
using drivers::Task;

// ---- pure helpers -----------------------------------------------------------------------

namespace {

bool is_read_back(const ConfigPushSection& r) {
  return r.section.rfind(kReadBackPrefix, 0) == 0;
}

bool delivered(const std::string& outcome) {
  return outcome == "applied" || outcome == "verified" || outcome == "unchanged" ||
         outcome == "mismatch";
}

bool refused(const std::string& outcome) {
  return outcome == "refused_mid" || outcome == "refused_by_meter";
}

}  // namespace

ConfigPushStatus push_status(const std::vector<ConfigPushSection>& results) {
  std::size_t ops = 0, ok = 0, any_delivered = 0, any_refused = 0;
  std::set<std::string> applied_sections;
  for (const auto& r : results) {
    if (is_read_back(r)) continue;
    ++ops;
    ok += r.outcome == "applied" || r.outcome == "verified" || r.outcome == "unchanged";
    any_delivered += delivered(r.outcome);
    any_refused += refused(r.outcome);
    if (r.outcome == "applied") applied_sections.insert(r.section);
  }
  // A read-back mismatch counts against the push only for a section it delivered.
  bool delivered_mismatch = false;
  for (const auto& r : results)
    if (is_read_back(r) && r.outcome == "mismatch" &&
        applied_sections.count(r.section.substr(std::string_view(kReadBackPrefix).size())))
      delivered_mismatch = true;
  if (ops == 0 || (ok == ops && !delivered_mismatch)) return ConfigPushStatus::succeeded;
  if (any_delivered > 0) return ConfigPushStatus::partial;
  if (any_refused == ops) return ConfigPushStatus::refused;
  return ConfigPushStatus::failed;
}

bool configuration_change_active(const StatusSnapshot& snapshot) {
  for (const auto& p : snapshot.points)
    if (p.name == "system.configuration_change") return p.active;
  return false;
}

namespace {

// ---- meter I/O ---------------------------------------------------------------------------

constexpr auto kCancelGrace = std::chrono::seconds(5);

std::string error_text(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const drivers::DriverError& e) {
    std::string text(e.kind());
    text += ": ";
    text += e.what();
    return text;
  } catch (const std::exception& e) {
    return e.what();
  }
}

template <typename T>
Task<T> holding(std::shared_ptr<asio::cancellation_signal>, Task<T> work) {
  co_return co_await std::move(work);
}

// Runs `work` on the I/O executor and waits for it from this worker thread; past the
// deadline the work is cancelled and, if it does not unwind in time, a Timeout is thrown.
template <typename T>
T run_io(asio::any_io_executor executor, Task<T> work, std::chrono::milliseconds deadline) {
  auto signal = std::make_shared<asio::cancellation_signal>();
  auto strand = asio::make_strand(executor);
  auto future = asio::co_spawn(strand, holding(signal, std::move(work)),
                               asio::bind_cancellation_slot(signal->slot(), asio::use_future));
  if (future.wait_for(deadline) != std::future_status::ready) {
    asio::post(strand, [signal] { signal->emit(asio::cancellation_type::terminal); });
    if (future.wait_for(kCancelGrace) != std::future_status::ready)
      throw drivers::Timeout("the meter I/O did not finish within its deadline of " +
                             std::to_string(deadline.count()) + " ms");
  }
  return future.get();
}

Task<std::optional<BudgetLease>> lease_for(ResourceBudget* budget, ConnectionProfile profile) {
  if (!budget) co_return std::nullopt;
  auto waiting = acquire_session(*budget, claim_for(profile));
  co_return co_await std::move(waiting);
}

// One operation's outcome over one session.
template <typename T>
struct IoResult {
  std::optional<T> value;
  std::string error;              // "" when it worked
  bool refused_by_meter = false;  // the meter answered with a protocol exception
};

template <typename T, typename Op>
Task<IoResult<T>> in_session(const drivers::Driver* driver, ResourceBudget* budget, Meter meter,
                             ConnectionProfile profile, Op op) {
  IoResult<T> out;
  auto leasing = lease_for(budget, profile);
  auto lease = co_await std::move(leasing);
  std::unique_ptr<drivers::Session> session;
  std::exception_ptr failure;
  try {
    const auto executor = co_await asio::this_coro::executor;
    auto opening = driver->open(meter, profile, executor);
    session = co_await std::move(opening);
    auto running = op(*session);
    out.value = co_await std::move(running);
  } catch (const drivers::ProtocolException&) {
    failure = std::current_exception();
    out.refused_by_meter = true;
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) out.error = error_text(failure);
  if (session) {
    try {
      auto closing = session->close();
      co_await std::move(closing);
    } catch (const drivers::DriverError&) {
      // What was done is done; a failed goodbye changes nothing about it.
    }
  }
  co_return out;
}

template <typename T, typename Op>
IoResult<T> run_in_session(const drivers::DriverRegistry& registry, asio::any_io_executor io,
                           ResourceBudget* budget, std::chrono::milliseconds deadline,
                           const Meter& meter, const ConnectionProfile& profile, Op op) {
  try {
    return run_io(io, in_session<T>(registry.find(profile.protocol), budget, meter, profile, op),
                  deadline);
  } catch (...) {
    IoResult<T> out;
    out.error = error_text(std::current_exception());
    return out;
  }
}

// What the read-back got from one profile's session.
struct ReadIo {
  std::optional<drivers::MeterIdentity> identity;
  std::vector<LoadProfileLayout> layouts;
  std::vector<std::string> errors;
};

Task<ReadIo> read_back_session(const drivers::Driver* driver, ResourceBudget* budget, Meter meter,
                               ConnectionProfile profile, bool identity,
                               std::vector<std::uint8_t> lp_profiles) {
  ReadIo out;
  auto leasing = lease_for(budget, profile);
  auto lease = co_await std::move(leasing);
  std::unique_ptr<drivers::Session> session;
  try {
    const auto executor = co_await asio::this_coro::executor;
    auto opening = driver->open(meter, profile, executor);
    session = co_await std::move(opening);
  } catch (...) {
    out.errors.push_back(profile.name + ": " + error_text(std::current_exception()));
    co_return out;
  }
  if (identity) {
    try {
      auto reading = session->read_identity();
      out.identity = co_await std::move(reading);
    } catch (...) {
      out.errors.push_back("identity: " + error_text(std::current_exception()));
    }
  }
  for (const auto p : lp_profiles) {
    try {
      // An empty window: the layout (capture objects and period) only, no intervals.
      drivers::LoadProfileRequest request;
      request.profile = p;
      const auto now = utc_now();
      request.after = now;
      request.to = now;
      auto reading = session->read_load_profile(request);
      auto read = co_await std::move(reading);
      out.layouts.push_back(std::move(read.layout));
    } catch (...) {
      std::string what = "load profile ";
      what += std::to_string(p);
      what += ": ";
      what += error_text(std::current_exception());
      out.errors.push_back(std::move(what));
    }
  }
  try {
    auto closing = session->close();
    co_await std::move(closing);
  } catch (const drivers::DriverError&) {
  }
  co_return out;
}

std::string protocols_text(const std::vector<ConnectionProfile>& profiles) {
  std::vector<std::string> names;
  for (const auto& p : profiles) {
    std::string n(to_text(p.protocol));
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out.empty() ? std::string("none") : out;
}

std::string target_of(std::int64_t meter_id) {
  std::string t = "meter/";
  t += std::to_string(meter_id);
  return t;
}

config::MeterConfiguration parse_document(const std::string& text) {
  return config::from_json_text(text).config;
}

// The document the meter is taken to hold before `version`: the previous version, or the
// factory defaults (with the target's hardware) for a first version.
config::MeterConfiguration previous_document(storage::Store& repo, std::int64_t meter_id,
                                             std::int64_t version,
                                             const config::MeterConfiguration& target) {
  if (version > 1)
    if (const auto v = repo.config_version(meter_id, version - 1))
      return parse_document(v->document_json);
  config::MeterConfiguration defaults;
  defaults.hardware = target.hardware;
  return defaults;
}

std::vector<std::string> document_sections() {
  std::vector<std::string> out;
  for (const auto& [key, value] : config::to_json(config::MeterConfiguration{}))
    out.emplace_back(key);
  return out;
}

// Re-initialisations and destructive changes caused by the requested sections, in words;
// empty when nothing needs confirmation.
std::vector<std::string> confirmation_reasons(const config::ImpactReport& impact,
                                              const std::vector<std::string>& sections) {
  const auto requested = [&](const std::string& path) {
    const auto s = config::section_of(path);
    return std::find(sections.begin(), sections.end(), s) != sections.end();
  };
  std::vector<std::string> out;
  for (const auto& r : impact.reinitialized)
    for (const auto& path : r.because)
      if (requested(path)) {
        std::string t = "re-initialises ";
        t += to_text(r.data);
        t += " (";
        t += path;
        t += ")";
        out.push_back(std::move(t));
        break;
      }
  for (const auto& d : impact.destructive)
    if (requested(d.path)) out.push_back(d.path + ": " + d.why);
  return out;
}

json::array presets_json(const std::vector<drivers::RegisterPreset>& presets) {
  json::array a;
  for (const auto& p : presets) a.push_back(json::object{{"point", p.point}, {"value", p.value}});
  return a;
}
json::array outputs_json(const std::vector<drivers::OutputCommand>& outputs) {
  json::array a;
  for (const auto& o : outputs) a.push_back(json::object{{"output", o.output}, {"on", o.on}});
  return a;
}

struct Operations {
  bool clock = false;
  std::vector<drivers::RegisterPreset> presets;
  std::vector<drivers::OutputCommand> outputs;
};

// The operations ride in the push's impact_json ("requested_operations") so a push resumed
// after a restart does what was asked.
Operations operations_of(const ConfigPush& push) {
  Operations ops;
  boost::system::error_code ec;
  const auto v = json::parse(push.impact_json, ec);
  if (ec || !v.is_object()) return ops;
  const auto* o = v.as_object().if_contains("requested_operations");
  if (!o || !o->is_object()) return ops;
  const auto& r = o->as_object();
  if (const auto* c = r.if_contains("clock"); c && c->is_bool()) ops.clock = c->as_bool();
  if (const auto* p = r.if_contains("presets"); p && p->is_array())
    for (const auto& e : p->as_array())
      if (e.is_object() && e.as_object().contains("point") && e.as_object().contains("value"))
        ops.presets.push_back(
            {json::value_to<std::string>(e.at("point")), e.at("value").to_number<double>()});
  if (const auto* p = r.if_contains("outputs"); p && p->is_array())
    for (const auto& e : p->as_array())
      if (e.is_object() && e.as_object().contains("output") && e.as_object().contains("on"))
        ops.outputs.push_back({json::value_to<std::string>(e.at("output")), e.at("on").as_bool()});
  return ops;
}

// Whether a preset's read-back matches: the register keeps counting after the preset, so
// it may be ahead by a little (0.5 % or 1 unit, whichever is more), never behind.
bool preset_read_back_matches(double written, double read) {
  const double slack = std::max(1.0, std::fabs(written) * 0.005);
  return read >= written - 1e-6 && read <= written + slack;
}

const RegisterReading* reading_for(const drivers::RegisterPreset& preset,
                                   const std::vector<RegisterReading>& readings,
                                   std::size_t presets) {
  for (const auto& r : readings)
    if (r.register_id == preset.point || r.description == preset.point ||
        r.description.rfind(preset.point + " (", 0) == 0)
      return &r;
  if (presets == 1 && readings.size() == 1) return &readings.front();
  return nullptr;
}

std::string format_number(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

}  // namespace

// ---- the runner --------------------------------------------------------------------------

struct ConfigPushRunner::Impl : std::enable_shared_from_this<Impl> {
  Impl(storage::Repository& r, const drivers::DriverRegistry& d, asio::any_io_executor e,
       ResourceBudget* b, ConfigPushOptions o, std::shared_ptr<spdlog::logger> l)
      : repo(r),
        drivers(d),
        io(std::move(e)),
        budget(b),
        options(std::move(o)),
        log(l ? std::move(l) : spdlog::default_logger()) {}

  storage::Repository& repo;
  const drivers::DriverRegistry& drivers;
  asio::any_io_executor io;
  ResourceBudget* budget;
  ConfigPushOptions options;
  std::shared_ptr<spdlog::logger> log;

  struct Work {
    std::int64_t meter_id = 0;
    std::optional<std::int64_t> push_id;  // else a read-back
    std::string trigger;
    std::shared_ptr<std::promise<ConfigReadback>> done;  // read-backs someone waits for
  };

  std::mutex mutex;
  std::condition_variable wake;
  std::map<std::int64_t, std::deque<Work>> queues;
  std::set<std::int64_t> scheduled;  // meters in `ready` or being served
  std::deque<std::int64_t> ready;
  std::size_t running = 0;
  bool started = false;
  bool stopping = false;
  std::vector<std::thread> threads;
  std::map<std::int64_t, bool> bit11;  // last System Bit 11 state seen per meter

  std::chrono::milliseconds deadline() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(options.deadline);
  }

  // ---- queue ----

  bool enqueue(Work w) {
    std::lock_guard lock(mutex);
    if (!started || stopping) return false;
    const auto meter = w.meter_id;
    queues[meter].push_back(std::move(w));
    if (scheduled.insert(meter).second) ready.push_back(meter);
    wake.notify_all();
    return true;
  }

  void worker() {
    std::unique_lock lock(mutex);
    for (;;) {
      wake.wait(lock, [&] { return stopping || !ready.empty(); });
      if (stopping) return;
      const auto meter = ready.front();
      ready.pop_front();
      auto& q = queues[meter];
      Work w = std::move(q.front());
      q.pop_front();
      ++running;
      lock.unlock();
      serve(w);
      lock.lock();
      --running;
      if (auto it = queues.find(meter); it != queues.end() && !it->second.empty()) {
        ready.push_back(meter);
      } else {
        queues.erase(meter);
        scheduled.erase(meter);
      }
      wake.notify_all();
    }
  }

  void serve(Work& w) {
    try {
      if (w.push_id) {
        run_push(*w.push_id);
      } else {
        auto r = run_readback(w.meter_id, w.trigger);
        if (w.done) w.done->set_value(std::move(r));
      }
    } catch (...) {
      if (w.done) {
        w.done->set_exception(std::current_exception());
      } else {
        log->error("meter {}: configuration {} failed: {}", w.meter_id,
                   w.push_id ? "push " + std::to_string(*w.push_id) : std::string("read-back"),
                   error_text(std::current_exception()));
        if (w.push_id) fail_push(*w.push_id, error_text(std::current_exception()));
      }
    }
  }

  void fail_push(std::int64_t id, const std::string& error) {
    try {
      auto push = repo.config_push(id);
      if (!push) return;
      push->status = ConfigPushStatus::failed;
      push->error = error;
      push->finished_at = utc_now();
      repo.update_config_push(*push);
    } catch (const std::exception& e) {
      log->error("config push {}: cannot record its failure: {}", id, e.what());
    }
  }

  // ---- read-back ----

  struct ReadBack {
    config::ObservedConfiguration observed;
    std::vector<std::string> errors;
    std::string protocol;  // of the profile that read it
    bool anything = false;
  };

  std::optional<ConnectionProfile> route(const std::vector<ConnectionProfile>& profiles,
                                         Capability c, std::string& why) const {
    return drivers.route(profiles, c, why);
  }

  ReadBack read_back(const Meter& meter, const std::vector<ConnectionProfile>& profiles,
                     std::size_t document_profiles) {
    ReadBack out;
    std::string why_identity, why_lp;
    const auto identity = route(profiles, Capability::read_identity, why_identity);
    const auto lp = route(profiles, Capability::read_load_profile, why_lp);
    std::vector<std::uint8_t> lp_profiles;
    for (std::size_t p = 1;
         p <= std::max<std::size_t>(1, std::min<std::size_t>(2, document_profiles)); ++p)
      lp_profiles.push_back(static_cast<std::uint8_t>(p));
    if (!identity) out.errors.push_back(why_identity);
    if (!lp) out.errors.push_back(why_lp);
    std::vector<std::pair<ConnectionProfile, std::pair<bool, bool>>> plan;  // profile, (id, lp)
    if (identity) plan.push_back({*identity, {true, false}});
    if (lp) {
      if (identity && identity->name == lp->name)
        plan.back().second.second = true;
      else
        plan.push_back({*lp, {false, true}});
    }
    for (const auto& [profile, what] : plan) {
      ReadIo io_result;
      try {
        io_result = run_io(
            io,
            read_back_session(drivers.find(profile.protocol), budget, meter, profile, what.first,
                              what.second ? lp_profiles : std::vector<std::uint8_t>{}),
            deadline());
      } catch (...) {
        io_result.errors.push_back(profile.name + ": " + error_text(std::current_exception()));
      }
      if (io_result.identity) {
        config::observe_identity(io_result.identity->fields, out.observed);
        out.anything = true;
      }
      for (const auto& layout : io_result.layouts) {
        config::observe_load_profile(layout, out.observed);
        out.anything = true;
      }
      for (auto& e : io_result.errors) out.errors.push_back(std::move(e));
      if (out.protocol.empty() && (io_result.identity || !io_result.layouts.empty()))
        out.protocol = std::string(to_text(profile.protocol));
    }
    return out;
  }

  ConfigReadback readback_record(const Meter& meter, const ReadBack& rb,
                                 const std::optional<ConfigVersion>& version,
                                 const std::string& trigger, config::ReadbackComparison* cmp_out) {
    ConfigReadback r;
    r.meter_id = meter.id;
    r.read_at = utc_now();
    r.trigger = trigger;
    auto observed = config::to_json(rb.observed);
    json::array errors;
    for (const auto& e : rb.errors) errors.emplace_back(e);
    observed["errors"] = std::move(errors);
    r.observed_json = json::serialize(observed);
    if (version) {
      r.compared_version = version->version;
      const auto cmp = config::compare_readback(parse_document(version->document_json), rb.observed,
                                                meter.serial);
      r.differences_json = json::serialize(config::to_json(cmp.differences));
      r.drift = cmp.drift();
      if (cmp_out) *cmp_out = cmp;
    }
    return r;
  }

  ConfigReadback run_readback(std::int64_t meter_id, const std::string& trigger) {
    const auto meter = repo.find_meter(meter_id);
    if (!meter) throw ConfigPushRejected(404, "no meter " + std::to_string(meter_id));
    const auto profiles = repo.list_connections(meter_id);
    const auto latest = repo.latest_config_version(meter_id);
    const std::size_t lp_profiles =
        latest ? parse_document(latest->document_json).load_profile.profiles.size() : 1;
    const auto rb = read_back(*meter, profiles, lp_profiles);
    if (!rb.anything) {
      std::string why = "nothing of the configuration could be read";
      for (const auto& e : rb.errors) {
        why += "; ";
        why += e;
      }
      throw ConfigPushRejected(409, why);
    }
    auto record = readback_record(*meter, rb, latest, trigger, nullptr);
    repo.transact([&](storage::Store& s) { record = s.insert_config_readback(record); });
    log->info("meter {}: configuration read-back ({}) {}", meter_id, trigger,
              !latest        ? "stored (no version to compare with)"
              : record.drift ? "found drift from version " + std::to_string(latest->version)
                             : "matches version " + std::to_string(latest->version));
    if (record.drift) raise_drift_alarm(*meter, record);
    return record;
  }

  // The drift alarm: stored like a pushed alarm (listed, webhooks), sent by jemhead itself.
  void raise_drift_alarm(const Meter& meter, const ConfigReadback& r) {
    json::object event{{"EventType", "CONFIG_DRIFT"},
                       {"DeviceId", meter.serial},
                       {"Source", "jemhead"},
                       {"EventTime", format_iso8601(r.read_at)},
                       {"ReadbackId", r.id},
                       {"ComparedVersion", r.compared_version ? json::value(*r.compared_version)
                                                              : json::value(nullptr)},
                       {"Trigger", r.trigger}};
    boost::system::error_code ec;
    auto differences = json::parse(r.differences_json, ec);
    json::object properties;
    if (!ec && differences.is_array())
      for (const auto& d : differences.as_array())
        if (d.is_object() && d.as_object().contains("path"))
          properties[json::value_to<std::string>(d.at("path"))] = json::serialize(
              d.as_object().contains("observed") ? d.at("observed") : json::value());
    event["Properties"] = properties;
    const auto raw = json::serialize(event);
    if (!options.alarm_files) {
      LogEvent e;
      e.meter_id = meter.id;
      e.log = "config";
      e.event_time = r.read_at;
      e.code = "CONFIG_DRIFT";
      e.description = "configuration drift: the meter differs from the stored version";
      e.raw = raw;
      const std::vector<LogEvent> events{e};
      repo.transact([&](storage::Store& s) { s.insert_events(events); });
      return;
    }
    storage::AlarmArrival arrival;
    arrival.message.channel = AlarmChannel::web;
    arrival.message.remote_address = "";
    arrival.message.sender = "jemhead";
    arrival.message.content_type = "application/json";
    arrival.message.raw = raw;
    arrival.message.meter_id = meter.id;
    arrival.message.detail = "raised by jemhead: configuration read-back found drift";
    AlarmEvent a;
    a.event_type_text = "CONFIG_DRIFT";
    a.event_type = AlarmEventType::other;
    a.event_time_text = format_iso8601(r.read_at);
    a.event_time = r.read_at;
    a.event_id = std::to_string(r.id);
    a.device_id = meter.serial;
    a.source = "jemhead";
    for (const auto& [k, v] : properties)
      a.properties.emplace_back(std::string(k), std::string(v.as_string()));
    a.raw_json = raw;
    arrival.events.push_back(std::move(a));
    try {
      const auto ingested = storage::ingest_alarm_message(repo, *options.alarm_files, arrival);
      if (ingested.webhook_deliveries > 0 && options.notify_webhooks) options.notify_webhooks();
      if (!ingested.alarms.empty())
        repo.set_alarm_follow_up(ingested.alarms.front().id,
                                 "configuration read-back " + std::to_string(r.id));
    } catch (const std::exception& e) {
      log->error("meter {}: cannot store the drift alarm: {}", meter.id, e.what());
    }
  }

  // ---- pushes ----

  void run_push(std::int64_t id) {
    auto found = repo.config_push(id);
    if (!found) return;
    ConfigPush push = std::move(*found);
    if (push.status != ConfigPushStatus::queued && push.status != ConfigPushStatus::running) return;
    push.status = ConfigPushStatus::running;
    push.started_at = utc_now();
    push.results.clear();
    repo.update_config_push(push);

    const auto meter = repo.find_meter(push.meter_id);
    const auto version = repo.config_version(push.meter_id, push.version);
    if (!meter || !version) {
      finish(push, ConfigPushStatus::failed, !meter ? "the meter is gone" : "the version is gone",
             std::nullopt, {});
      return;
    }
    const auto profiles = repo.list_connections(push.meter_id);
    const auto parsed = config::from_json_text(version->document_json);
    if (!parsed.problems.empty()) {
      finish(push, ConfigPushStatus::refused, "the version does not validate", std::nullopt, {});
      return;
    }
    const auto& target = parsed.config;
    const auto from = previous_document(repo, push.meter_id, push.version, target);
    const auto impact = config::analyse_impact(from, target);
    if (!push.confirmed) {
      const auto reasons = confirmation_reasons(impact, push.sections);
      if (!reasons.empty()) {
        std::string error = "destructive changes need confirm: ";
        for (std::size_t i = 0; i < reasons.size(); ++i) error += (i ? "; " : "") + reasons[i];
        finish(push, ConfigPushStatus::refused, error, std::nullopt, {});
        return;
      }
    }
    const bool mid = meter->mid || target.hardware.mid;
    const auto protocols = protocols_text(profiles);
    Extras extras;

    // Sections: no documented protocol writes them.
    for (const auto& section : push.sections) {
      ConfigPushSection r;
      r.section = section;
      std::string why;
      if (mid && config::mid_locked_section(section)) {
        r.outcome = "refused_mid";
        r.detail = "MID meter: the security key locks this section (manual L384-L411)";
      } else if (const auto p = route(profiles, Capability::write_configuration, why)) {
        r.outcome = "failed";
        r.detail = "the " + std::string(to_text(p->protocol)) +
                   " driver declares write_configuration, but no session operation writes "
                   "sections yet";
        r.protocol = std::string(to_text(p->protocol));
      } else {
        r.outcome = kNotDeliverable;
        r.detail = "not deliverable over the configured protocols (" + protocols +
                   "); pending on version " + std::to_string(push.version);
      }
      push.results.push_back(std::move(r));
    }

    const auto ops = operations_of(push);
    if (ops.clock) push.results.push_back(set_clock(*meter, profiles, extras));
    if (!ops.presets.empty())
      push.results.push_back(presets(*meter, profiles, mid, ops.presets, extras));
    if (!ops.outputs.empty()) push.results.push_back(outputs(*meter, profiles, ops.outputs));

    // Read back what can be read and compare it with the version pushed.
    const auto rb = read_back(*meter, profiles, target.load_profile.profiles.size());
    std::optional<ConfigReadback> record;
    if (rb.anything) {
      config::ReadbackComparison cmp;
      record = readback_record(*meter, rb, *version, "push", &cmp);
      for (const auto& s : cmp.sections) {
        ConfigPushSection r;
        r.section = kReadBackPrefix + s.section;
        r.outcome = s.verified ? "verified" : "mismatch";
        r.protocol = rb.protocol;
        r.detail = std::to_string(s.items) + " item(s) compared";
        if (!s.verified) {
          r.detail += "; differ: ";
          for (std::size_t i = 0; i < s.mismatched.size(); ++i)
            r.detail += (i ? ", " : "") + s.mismatched[i];
        }
        push.results.push_back(std::move(r));
      }
    } else {
      ConfigPushSection r;
      r.section = "read_back";
      r.outcome = "failed";
      r.detail = "nothing could be read back";
      for (const auto& e : rb.errors) r.detail += "; " + e;
      push.results.push_back(std::move(r));
    }
    finish(push, push_status(push.results), "", record, extras);
    if (record && record->drift)
      log->info("meter {}: push {}: read-back differs from version {}", push.meter_id, push.id,
                push.version);
  }

  // What a push read that is stored like any other read (clock readings, preset registers).
  struct Extras {
    std::vector<ClockRecord> clock;
    std::vector<RegisterReading> registers;
  };

  ConfigPushSection set_clock(const Meter& meter, const std::vector<ConnectionProfile>& profiles,
                              Extras& extras) {
    ConfigPushSection r;
    r.section = "clock";
    std::string why;
    const auto profile = route(profiles, Capability::set_clock, why);
    if (!profile) {
      r.outcome = "failed";
      r.detail = why;
      return r;
    }
    r.protocol = std::string(to_text(profile->protocol));
    const auto result = run_in_session<ClockSyncResult>(
        drivers, io, budget, deadline(), meter, *profile,
        [](drivers::Session& s) { return sync_clock(s, std::chrono::microseconds(0), true); });
    if (!result.value) {
      r.outcome = result.refused_by_meter ? "refused_by_meter" : "failed";
      r.detail = result.error;
      return r;
    }
    for (auto& c : clock_records(*result.value, meter.id)) extras.clock.push_back(std::move(c));
    if (!result.value->after) {
      r.outcome = "failed";
      r.detail = "the clock was not set";
      return r;
    }
    const auto offset_us = result.value->after->offset_us();
    const auto tolerance_us =
        std::chrono::duration_cast<std::chrono::microseconds>(options.clock_tolerance).count();
    r.outcome = std::llabs(offset_us) <= tolerance_us ? "verified" : "mismatch";
    r.detail = "offset before " + std::to_string(result.value->before.offset_us() / 1000) +
               " ms, after " + std::to_string(offset_us / 1000) + " ms (read back)";
    return r;
  }

  ConfigPushSection presets(const Meter& meter, const std::vector<ConnectionProfile>& profiles,
                            bool mid, const std::vector<drivers::RegisterPreset>& values,
                            Extras& extras) {
    ConfigPushSection r;
    r.section = "presets";
    if (mid) {
      r.outcome = "refused_mid";
      r.detail = "MID meter: \"Preset Registers\" is locked by the security key (manual L411)";
      return r;
    }
    std::string why;
    const auto profile = route(profiles, Capability::write_presets, why);
    if (!profile) {
      r.outcome = "failed";
      r.detail = why;
      return r;
    }
    r.protocol = std::string(to_text(profile->protocol));
    const auto result = run_in_session<std::vector<RegisterReading>>(
        drivers, io, budget, deadline(), meter, *profile,
        [values](drivers::Session& s) { return s.write_presets(values); });
    if (!result.value) {
      r.outcome = result.refused_by_meter ? "refused_by_meter" : "failed";
      r.detail = result.error;
      return r;
    }
    for (auto reading : *result.value) {
      reading.meter_id = meter.id;
      extras.registers.push_back(std::move(reading));
    }
    bool all = true;
    std::string detail;
    for (const auto& p : values) {
      const auto* read = reading_for(p, *result.value, values.size());
      if (!detail.empty()) detail += "; ";
      detail += p.point + ": wrote " + format_number(p.value);
      if (!read) {
        detail += ", not read back";
        all = false;
        continue;
      }
      detail += ", read back " + format_number(read->value);
      if (!preset_read_back_matches(p.value, read->value)) all = false;
    }
    r.outcome = all ? "verified" : "mismatch";
    r.detail = detail;
    return r;
  }

  ConfigPushSection outputs(const Meter& meter, const std::vector<ConnectionProfile>& profiles,
                            const std::vector<drivers::OutputCommand>& commands) {
    ConfigPushSection r;
    r.section = "outputs";
    std::string why;
    const auto profile = route(profiles, Capability::control_outputs, why);
    if (!profile) {
      r.outcome = "failed";
      r.detail = why;
      return r;
    }
    r.protocol = std::string(to_text(profile->protocol));
    const auto result = run_in_session<std::vector<drivers::OutputState>>(
        drivers, io, budget, deadline(), meter, *profile,
        [commands](drivers::Session& s) { return s.control_outputs(commands); });
    if (!result.value) {
      r.outcome = result.refused_by_meter ? "refused_by_meter" : "failed";
      r.detail = result.error;
      return r;
    }
    bool all = true;
    std::string detail;
    for (const auto& c : commands) {
      const drivers::OutputState* state = nullptr;
      for (const auto& s : *result.value)
        if (s.output == c.output || std::to_string(s.channel) == c.output) state = &s;
      if (!detail.empty()) detail += "; ";
      detail += c.output + (c.on ? ": on" : ": off");
      if (!state) {
        detail += ", not read back";
        all = false;
      } else if (state->on != c.on) {
        detail += ", read back ";
        detail += state->on ? "on" : "off";
        all = false;
      }
    }
    r.outcome = all ? "verified" : "mismatch";
    r.detail = detail;
    return r;
  }

  void finish(ConfigPush& push, ConfigPushStatus status, const std::string& error,
              std::optional<ConfigReadback> readback, const Extras& extras) {
    push.status = status;
    push.error = error;
    push.finished_at = utc_now();
    json::array results;
    for (const auto& r : push.results)
      results.push_back(json::object{{"section", r.section},
                                     {"outcome", r.outcome},
                                     {"detail", r.detail},
                                     {"protocol", r.protocol}});
    AuditEntry audit;
    audit.at = *push.finished_at;
    audit.actor = push.requested_by;
    audit.action = "config.push.finished";
    audit.target = target_of(push.meter_id);
    audit.detail_json = json::serialize(json::object{{"push", push.id},
                                                     {"version", push.version},
                                                     {"status", to_text(status)},
                                                     {"error", error},
                                                     {"results", std::move(results)}});
    try {
      repo.transact([&](storage::Store& s) {
        if (readback) s.insert_config_readback(*readback);
        if (!extras.clock.empty()) store_clock(s, extras.clock, std::nullopt);
        if (!extras.registers.empty()) store_registers(s, push.meter_id, extras.registers);
        s.update_config_push(push);
        s.append_audit(audit);
      });
    } catch (const storage::NotFound&) {
      log->info("meter {} was deleted while push {} ran", push.meter_id, push.id);
      return;
    }
    log->info("meter {}: configuration push {} (version {}) {}{}{}", push.meter_id, push.id,
              push.version, to_text(status), error.empty() ? "" : ": ", error);
  }

  // ---- submission ----

  ConfigPush submit(const ConfigPushRequest& request) {
    const auto meter = repo.find_meter(request.meter_id);
    if (!meter) throw ConfigPushRejected(404, "no meter " + std::to_string(request.meter_id));
    std::optional<ConfigVersion> version;
    if (request.version) {
      version = repo.config_version(request.meter_id, *request.version);
      if (!version)
        throw ConfigPushRejected(404, "meter " + std::to_string(request.meter_id) +
                                          " has no configuration version " +
                                          std::to_string(*request.version));
    } else {
      version = repo.latest_config_version(request.meter_id);
      if (!version)
        throw ConfigPushRejected(409, "meter " + std::to_string(request.meter_id) +
                                          " has no configuration version to push");
    }
    const auto parsed = config::from_json_text(version->document_json);
    if (!parsed.problems.empty()) {
      std::vector<std::pair<std::string, std::string>> problems;
      for (const auto& p : parsed.problems)
        problems.emplace_back(p.path, p.rule + ": " + p.message);
      std::string what = "version ";
      what += std::to_string(version->version);
      what += " does not validate (";
      what += std::to_string(problems.size());
      what += " problem(s))";
      throw ConfigPushRejected(422, what, std::move(problems));
    }
    const auto& target = parsed.config;
    const auto from = previous_document(repo, request.meter_id, version->version, target);
    const auto impact = config::analyse_impact(from, target);

    // Sections: named ones must exist (hardware describes the meter and is never written);
    // none named: every section the version changes.
    std::vector<std::string> sections;
    const auto known = document_sections();
    if (request.sections) {
      std::vector<std::pair<std::string, std::string>> problems;
      for (std::size_t i = 0; i < request.sections->size(); ++i) {
        const auto& s = (*request.sections)[i];
        const auto where = "sections/" + std::to_string(i);
        if (s == "hardware")
          problems.emplace_back(where, "hardware describes the meter; a push never writes it");
        else if (std::find(known.begin(), known.end(), s) == known.end())
          problems.emplace_back(where, "unknown section '" + s.substr(0, 64) + "'");
        else if (std::find(sections.begin(), sections.end(), s) == sections.end())
          sections.push_back(s);
      }
      if (!problems.empty())
        throw ConfigPushRejected(422, "the push request is invalid", std::move(problems));
    } else {
      for (const auto& s : impact.sections)
        if (s.writable_by_push) sections.push_back(s.section);
    }

    // Operations the meter's profiles cannot do are refused now (409), as "read now" does.
    const auto profiles = repo.list_connections(request.meter_id);
    const auto need = [&](bool wanted, Capability c) {
      if (!wanted) return;
      std::string why;
      if (!drivers.route(profiles, c, why)) throw ConfigPushRejected(409, why);
    };
    need(request.clock, Capability::set_clock);
    need(!request.presets.empty(), Capability::write_presets);
    need(!request.outputs.empty(), Capability::control_outputs);

    ConfigPush push;
    push.meter_id = request.meter_id;
    push.version = version->version;
    push.sections = sections;
    push.confirmed = request.confirm;
    push.requested_by = request.requested_by;
    push.requested_at = utc_now();
    push.status = ConfigPushStatus::queued;
    auto impact_json = config::to_json(impact);
    impact_json["requested_operations"] = json::object{{"clock", request.clock},
                                                       {"presets", presets_json(request.presets)},
                                                       {"outputs", outputs_json(request.outputs)}};
    push.impact_json = json::serialize(impact_json);
    const auto reasons =
        request.confirm ? std::vector<std::string>{} : confirmation_reasons(impact, sections);
    if (!reasons.empty()) {
      push.status = ConfigPushStatus::refused;
      push.finished_at = push.requested_at;
      push.error = "destructive changes need confirm: ";
      for (std::size_t i = 0; i < reasons.size(); ++i) push.error += (i ? "; " : "") + reasons[i];
    }
    AuditEntry audit;
    audit.at = push.requested_at;
    audit.actor = request.requested_by;
    audit.action = "config.push";
    audit.target = target_of(request.meter_id);
    json::array section_list;
    for (const auto& s : sections) section_list.emplace_back(s);
    repo.transact([&](storage::Store& s) {
      push = s.insert_config_push(push);
      audit.detail_json = json::serialize(json::object{{"push", push.id},
                                                       {"version", push.version},
                                                       {"sections", section_list},
                                                       {"confirm", request.confirm},
                                                       {"clock", request.clock},
                                                       {"presets", presets_json(request.presets)},
                                                       {"outputs", outputs_json(request.outputs)},
                                                       {"status", to_text(push.status)},
                                                       {"error", push.error}});
      s.append_audit(audit);
    });
    if (push.status == ConfigPushStatus::queued && !enqueue({push.meter_id, push.id, "", nullptr}))
      log->warn("config push {} stays queued: the push runner is not running", push.id);
    return push;
  }
};

ConfigPushRunner::ConfigPushRunner(storage::Repository& repo,
                                   const drivers::DriverRegistry& drivers, asio::any_io_executor io,
                                   ResourceBudget* budget, ConfigPushOptions options,
                                   std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_shared<Impl>(repo, drivers, std::move(io), budget, std::move(options),
                                   std::move(log))) {}

ConfigPushRunner::~ConfigPushRunner() {
  stop();
}

void ConfigPushRunner::start() {
  auto& d = *impl_;
  {
    std::lock_guard lock(d.mutex);
    if (d.started) return;
    d.started = true;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, d.options.workers); ++i)
      d.threads.emplace_back([&d] { d.worker(); });
  }
  std::vector<ConfigPush> unfinished;
  try {
    unfinished = d.repo.unfinished_config_pushes();
  } catch (const std::exception& e) {
    d.log->error("cannot list unfinished configuration pushes: {}", e.what());
  }
  for (const auto& p : unfinished) {
    d.log->info("meter {}: resuming configuration push {} ({})", p.meter_id, p.id,
                to_text(p.status));
    d.enqueue({p.meter_id, p.id, "", nullptr});
  }
}

void ConfigPushRunner::stop() {
  auto& d = *impl_;
  {
    std::lock_guard lock(d.mutex);
    d.stopping = true;
    d.wake.notify_all();
  }
  for (auto& t : d.threads)
    if (t.joinable()) t.join();
  d.threads.clear();
  // Read-backs someone waits for and that will not run now.
  std::lock_guard lock(d.mutex);
  for (auto& [meter, q] : d.queues)
    for (auto& w : q)
      if (w.done)
        w.done->set_exception(
            std::make_exception_ptr(ConfigPushRejected(503, "the push runner is stopping")));
  d.queues.clear();
  d.ready.clear();
  d.scheduled.clear();
}

ConfigPush ConfigPushRunner::submit(const ConfigPushRequest& request) {
  return impl_->submit(request);
}

std::string ConfigPushRunner::queue_readback(std::int64_t meter_id, const std::string& trigger) {
  const auto meter = impl_->repo.find_meter(meter_id);
  if (!meter) return "not queued: the meter is gone";
  if (!meter->enabled) return "not queued: the meter is disabled";
  const auto profiles = impl_->repo.list_connections(meter_id);
  std::string why;
  if (!impl_->drivers.route(profiles, Capability::read_identity, why) &&
      !impl_->drivers.route(profiles, Capability::read_load_profile, why))
    return "no profile can read the configuration back (" + why + ")";
  if (!impl_->enqueue({meter_id, std::nullopt, trigger, nullptr}))
    return "not queued: the push runner is not running";
  return "configuration read-back queued";
}

ConfigReadback ConfigPushRunner::readback_now(std::int64_t meter_id, const std::string& trigger) {
  auto done = std::make_shared<std::promise<ConfigReadback>>();
  auto future = done->get_future();
  if (!impl_->enqueue({meter_id, std::nullopt, trigger, done}))
    throw ConfigPushRejected(503, "the push runner is not running");
  // Behind this meter's queued pushes: allow for a few of them.
  if (future.wait_for(impl_->options.deadline * 4 + std::chrono::seconds(10)) !=
      std::future_status::ready)
    throw ConfigPushRejected(503, "the read-back did not finish in time; it still runs");
  return future.get();
}

void ConfigPushRunner::status_observed(std::int64_t meter_id, const StatusSnapshot& snapshot) {
  const bool active = configuration_change_active(snapshot);
  bool rising = false;
  {
    std::lock_guard lock(impl_->mutex);
    auto& last = impl_->bit11[meter_id];
    rising = active && !last;
    last = active;
  }
  // Called on the engine's commit path (an I/O thread): no repository access here; the
  // read-back itself checks the meter and its profiles.
  if (rising) {
    const bool queued = impl_->enqueue({meter_id, std::nullopt, "status_bit_11", nullptr});
    impl_->log->info("meter {}: status bit 11 (configuration change): read-back {}", meter_id,
                     queued ? "queued" : "not queued (the push runner is not running)");
  }
}

bool ConfigPushRunner::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  return impl_->wake.wait_for(lock, timeout,
                              [&] { return impl_->ready.empty() && impl_->running == 0; });
}

}  // namespace jemhead::engine
