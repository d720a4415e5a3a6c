#include "api/alarm_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "api/secrets.hpp"
#include "core/json_values.hpp"
#include "engine/webhook_url.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

void read_event_types(JsonReader& r, std::vector<AlarmEventType>& out) {
  const auto* v = r.raw("event_types");
  if (!v) return;
  const std::string field = r.path("event_types");
  if (!v->is_array())
    return r.errors().fail(field, "must be an array of event types (empty: every type)");
  out.clear();
  std::size_t i = 0;
  for (const auto& item : v->as_array()) {
    const auto item_field = field + "/" + std::to_string(i++);
    const auto type = item.is_string()
                          ? from_text<AlarmEventType>(std::string_view(item.as_string()))
                          : std::nullopt;
    if (!type) {
      r.errors().fail(item_field, "must be one of " + allowed_texts<AlarmEventType>());
      continue;
    }
    if (std::find(out.begin(), out.end(), *type) != out.end()) {
      r.errors().fail(item_field, "is listed twice");
      continue;
    }
    out.push_back(*type);
  }
}

}  // namespace

json::object alarm_message_json(const AlarmMessage& m) {
  json::object out;
  out["id"] = m.id;
  out["channel"] = to_text(m.channel);
  out["received_at"] = format_iso8601(m.received_at);
  out["remote_address"] = m.remote_address;
  out["sender"] = m.sender;
  out["tls"] = m.tls;
  out["content_type"] = m.content_type;
  out["size_bytes"] = static_cast<std::int64_t>(m.raw.size());
  out["meter_id"] = json_or_null(m.meter_id);
  out["outcome"] = m.outcome;
  out["detail"] = m.detail;
  std::string raw_url = "/api/v1/alarms/messages/";
  raw_url += std::to_string(m.id);
  raw_url += "/raw";
  out["raw_url"] = raw_url;
  return out;
}

json::object webhook_json(const WebhookSubscription& w) {
  json::object out;
  out["id"] = w.id;
  out["name"] = w.name;
  out["url"] = w.url;
  out["event_types"] = enum_names_json(w.event_types);
  out["include_quarantined"] = w.include_quarantined;
  out["enabled"] = w.enabled;
  out["created_at"] = format_iso8601(w.created_at);
  // Write-only: whether one is set, never what it is.
  out["secret"] = w.secret.empty() ? std::string_view() : kRedacted;
  return out;
}

json::object webhook_delivery_json(const WebhookDelivery& d) {
  json::object out;
  out["id"] = d.id;
  out["subscription_id"] = d.subscription_id;
  out["alarm_id"] = d.alarm_id;
  out["state"] = to_text(d.state);
  out["attempts"] = d.attempts;
  out["next_attempt_at"] = d.state == WebhookDeliveryState::pending
                               ? json::value(format_iso8601(d.next_attempt_at))
                               : json::value(nullptr);
  out["last_error"] = d.last_error;
  out["delivered_at"] = iso8601_or_null(d.delivered_at);
  out["created_at"] = format_iso8601(d.created_at);
  return out;
}

WebhookSubscription decode_webhook(std::string_view body, WebhookSubscription base) {
  const auto object = parse_json_object(body);
  Validation errors;
  JsonReader r(object, "", errors);
  r.ignore("id");
  r.ignore("created_at");
  r.read("name", base.name);
  r.read("url", base.url);
  read_event_types(r, base.event_types);
  r.read("include_quarantined", base.include_quarantined);
  r.read("enabled", base.enabled);
  std::string secret;
  r.read("secret", secret);
  r.finish();
  if (!secret.empty() && secret != kRedacted) base.secret = std::move(secret);

  errors.not_empty("name", base.name);
  errors.max_length("name", base.name, kWebhookNameMaxBytes);
  std::string why;
  if (base.url.empty())
    errors.fail("url", "is required");
  else if (!engine::parse_webhook_url(base.url, &why))
    errors.fail("url", why);
  if (base.secret.empty())
    errors.fail("secret", "is required: subscribers verify the X-Jemhead-Signature with it");
  else if (base.secret.size() < kWebhookSecretMinBytes ||
           base.secret.size() > kWebhookSecretMaxBytes)
    errors.fail("secret", "must be " + std::to_string(kWebhookSecretMinBytes) + " to " +
                              std::to_string(kWebhookSecretMaxBytes) + " bytes");
  if (!errors.ok()) throw_invalid(std::move(errors), "webhook subscription");
  return base;
}

}  // namespace jemhead::api
