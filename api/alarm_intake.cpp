#include "api/alarm_intake.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include "core/engine/job_kind.hpp"
#include "drivers/driver.hpp"
#include "engine/collection_engine.hpp"

namespace jemhead::api {

namespace {

constexpr std::size_t kMaxDetailChars = 2000;

const prometheus::Histogram::BucketBoundaries kProcessingBuckets{
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

std::string channel_label(AlarmChannel c) {
  return std::string(to_text(c));
}

void append_detail(std::string& detail, std::string_view more) {
  if (more.empty() || detail.size() >= kMaxDetailChars) return;
  if (!detail.empty()) detail += "; ";
  detail.append(more.substr(0, kMaxDetailChars - std::min(detail.size(), kMaxDetailChars)));
}

// What decoding noticed, per event, for the stored message.
std::string problems_text(const AlarmIntakeInput& input) {
  std::string out;
  for (const auto& p : input.problems) append_detail(out, p);
  for (std::size_t i = 0; i < input.events.size(); ++i)
    for (const auto& p : input.events[i].problems) {
      std::string line = "event ";
      line += std::to_string(i + 1);
      line += ": ";
      line += p;
      append_detail(out, line);
    }
  return out;
}

// Sender-controlled text for one log line: control characters would forge lines.
std::string printable(std::string_view text) {
  std::string out(text.substr(0, kMaxDetailChars));
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

}  // namespace

struct AlarmIntake::Impl {
  Impl(storage::Repository& r, std::shared_ptr<storage::FileStore> files, AlarmIntakeOptions o,
       std::shared_ptr<prometheus::Registry> m, std::shared_ptr<spdlog::logger> l)
      : repo(r),
        pqdif_files(std::move(files)),
        options(std::move(o)),
        registry(m ? std::move(m) : std::make_shared<prometheus::Registry>()),
        log(l ? std::move(l) : spdlog::default_logger()),
        resolver(r, options.resolver),
        messages(prometheus::BuildCounter()
                     .Name("jemhead_alarm_messages_total")
                     .Help("Alarm messages received, by channel (web, mail) and outcome "
                           "(accepted, quarantined, no_events, rejected, failed)")
                     .Register(*registry)),
        rejected(prometheus::BuildCounter()
                     .Name("jemhead_alarm_rejected_total")
                     .Help("Alarm messages refused and not stored, by channel and reason")
                     .Register(*registry)),
        events(prometheus::BuildCounter()
                   .Name("jemhead_alarm_events_total")
                   .Help("Alarm events stored, by channel, event type and result (new, or "
                         "merged into the same event received before)")
                   .Register(*registry)),
        processing(prometheus::BuildHistogram()
                       .Name("jemhead_alarm_processing_seconds")
                       .Help("Time to make an alarm message durable (resolution and storage)")
                       .Register(*registry)) {}

  storage::Repository& repo;
  std::shared_ptr<storage::FileStore> pqdif_files;
  AlarmIntakeOptions options;
  std::shared_ptr<prometheus::Registry> registry;
  std::shared_ptr<spdlog::logger> log;
  AlarmMeterResolver resolver;
  prometheus::Family<prometheus::Counter>& messages;
  prometheus::Family<prometheus::Counter>& rejected;
  prometheus::Family<prometheus::Counter>& events;
  prometheus::Family<prometheus::Histogram>& processing;

  // The kinds of `wanted` some profile of the meter can do; `why` says why not, if none.
  std::vector<engine::JobKind> capable(std::int64_t meter_id,
                                       const std::vector<engine::JobKind>& wanted,
                                       std::string& why) {
    const auto profiles = repo.list_connections(meter_id);
    std::vector<engine::JobKind> kinds;
    for (auto kind : wanted) {
      std::string reason;
      if (options.drivers->route(profiles, engine::capability_for(kind), reason))
        kinds.push_back(kind);
      else if (why.empty())
        why = reason;
    }
    return kinds;
  }

  // Runs the follow-up of a new CFG or TS alarm; returns what to record on it ("" when
  // the type calls for none).
  std::string follow_up(std::int64_t meter_id, AlarmEventType type) {
    std::vector<engine::JobKind> wanted;
    std::string what;  // the follow-up in words, for "no profile can ..."
    std::string done;  // ... and once queued
    if (type == AlarmEventType::CFG && options.config_readback) {
      return options.config_readback(meter_id);
    } else if (type == AlarmEventType::CFG) {
      // Without configuration read-back: what a new configuration changes.
      wanted = {engine::JobKind::load_profile, engine::JobKind::status};
      what = "read the configuration";
      done = "configuration re-read queued";
    } else if (type == AlarmEventType::TS) {
      wanted = {engine::JobKind::clock_check};
      what = "check the clock";
      done = "clock_check queued";
    } else {
      return {};
    }
    if (!options.engine || !options.drivers) return "not queued: no collection engine";
    const auto meter = repo.find_meter(meter_id);
    if (!meter) return "not queued: the meter is gone";
    if (!meter->enabled) return "not queued: the meter is disabled";
    std::string why;
    const auto kinds = capable(meter_id, wanted, why);
    if (kinds.empty()) {
      std::string text = "no profile can ";
      text += what;
      if (!why.empty()) {
        text += " (";
        text += why;
        text += ")";
      }
      return text;
    }
    const auto result = options.engine->run_now({meter_id}, kinds);
    if (result.queued == 0 && result.merged == 0)
      return "not queued: the collection engine is stopping";
    if (type == AlarmEventType::CFG) {
      done += " (";
      done += engine::kinds_text(kinds);
      done += ")";
    }
    if (result.merged > 0 && result.queued == 0) done += ", merged into a waiting job";
    return done;
  }

  void failed(const std::string& channel, const std::string& peer, const char* what) {
    messages.Add({{"channel", channel}, {"outcome", "failed"}}).Increment();
    rejected.Add({{"channel", channel}, {"reason", "storage_unavailable"}}).Increment();
    log->error("{} alarm from {}: not stored: {}", channel, peer, what);
  }

  void follow_ups(const AlarmIntakeInput& input, const AlarmIntakeResult& result) {
    if (!result.meter_id) return;  // quarantine: nobody to ask
    for (std::size_t i = 0; i < input.events.size() && i < result.ingested.alarms.size(); ++i) {
      const auto& stored = result.ingested.alarms[i];
      if (!stored.created) continue;  // the first arrival did it
      std::string text;
      try {
        text = follow_up(*result.meter_id, input.events[i].event_type);
      } catch (const std::exception& e) {
        text = "not queued: ";
        text += e.what();
      }
      if (text.empty()) continue;
      try {
        repo.set_alarm_follow_up(stored.id, text);
      } catch (const std::exception& e) {
        // The alarm is stored and acknowledged; only the note is missing.
        log->warn("alarm {}: cannot record follow-up '{}': {}", stored.id, text, e.what());
      }
      log->info("alarm {} ({}) from meter {}: {}", stored.id,
                printable(input.events[i].event_type_text), *result.meter_id, text);
    }
  }
};

AlarmIntake::AlarmIntake(storage::Repository& repo, std::shared_ptr<storage::FileStore> pqdif_files,
                         AlarmIntakeOptions options, std::shared_ptr<prometheus::Registry> metrics,
                         std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_unique<Impl>(repo, std::move(pqdif_files), std::move(options),
                                   std::move(metrics), std::move(log))) {}

AlarmIntake::~AlarmIntake() = default;

AlarmIntakeResult AlarmIntake::take(const AlarmIntakeInput& input) {
  auto& d = *impl_;
  const auto started = std::chrono::steady_clock::now();
  const auto channel = channel_label(input.channel);

  // Resolution reads the repository too: a failure there is a storage failure like any.
  MeterResolution who;
  try {
    who = d.resolver.resolve(input.sender_serial, input.events, input.peer_address);
  } catch (const std::exception& e) {
    d.failed(channel, input.peer_address, e.what());
    throw;
  }

  storage::AlarmArrival arrival;
  auto& m = arrival.message;
  m.channel = input.channel;
  m.remote_address = input.peer_address;
  m.sender = input.sender;
  m.tls = input.tls;
  m.content_type = input.content_type;
  m.raw = input.raw;
  m.meter_id = who.meter_id;
  std::string detail;
  if (input.events.empty()) {
    m.outcome = "no_events";
    append_detail(detail, "no alarm event found in the message");
  } else if (who.meter_id) {
    m.outcome = "accepted";
  } else {
    m.outcome = "quarantined";
    append_detail(detail, who.reason);
  }
  append_detail(detail, problems_text(input));
  m.detail = std::move(detail);
  arrival.sender_key = who.sender_key;
  arrival.events = input.events;
  arrival.pqdif_files = input.pqdif_files;

  AlarmIntakeResult result;
  result.meter_id = who.meter_id;
  result.outcome = m.outcome;
  try {
    result.ingested = storage::ingest_alarm_message(d.repo, *d.pqdif_files, arrival);
  } catch (const std::exception& e) {
    d.failed(channel, input.peer_address, e.what());
    throw;
  }

  d.messages.Add({{"channel", channel}, {"outcome", result.outcome}}).Increment();
  for (std::size_t i = 0; i < input.events.size() && i < result.ingested.alarms.size(); ++i)
    d.events
        .Add({{"channel", channel},
              {"type", std::string(to_text(input.events[i].event_type))},
              {"result", result.ingested.alarms[i].created ? "new" : "merged"}})
        .Increment();
  // Durable now: the rest only adds to it.
  if (result.ingested.webhook_deliveries > 0 && d.options.notify_webhooks)
    d.options.notify_webhooks();
  if (!result.ingested.pqdif_file_ids.empty() && d.options.pqdif_stored) d.options.pqdif_stored();
  d.follow_ups(input, result);

  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  d.processing.Add({{"channel", channel}}, kProcessingBuckets).Observe(took.count());
  if (result.meter_id)
    d.log->info("{} alarm message {} from {}: {} event(s), meter {} ({}), {} PQDIF file(s)",
                channel, result.ingested.message_id, input.peer_address, input.events.size(),
                *result.meter_id, who.rule, result.ingested.pqdif_file_ids.size());
  else
    d.log->warn("{} alarm message {} from {}: {} ({})", channel, result.ingested.message_id,
                input.peer_address, result.outcome, printable(m.detail));
  return result;
}

void AlarmIntake::rejected(AlarmChannel channel, const std::string& reason,
                           const std::string& detail, const std::string& peer_address) {
  const auto label = channel_label(channel);
  impl_->messages.Add({{"channel", label}, {"outcome", "rejected"}}).Increment();
  impl_->rejected.Add({{"channel", label}, {"reason", reason}}).Increment();
  impl_->log->warn("{} alarm from {} refused ({}): {}", label, peer_address, reason,
                   printable(detail));
}

}  // namespace jemhead::api
