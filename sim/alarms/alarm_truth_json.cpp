#include "sim/alarms/alarm_truth_json.hpp"

#include <boost/json.hpp>

namespace jemhead::sim {

namespace json = boost::json;

namespace {

const char* state_text(DeliveryState s) {
  switch (s) {
    case DeliveryState::pending: return "pending";
    case DeliveryState::sent: return "sent";
    case DeliveryState::failed: return "failed";
  }
  return "pending";
}

json::value delivery_json(const std::optional<AlarmDelivery>& d, bool web) {
  if (!d) return nullptr;
  json::object o;
  o["state"] = state_text(d->state);
  o["json"] = d->json;
  o["error"] = d->error.empty() ? json::value(nullptr) : json::value(d->error);
  o["sent_at"] = d->sent_at ? json::value(format_iso8601(*d->sent_at)) : json::value(nullptr);
  if (web) {
    o["content_type"] = d->content_type;
    o["http_status"] = d->http_status ? json::value(d->http_status) : json::value(nullptr);
    o["insecure"] = d->insecure;
  } else {
    o["mail_number"] = d->mail_number ? json::value(d->mail_number) : json::value(nullptr);
  }
  return o;
}

}  // namespace

json::object sim_alarm_json(const SimAlarm& a) {
  json::object o;
  o["id"] = a.id;
  o["serial"] = a.serial;
  o["type"] = a.event.event_type_text;
  o["event_time"] =
      a.event.event_time ? json::value(format_iso8601(*a.event.event_time)) : json::value(nullptr);
  o["event_time_us"] =
      a.event.event_time ? json::value(to_unix_micros(*a.event.event_time)) : json::value(nullptr);
  o["event_id"] = a.event.event_id;
  json::object props;
  for (const auto& [k, v] : a.event.properties) props[k] = v;
  o["properties"] = std::move(props);
  json::array channels;
  if (a.web) channels.push_back("web");
  if (a.mail) channels.push_back("mail");
  o["channels"] = std::move(channels);
  // The JSON of the first channel (web, else mail): what jemhead keeps as the raw message.
  o["json"] = a.web ? a.web->json : a.mail ? a.mail->json : std::string{};
  if (a.file_name.empty()) {
    o["file"] = nullptr;
  } else {
    o["file"] =
        json::object{{"name", a.file_name}, {"size", a.file_size}, {"sha256", a.file_sha256}};
  }
  o["web"] = delivery_json(a.web, true);
  o["mail"] = delivery_json(a.mail, false);
  return o;
}

json::array sim_alarms_json(const std::vector<SimAlarm>& alarms) {
  json::array out;
  out.reserve(alarms.size());
  for (const auto& a : alarms) out.push_back(sim_alarm_json(a));
  return out;
}

}  // namespace jemhead::sim
