#pragma once
// One alarm a meter pushed (manual part4 §4, L8003–L8737), as decoded from its JSON. The
// meter sends one event per web POST and one or more per e-mail. The manual's schema and
// its own samples disagree (part4 §4.4, §10 item 4), so decoding is lenient and the raw
// JSON is always kept beside what was understood:
// - documented keys: EventType, DeviceId, Source, EventTime, EventId, Owner,
//   Location/Lat + Location/Long (or "Location(Lat)" strings), Properties;
// - every other top-level string is a Meter Identification label ("MV 90 Meter ID",
//   "Account Number", ...): the user titles those, so they are kept by their title.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/enum_text.hpp"
#include "core/time.hpp"

namespace jemhead {

// The manual's event types (L8309–L8365). Anything else is kept as sent (`other`), never
// refused: a newer firmware may add types.
enum class AlarmEventType { OU, SS, PQ, RE, BAT, TS, CFG, PQD, other };

template <>
struct EnumText<AlarmEventType> {
  static constexpr std::array<std::pair<AlarmEventType, std::string_view>, 9> names{{
      {AlarmEventType::OU, "OU"},
      {AlarmEventType::SS, "SS"},
      {AlarmEventType::PQ, "PQ"},
      {AlarmEventType::RE, "RE"},
      {AlarmEventType::BAT, "BAT"},
      {AlarmEventType::TS, "TS"},
      {AlarmEventType::CFG, "CFG"},
      {AlarmEventType::PQD, "PQD"},
      {AlarmEventType::other, "other"},
  }};
};

// How an alarm reached the head-end.
enum class AlarmChannel { web, mail };

template <>
struct EnumText<AlarmChannel> {
  static constexpr std::array<std::pair<AlarmChannel, std::string_view>, 2> names{{
      {AlarmChannel::web, "web"},
      {AlarmChannel::mail, "mail"},
  }};
};

struct AlarmEvent {
  std::string event_type_text;  // as sent, trimmed ("SS"); empty when missing
  AlarmEventType event_type = AlarmEventType::other;
  std::string event_time_text;        // as sent
  std::optional<UtcTime> event_time;  // unset when missing or unreadable (see problems)
  std::string event_id;
  std::string device_id;
  std::string source;
  std::string owner;
  std::optional<double> latitude, longitude;
  // Properties: trigger description -> value ("" when the meter sent none), in order.
  std::vector<std::pair<std::string, std::string>> properties;
  // Top-level keys that are not documented ones: the identification labels, in order.
  std::vector<std::pair<std::string, std::string>> identification;
  // What could not be understood but did not stop decoding ("EventTime: not ISO 8601").
  std::vector<std::string> problems;
  std::string raw_json;  // the event's JSON exactly as received
};

}  // namespace jemhead
