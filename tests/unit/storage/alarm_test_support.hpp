#pragma once
// Helpers for the pushed-alarm storage tests: messages and events with every field set.
#include <string>
#include <utility>
#include <vector>

#include "storage_test_support.hpp"

namespace jemhead::storage::testing {

inline AlarmMessage sample_message(AlarmChannel channel, std::optional<std::int64_t> meter,
                                   UtcTime received_at) {
  AlarmMessage m;
  m.channel = channel;
  m.received_at = received_at;
  m.remote_address = "127.0.0.1";
  m.sender = channel == AlarmChannel::web ? "meter-web" : "meter-mail";
  m.tls = channel == AlarmChannel::mail;
  m.content_type = channel == AlarmChannel::web ? "application/json" : "multipart/mixed";
  m.raw = std::string("raw\0bytes\xff", 10);  // a NUL and a byte that is not UTF-8
  m.meter_id = meter;
  m.outcome = meter ? "accepted" : "quarantined";
  m.detail = meter ? "" : "no meter for DeviceId=42";
  return m;
}

inline AlarmEvent sample_event(AlarmEventType type, UtcTime time,
                               std::vector<std::pair<std::string, std::string>> properties) {
  AlarmEvent e;
  e.event_type = type;
  e.event_type_text = std::string(to_text(type));
  e.event_time = time;
  e.event_time_text = format_iso8601(time);
  e.device_id = "42";
  e.source = "JEMStarII";
  e.properties = std::move(properties);
  e.identification = {{"MV 90 Meter ID", "JEMStarII ID"}};
  e.raw_json = R"({"EventType":")" + e.event_type_text + R"("})";
  return e;
}

inline StoredAlarm stored_from(const AlarmEvent& e, std::optional<std::int64_t> meter,
                               UtcTime received_at) {
  StoredAlarm a;
  a.meter_id = meter;
  a.sender_key = meter ? "" : "DeviceId=42";
  a.event_type = e.event_type;
  a.event_type_text = e.event_type_text;
  a.event_time = e.event_time.value_or(UtcTime{});
  a.received_at = received_at;
  a.fields_json = R"({"first":true})";
  a.raw_json = e.raw_json;
  return a;
}

}  // namespace jemhead::storage::testing
