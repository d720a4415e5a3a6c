// Outbound webhooks (issue 7, schema step 9): subscriptions and the delivery queue the
// dispatcher works through (engine/webhook_dispatcher.hpp).
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/stored_enums.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kSubscriptionColumns =
    "id, name, url, event_types_json, include_quarantined, secret, enabled, created_at_us";

constexpr std::string_view kDeliveryColumns =
    "id, subscription_id, alarm_id, state, attempts, next_attempt_at_us, last_error,"
    " delivered_at_us, created_at_us";

// Every column but id and created_at, in the order of the INSERT and UPDATE below.
void bind_subscription_fields(Query& q, const WebhookSubscription& w) {
  q.bind(w.name)
      .bind(w.url)
      .bind(enum_list_json(w.event_types))
      .bind(w.include_quarantined)
      .bind(w.secret)
      .bind(w.enabled);
}

WebhookSubscription read_subscription(Query& q) {
  WebhookSubscription w;
  w.id = q.int64();
  w.name = q.text();
  w.url = q.text();
  w.event_types =
      stored_enum_list<AlarmEventType>(q.text(), "webhooks", "webhook event types", "event type");
  w.include_quarantined = q.boolean();
  w.secret = q.text();
  w.enabled = q.boolean();
  w.created_at = q.time();
  return w;
}

WebhookDelivery read_delivery(Query& q) {
  WebhookDelivery d;
  d.id = q.int64();
  d.subscription_id = q.int64();
  d.alarm_id = q.int64();
  d.state = stored_enum<WebhookDeliveryState>(q.text(), "webhooks", "delivery state");
  d.attempts = q.int64();
  d.next_attempt_at = q.time();
  d.last_error = q.text();
  d.delivered_at = q.optional_time();
  d.created_at = q.time();
  return d;
}

}  // namespace

std::int64_t SqliteStore::insert_webhook(const WebhookSubscription& w) {
  auto q = db_.query(
      "INSERT INTO webhook_subscriptions(name, url, event_types_json, include_quarantined,"
      " secret, enabled, created_at_us) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.context("insert webhook subscription");
  bind_subscription_fields(q, w);
  q.bind(or_now(w.created_at)).run();
  return db_.last_insert_id();
}

std::optional<WebhookSubscription> SqliteStore::find_webhook(std::int64_t id) {
  auto q = db_.query("SELECT " + std::string(kSubscriptionColumns) +
                     " FROM webhook_subscriptions WHERE id = ?");
  q.context("find webhook subscription").bind(id);
  if (!q.step()) return std::nullopt;
  return read_subscription(q);
}

std::vector<WebhookSubscription> SqliteStore::list_webhooks() {
  auto q = db_.query("SELECT " + std::string(kSubscriptionColumns) +
                     " FROM webhook_subscriptions ORDER BY id");
  q.context("list webhook subscriptions");
  std::vector<WebhookSubscription> subscriptions;
  while (q.step()) subscriptions.push_back(read_subscription(q));
  return subscriptions;
}

bool SqliteStore::update_webhook(const WebhookSubscription& w) {
  auto q = db_.query(
      "UPDATE webhook_subscriptions SET name = ?, url = ?, event_types_json = ?,"
      " include_quarantined = ?, secret = ?, enabled = ? WHERE id = ?");
  q.context("update webhook subscription");
  bind_subscription_fields(q, w);
  q.bind(w.id).run();
  return db_.changes() > 0;
}

bool SqliteStore::delete_webhook(std::int64_t id) {
  // Its deliveries go with it (ON DELETE CASCADE).
  auto q = db_.query("DELETE FROM webhook_subscriptions WHERE id = ?");
  q.context("delete webhook subscription").bind(id).run();
  return db_.changes() > 0;
}

std::int64_t SqliteStore::queue_webhook_deliveries(const StoredAlarm& alarm, UtcTime now) {
  // One statement picks the matching subscriptions: enabled; quarantined alarms only for
  // those that asked for them; an empty type list matches every type. The UNIQUE
  // (subscription, alarm) key makes queueing the same alarm again a no-op.
  auto q = db_.query(
      "INSERT INTO webhook_deliveries(subscription_id, alarm_id, state, attempts,"
      " next_attempt_at_us, created_at_us)"
      " SELECT s.id, ?, 'pending', 0, ?, ? FROM webhook_subscriptions s"
      " WHERE s.enabled = 1 AND (? OR s.include_quarantined = 1)"
      " AND (json_array_length(s.event_types_json) = 0"
      "      OR EXISTS (SELECT 1 FROM json_each(s.event_types_json) WHERE value = ?))"
      " ORDER BY s.id"
      " ON CONFLICT(subscription_id, alarm_id) DO NOTHING");
  const UtcTime at = or_now(now);
  q.context("queue webhook deliveries")
      .bind(alarm.id)
      .bind(at)
      .bind(at)
      .bind(alarm.meter_id.has_value())
      .bind(to_text(alarm.event_type))
      .run();
  return db_.changes();
}

std::vector<WebhookDelivery> SqliteStore::due_webhook_deliveries(UtcTime now, std::size_t limit) {
  auto q = db_.query("SELECT " + std::string(kDeliveryColumns) +
                     " FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at_us <= ?"
                     " ORDER BY next_attempt_at_us, id LIMIT ?");
  q.context("list due webhook deliveries").bind(now).bind(sql_limit(limit));
  std::vector<WebhookDelivery> deliveries;
  while (q.step()) deliveries.push_back(read_delivery(q));
  return deliveries;
}

bool SqliteStore::update_webhook_delivery(const WebhookDelivery& d) {
  auto q = db_.query(
      "UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_at_us = ?,"
      " last_error = ?, delivered_at_us = ? WHERE id = ?");
  q.context("record webhook delivery attempt")
      .bind(to_text(d.state))
      .bind(d.attempts)
      .bind(d.next_attempt_at)
      .bind(d.last_error)
      .bind(d.delivered_at)
      .bind(d.id)
      .run();
  return db_.changes() > 0;
}

std::vector<WebhookDelivery> SqliteStore::list_webhook_deliveries(
    std::optional<std::int64_t> subscription_id, std::optional<WebhookDeliveryState> state,
    const Page& page) {
  std::string sql =
      "SELECT " + std::string(kDeliveryColumns) + " FROM webhook_deliveries WHERE 1 = 1";
  if (subscription_id) sql += " AND subscription_id = ?";
  if (state) sql += " AND state = ?";
  append_newest_first(sql, page);
  auto q = db_.query(sql);
  q.context("list webhook deliveries");
  if (subscription_id) q.bind(*subscription_id);
  if (state) q.bind(to_text(*state));
  bind_newest_first(q, page);
  std::vector<WebhookDelivery> deliveries;
  while (q.step()) deliveries.push_back(read_delivery(q));
  return deliveries;
}

}  // namespace jemhead::storage::sqlite
