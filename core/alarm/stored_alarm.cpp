#include "core/alarm/stored_alarm.hpp"

#include <algorithm>

namespace jemhead {

std::string alarm_identity(std::optional<std::int64_t> meter_id, const std::string& sender_key,
                           const AlarmEvent& event) {
  std::string identity;
  if (meter_id) {
    identity = "meter:";
    identity += std::to_string(*meter_id);
  } else {
    identity = "sender:";
    identity += sender_key;
  }
  identity += '|';
  identity += event.event_type_text;
  identity += '|';
  identity += event.event_time ? std::to_string(to_unix_micros(*event.event_time))
                               : std::string("no-time:") + event.event_time_text;
  std::vector<std::string> keys;
  keys.reserve(event.properties.size());
  for (const auto& [key, value] : event.properties) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  // A unit separator cannot appear in the meter's trigger descriptions; it keeps
  // {"a,b"} and {"a","b"} apart.
  for (const auto& key : keys) {
    identity += '\x1f';
    identity += key;
  }
  return identity;
}

}  // namespace jemhead
