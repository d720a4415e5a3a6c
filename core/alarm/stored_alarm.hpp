#pragma once
// What the head-end keeps about pushed alarms (issue 7):
// - an AlarmMessage is one arrival exactly as received (a web POST's body, a whole e-mail),
//   with who sent it and how; it is never changed;
// - a StoredAlarm is one event. The same event arriving again (by web and by mail, or a
//   meter retrying after a timeout) is merged into the stored one, which then lists both
//   channels: its identity is (sender, event type, event time, trigger descriptions).
// A StoredAlarm whose sender could not be matched to a meter has no meter: it is in
// quarantine (listed by the API), never dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/alarm/alarm_event.hpp"
#include "core/time.hpp"

namespace jemhead {

struct AlarmMessage {
  std::int64_t id = 0;
  AlarmChannel channel = AlarmChannel::web;
  UtcTime received_at{};
  std::string remote_address;            // IP the message came from
  std::string sender;                    // authenticated sender name (config), "" when none
  bool tls = false;                      // came over TLS (HTTPS, STARTTLS)
  std::string content_type;              // web: the Content-Type header; mail: the top-level type
  std::string raw;                       // the bytes exactly as received (body, or the whole mail)
  std::optional<std::int64_t> meter_id;  // resolved meter, if any
  std::string outcome;                   // "accepted", "quarantined", "no_events"
  std::string detail;                    // why, for quarantined / no_events; decode problems
};

struct StoredAlarm {
  std::int64_t id = 0;
  std::optional<std::int64_t> meter_id;  // unset: quarantine
  std::string sender_key;  // who sent it when no meter is known ("DeviceId=123", "ip=...")
  AlarmEventType event_type = AlarmEventType::other;
  std::string event_type_text;                // as sent
  UtcTime event_time{};                       // zero when the meter sent none that could be read
  UtcTime received_at{};                      // first arrival
  std::vector<AlarmChannel> channels;         // every channel it arrived by, first one first
  std::int64_t arrivals = 1;                  // how many times it arrived
  std::int64_t first_message_id = 0;          // the AlarmMessage it first came in
  std::string fields_json;                    // the decoded event as JSON (see api/alarm_json)
  std::string raw_json;                       // the event's JSON as first received
  std::optional<std::int64_t> pqdif_file_id;  // a PQD event's file (pqdif_files.id)
  std::string follow_up;  // what the head-end did about it ("clock_check queued", ...)
  bool acknowledged = false;
  std::string acknowledged_by;
  std::optional<UtcTime> acknowledged_at;
};

// Listing filters; unset options match everything.
struct AlarmFilter {
  std::optional<std::int64_t> meter_id;
  std::optional<bool> quarantined;  // true: only alarms with no meter
  std::optional<AlarmEventType> event_type;
  std::optional<bool> acknowledged;
  std::optional<AlarmChannel> channel;
  std::optional<UtcTime> from, to;  // on event_time: [from, to)
};

// Outbound webhooks: a subscriber receives every alarm that matches its filter, as JSON
// signed with HMAC-SHA256 of its secret.
struct WebhookSubscription {
  std::int64_t id = 0;
  std::string name;
  std::string url;
  std::vector<AlarmEventType> event_types;  // empty: every type
  bool include_quarantined = false;
  std::string secret;  // stored sealed like other secrets; never returned by the API
  bool enabled = true;
  UtcTime created_at{};
};

enum class WebhookDeliveryState { pending, delivered, dead };

template <>
struct EnumText<WebhookDeliveryState> {
  static constexpr std::array<std::pair<WebhookDeliveryState, std::string_view>, 3> names{{
      {WebhookDeliveryState::pending, "pending"},
      {WebhookDeliveryState::delivered, "delivered"},
      {WebhookDeliveryState::dead, "dead"},
  }};
};

struct WebhookDelivery {
  std::int64_t id = 0;
  std::int64_t subscription_id = 0;
  std::int64_t alarm_id = 0;
  WebhookDeliveryState state = WebhookDeliveryState::pending;
  std::int64_t attempts = 0;
  UtcTime next_attempt_at{};
  std::string last_error;  // "HTTP 500", "connection refused", ...
  std::optional<UtcTime> delivered_at;
  UtcTime created_at{};
};

// The identity under which repeated arrivals of one event merge: who (the meter, or the
// sender key when there is none), the type as sent, the event time in microseconds and the
// trigger descriptions (Properties keys) in sorted order. Two triggers firing in the same
// microsecond stay two alarms; one event sent by web and by mail is one.
std::string alarm_identity(std::optional<std::int64_t> meter_id, const std::string& sender_key,
                           const AlarmEvent& event);

}  // namespace jemhead
