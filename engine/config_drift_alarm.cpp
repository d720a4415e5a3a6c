#include "engine/config_drift_alarm.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/alarm/alarm_event.hpp"
#include "storage/alarm_ingest.hpp"

namespace jemhead::engine {

namespace json = boost::json;

void raise_drift_alarm(const ConfigPushContext& ctx, const Meter& meter, const ConfigReadback& r) {
  auto& repo = ctx.repo;
  json::object event{{"EventType", "CONFIG_DRIFT"},
                     {"DeviceId", meter.serial},
                     {"Source", "jemhead"},
                     {"EventTime", format_iso8601(r.read_at)},
                     {"ReadbackId", r.id},
                     {"ComparedVersion",
                      r.compared_version ? json::value(*r.compared_version) : json::value(nullptr)},
                     {"Trigger", r.trigger}};
  boost::system::error_code ec;
  auto differences = json::parse(r.differences_json, ec);
  json::object properties;
  if (!ec && differences.is_array())
    for (const auto& d : differences.as_array())
      if (d.is_object() && d.as_object().contains("path"))
        properties[json::value_to<std::string>(d.at("path"))] =
            json::serialize(d.as_object().contains("observed") ? d.at("observed") : json::value());
  event["Properties"] = properties;
  const auto raw = json::serialize(event);
  if (!ctx.options.alarm_files) {
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
    const auto ingested = storage::ingest_alarm_message(repo, *ctx.options.alarm_files, arrival);
    if (ingested.webhook_deliveries > 0 && ctx.options.notify_webhooks)
      ctx.options.notify_webhooks();
    if (!ingested.alarms.empty())
      repo.set_alarm_follow_up(ingested.alarms.front().id,
                               "configuration read-back " + std::to_string(r.id));
  } catch (const std::exception& e) {
    ctx.log->error("meter {}: cannot store the drift alarm: {}", meter.id, e.what());
  }
}

}  // namespace jemhead::engine
