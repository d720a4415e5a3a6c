#pragma once
// The alarms a JEMStar II raises, as AlarmEvents ready for encode_alarm_json (part4 §4.3):
// EventType by the manual's table, Properties keyed by the trigger description with the
// reading as value (trigger events) or by the fixed key with "" (other events), and the
// Notification Details (Source, Owner, location, identification labels).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/alarm/alarm_event.hpp"
#include "sim/alarms/alarm_spec.hpp"
#include "sim/meter_spec.hpp"
#include "sim/pqdif/pq_events.hpp"

namespace jemhead::sim {

using AlarmProperties = std::vector<std::pair<std::string, std::string>>;

// A fully filled event of `type` ("BAT", ...) at `at`; EventId is SERIAL-<id>.
AlarmEvent build_alarm_event(const MeterSpec& meter, const AlarmSpec& spec, const std::string& type,
                             UtcTime at, AlarmProperties properties, std::uint64_t id);

// The fixed Properties of a non-trigger event (L8371–L8391): {"Internal Meter Battery
// Alarm": ""} and so on; for PQD {"PQDIF file": ""} as the sample writes it (L8552).
AlarmProperties default_alarm_properties(const std::string& type);

// What a PQ trigger raises: its start (OU for an interruption, SS for a sag or swell, PQ
// for any other trigger) and, when it ends, RE with the same trigger description.
struct TriggerAlarm {
  std::string type;
  UtcTime at{};
  AlarmProperties properties;
};
TriggerAlarm trigger_start_alarm(const PqEvent& e, const MeterSpec& meter);
TriggerAlarm trigger_end_alarm(const PqEvent& e, const MeterSpec& meter);

}  // namespace jemhead::sim
