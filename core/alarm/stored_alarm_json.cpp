#include "core/alarm/stored_alarm_json.hpp"

#include <boost/json.hpp>

#include "core/json_values.hpp"

namespace jemhead {

namespace json = boost::json;

namespace {

json::value time_or_null(UtcTime t) {
  // A zero time means "the meter sent none we could read" (stored_alarm.hpp).
  return t == UtcTime{} ? json::value(nullptr) : json::value(format_iso8601(t));
}

// fields_json is written by the ingest path, but a database is still input: text that is
// not JSON is shown as null rather than failing the whole listing.
json::value decoded_fields(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

}  // namespace

json::object to_json(const StoredAlarm& a) {
  json::object out;
  out["id"] = a.id;
  out["meter_id"] = json_or_null(a.meter_id);
  out["quarantined"] = !a.meter_id.has_value();
  out["sender_key"] = a.sender_key;
  out["event_type"] = to_text(a.event_type);
  out["event_type_text"] = a.event_type_text;
  out["event_time"] = time_or_null(a.event_time);
  out["received_at"] = time_or_null(a.received_at);
  out["channels"] = enum_names_json(a.channels);
  out["arrivals"] = a.arrivals;
  out["first_message_id"] = a.first_message_id;
  out["fields"] = decoded_fields(a.fields_json);
  out["raw"] = a.raw_json;
  out["pqdif_file_id"] = json_or_null(a.pqdif_file_id);
  out["follow_up"] = a.follow_up;
  out["acknowledged"] = a.acknowledged;
  out["acknowledged_by"] = a.acknowledged ? json::value(a.acknowledged_by) : json::value(nullptr);
  out["acknowledged_at"] = iso8601_or_null(a.acknowledged_at);
  return out;
}

}  // namespace jemhead
