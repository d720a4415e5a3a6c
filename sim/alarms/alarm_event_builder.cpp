#include "sim/alarms/alarm_event_builder.hpp"

#include <cstdio>

#include "core/enum_text.hpp"

namespace jemhead::sim {

namespace {

// The manual's default identification strings (L2449–L2476), by the title they go with.
std::string default_identification_value(const std::string& title) {
  if (title == "Administrator") return "Ametek Power";
  if (title == "Location") return "Rochester, New York";
  if (title == "Configuration ID") return "Factory Default";
  if (title == "Account Number" || title == "Account") return "1-888-222-6282";
  return {};
}

// A threshold as the alarm log prints it ("108", "110.4").
std::string compact(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

// A reading as the manual's sample prints it ("0.092000").
std::string reading(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", v);
  return buffer;
}

// The alarm log's description of the meter's four PQ triggers, in the form of the
// manual's sample "1,Inst,VLN:Any,<,108,0,0,110.4,A" (trigger number, Inst, quantity,
// comparison, threshold, two delays, return threshold, action): trigger 1 is the
// interruption, 2 the sag, 3 the swell, 4 the rapid voltage change.
std::string trigger_description(PqEventKind kind, double nominal) {
  struct Row {
    int number;
    const char* quantity;
    const char* compare;
    double threshold, reset;
  };
  Row r{};
  switch (kind) {
    case PqEventKind::interruption: r = {1, "VLN:All", "<", 0.10, 0.12}; break;
    case PqEventKind::sag: r = {2, "VLN:Any", "<", 0.90, 0.92}; break;
    case PqEventKind::swell: r = {3, "VLN:Any", ">", 1.10, 1.08}; break;
    case PqEventKind::rvc: r = {4, "VLN:Any", "<", 0.97, 0.98}; break;
  }
  std::string d = std::to_string(r.number);
  d += ",Inst,";
  d += r.quantity;
  d += ',';
  d += r.compare;
  d += ',';
  d += compact(r.threshold * nominal);
  d += ",0,0,";
  d += compact(r.reset * nominal);
  d += ",A";
  return d;
}

std::string trigger_type(PqEventKind kind) {
  switch (kind) {
    case PqEventKind::interruption: return "OU";
    case PqEventKind::sag:
    case PqEventKind::swell: return "SS";
    case PqEventKind::rvc: return "PQ";
  }
  return "PQ";
}

}  // namespace

AlarmProperties default_alarm_properties(const std::string& type) {
  if (type == "BAT") return {{"Internal Meter Battery Alarm", ""}};
  if (type == "TS") return {{"Loss of external Time Sync", ""}};
  if (type == "CFG") return {{"Configuration Changed", ""}};
  if (type == "PQD") return {{"PQDIF file", ""}};
  if (type == "OU") return {{trigger_description(PqEventKind::interruption, 120), "0.000000"}};
  if (type == "SS") return {{trigger_description(PqEventKind::sag, 120), "0.092000"}};
  return {{trigger_description(PqEventKind::rvc, 120), "115.000000"}};
}

TriggerAlarm trigger_start_alarm(const PqEvent& e, const MeterSpec& meter) {
  const double value = e.magnitude * meter.nominal_voltage;
  return {trigger_type(e.kind),
          e.trigger,
          {{trigger_description(e.kind, meter.nominal_voltage), reading(value)}}};
}

TriggerAlarm trigger_end_alarm(const PqEvent& e, const MeterSpec& meter) {
  // Back to normal: the reading is the nominal voltage the model returns to.
  return {"RE",
          e.trigger + e.duration,
          {{trigger_description(e.kind, meter.nominal_voltage), reading(meter.nominal_voltage)}}};
}

AlarmEvent build_alarm_event(const MeterSpec& meter, const AlarmSpec& spec, const std::string& type,
                             UtcTime at, AlarmProperties properties, std::uint64_t id) {
  AlarmEvent e;
  e.event_type_text = type;
  e.event_type = from_text<AlarmEventType>(type).value_or(AlarmEventType::other);
  e.event_time = at;
  e.event_time_text = format_iso8601(at);
  e.event_id = meter.serial + "-" + std::to_string(id);
  e.device_id = meter.serial;
  e.source = spec.source;
  e.owner = spec.owner;
  e.latitude = spec.latitude;
  e.longitude = spec.longitude;
  e.properties = std::move(properties);
  if (!spec.identification.empty()) {
    e.identification = spec.identification;
  } else {
    for (const auto& f : meter.identification) {
      if (f.title.empty()) continue;
      e.identification.emplace_back(
          f.title, f.value.empty() ? default_identification_value(f.title) : f.value);
    }
  }
  return e;
}

}  // namespace jemhead::sim
