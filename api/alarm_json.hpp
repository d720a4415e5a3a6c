#pragma once
// The JSON of what the alarm routes show besides the alarms themselves (those use the
// shared core/alarm/stored_alarm_json.hpp): received messages' metadata, webhook
// subscriptions (secret write-only, shown as "***", api/secrets.hpp) and their deliveries,
// and the strict decoding of a subscription from a request body.
#include <boost/json/object.hpp>
#include <string_view>

#include "core/alarm/stored_alarm.hpp"

namespace jemhead::api {

inline constexpr std::size_t kWebhookNameMaxBytes = 100;
inline constexpr std::size_t kWebhookSecretMinBytes = 16;
inline constexpr std::size_t kWebhookSecretMaxBytes = 512;

// A message's metadata; never its bytes (GET .../messages/{id}/raw serves those).
boost::json::object alarm_message_json(const AlarmMessage& m);

boost::json::object webhook_json(const WebhookSubscription& w);
boost::json::object webhook_delivery_json(const WebhookDelivery& d);

// The subscription a POST or PUT body describes, on top of `base` (id, created_at and, on
// update, the stored secret). Every writable field may be given; name, url and (on create)
// secret are required. A secret that is absent or "***" keeps `base.secret`, so GET-modify-
// PUT works without the client knowing it. ApiError 400 / 422 naming each bad field.
WebhookSubscription decode_webhook(std::string_view body, WebhookSubscription base);

}  // namespace jemhead::api
