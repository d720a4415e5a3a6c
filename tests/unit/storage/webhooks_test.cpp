// Outbound webhooks in storage (schema step 9): subscriptions, which of them a new alarm
// is queued for, the due order the dispatcher reads, and recording attempts.
#include <gtest/gtest.h>

#include <algorithm>

#include "alarm_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

class StorageWebhooks : public StorageTest {
 protected:
  std::int64_t subscribe(const std::string& name, std::vector<AlarmEventType> types,
                         bool include_quarantined = false, bool enabled = true) {
    WebhookSubscription w;
    w.name = name;
    w.url = "http://127.0.0.1:9/" + name;
    w.event_types = std::move(types);
    w.include_quarantined = include_quarantined;
    w.secret = "sealed:" + name;
    w.enabled = enabled;
    w.created_at = minute(1);
    return repo->insert_webhook(w);
  }
  StoredAlarm alarm(AlarmEventType type, std::optional<std::int64_t> meter, int minutes) {
    const auto e = sample_event(type, minute(minutes), {});
    const auto message =
        repo->insert_alarm_message(sample_message(AlarmChannel::web, meter, minute(minutes)));
    auto a = stored_from(e, meter, minute(minutes));
    a.id = repo->upsert_alarm(a, alarm_identity(meter, a.sender_key, e), AlarmChannel::web, message)
               .id;
    return a;
  }
  // The subscription ids with a delivery for `alarm_id`, ascending.
  std::vector<std::int64_t> subscribers_of(std::int64_t alarm_id) {
    std::vector<std::int64_t> ids;
    for (const auto& d : repo->list_webhook_deliveries(std::nullopt, std::nullopt, {}))
      if (d.alarm_id == alarm_id) ids.push_back(d.subscription_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

TEST_F(StorageWebhooks, SubscriptionsRoundTripUpdateAndDelete) {
  const auto id = subscribe("ops", {AlarmEventType::SS, AlarmEventType::PQD}, true);
  const auto other = subscribe("all", {});
  auto w = repo->find_webhook(id);
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->name, "ops");
  EXPECT_EQ(w->url, "http://127.0.0.1:9/ops");
  EXPECT_EQ(w->event_types, (std::vector{AlarmEventType::SS, AlarmEventType::PQD}));
  EXPECT_TRUE(w->include_quarantined);
  EXPECT_EQ(w->secret, "sealed:ops");
  EXPECT_TRUE(w->enabled);
  EXPECT_EQ(w->created_at, minute(1));

  w->url = "https://127.0.0.1:8443/hook";
  w->event_types = {AlarmEventType::other};
  w->enabled = false;
  w->include_quarantined = false;
  EXPECT_TRUE(repo->update_webhook(*w));
  const auto updated = repo->find_webhook(id);
  EXPECT_EQ(updated->url, "https://127.0.0.1:8443/hook");
  EXPECT_EQ(updated->event_types, std::vector{AlarmEventType::other});
  EXPECT_FALSE(updated->enabled);
  EXPECT_FALSE(updated->include_quarantined);
  EXPECT_EQ(updated->created_at, minute(1));

  const auto all = repo->list_webhooks();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, id);
  EXPECT_EQ(all[1].id, other);
  EXPECT_TRUE(all[1].event_types.empty());

  w->id = 999;
  EXPECT_FALSE(repo->update_webhook(*w));
  EXPECT_FALSE(repo->delete_webhook(999));
}

TEST_F(StorageWebhooks, AlarmsAreQueuedForEnabledMatchingSubscriptionsOnly) {
  const auto meter = add_meter("WH-1");
  const auto every = subscribe("every", {});
  const auto sag_pq = subscribe("sag_pq", {AlarmEventType::SS, AlarmEventType::PQ});
  subscribe("disabled", {}, false, false);
  const auto with_quarantine = subscribe("with_quarantine", {}, true);
  subscribe("outages", {AlarmEventType::OU});
  const auto quarantined_ss = subscribe("quarantined_ss", {AlarmEventType::SS}, true);

  const auto sag = alarm(AlarmEventType::SS, meter, 1);
  EXPECT_EQ(repo->queue_webhook_deliveries(sag, minute(2)), 4);
  EXPECT_EQ(subscribers_of(sag.id), (std::vector{every, sag_pq, with_quarantine, quarantined_ss}));
  // Queueing the same alarm again adds nothing.
  EXPECT_EQ(repo->queue_webhook_deliveries(sag, minute(3)), 0);

  const auto unknown_sender = alarm(AlarmEventType::SS, std::nullopt, 4);
  EXPECT_EQ(repo->queue_webhook_deliveries(unknown_sender, minute(5)), 2);
  EXPECT_EQ(subscribers_of(unknown_sender.id), (std::vector{with_quarantine, quarantined_ss}));

  const auto battery = alarm(AlarmEventType::BAT, meter, 6);
  EXPECT_EQ(repo->queue_webhook_deliveries(battery, minute(7)), 2);
  EXPECT_EQ(subscribers_of(battery.id), (std::vector{every, with_quarantine}));

  for (const auto& d : repo->list_webhook_deliveries(std::nullopt, std::nullopt, {})) {
    EXPECT_EQ(d.state, WebhookDeliveryState::pending);
    EXPECT_EQ(d.attempts, 0);
    EXPECT_EQ(d.last_error, "");
    EXPECT_EQ(d.delivered_at, std::nullopt);
    EXPECT_EQ(d.next_attempt_at, d.created_at);  // due at once
  }
  EXPECT_EQ(repo->list_webhook_deliveries(sag_pq, std::nullopt, {}).size(), 1u);

  // Deleting a subscription takes its deliveries with it.
  ASSERT_TRUE(repo->delete_webhook(with_quarantine));
  EXPECT_TRUE(repo->list_webhook_deliveries(with_quarantine, std::nullopt, {}).empty());
  EXPECT_EQ(repo->list_webhook_deliveries(std::nullopt, std::nullopt, {}).size(), 5u);
}

TEST_F(StorageWebhooks, DueDeliveriesArePendingOnesOldestDueFirst) {
  const auto meter = add_meter("WH-2");
  const auto sub = subscribe("every", {});
  std::vector<WebhookDelivery> queued;
  for (int i = 0; i < 4; ++i) {
    const auto a = alarm(AlarmEventType::PQ, meter, i);
    ASSERT_EQ(repo->queue_webhook_deliveries(a, minute(10)), 1);
  }
  queued = repo->list_webhook_deliveries(sub, std::nullopt, {});  // newest first
  ASSERT_EQ(queued.size(), 4u);
  // Reschedule: newest due at 12, then 11; the oldest delivered; the next dead.
  auto d = queued[0];
  d.next_attempt_at = minute(12);
  d.attempts = 1;
  ASSERT_TRUE(repo->update_webhook_delivery(d));
  d = queued[1];
  d.next_attempt_at = minute(11);
  d.attempts = 1;
  ASSERT_TRUE(repo->update_webhook_delivery(d));
  d = queued[3];
  d.state = WebhookDeliveryState::delivered;
  d.delivered_at = minute(10);
  ASSERT_TRUE(repo->update_webhook_delivery(d));
  d = queued[2];
  d.state = WebhookDeliveryState::dead;
  ASSERT_TRUE(repo->update_webhook_delivery(d));

  EXPECT_TRUE(repo->due_webhook_deliveries(minute(10), 10).empty());
  const auto at11 = repo->due_webhook_deliveries(minute(11), 10);
  ASSERT_EQ(at11.size(), 1u);
  EXPECT_EQ(at11[0].id, queued[1].id);
  const auto at20 = repo->due_webhook_deliveries(minute(20), 10);
  ASSERT_EQ(at20.size(), 2u);
  EXPECT_EQ(at20[0].id, queued[1].id);
  EXPECT_EQ(at20[1].id, queued[0].id);
  EXPECT_EQ(repo->due_webhook_deliveries(minute(20), 1).size(), 1u);
}

TEST_F(StorageWebhooks, AnAttemptsOutcomeIsRecordedAndListedByState) {
  const auto meter = add_meter("WH-3");
  const auto sub = subscribe("every", {});
  const auto other = subscribe("other", {});
  const auto a = alarm(AlarmEventType::RE, meter, 1);
  ASSERT_EQ(repo->queue_webhook_deliveries(a, minute(2)), 2);
  auto d = repo->list_webhook_deliveries(sub, std::nullopt, {}).at(0);
  d.state = WebhookDeliveryState::dead;
  d.attempts = 7;
  d.next_attempt_at = minute(90);
  d.last_error = "HTTP 500";
  ASSERT_TRUE(repo->update_webhook_delivery(d));

  const auto dead = repo->list_webhook_deliveries(std::nullopt, WebhookDeliveryState::dead, {});
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].id, d.id);
  EXPECT_EQ(dead[0].subscription_id, sub);
  EXPECT_EQ(dead[0].alarm_id, a.id);
  EXPECT_EQ(dead[0].attempts, 7);
  EXPECT_EQ(dead[0].next_attempt_at, minute(90));
  EXPECT_EQ(dead[0].last_error, "HTTP 500");
  EXPECT_EQ(dead[0].created_at, minute(2));
  const auto pending =
      repo->list_webhook_deliveries(std::nullopt, WebhookDeliveryState::pending, {});
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].subscription_id, other);
  EXPECT_TRUE(repo->list_webhook_deliveries(sub, WebhookDeliveryState::pending, {}).empty());

  d.state = WebhookDeliveryState::delivered;
  d.delivered_at = minute(91);
  d.last_error = "";
  ASSERT_TRUE(repo->update_webhook_delivery(d));
  const auto delivered =
      repo->list_webhook_deliveries(sub, WebhookDeliveryState::delivered, {}).at(0);
  EXPECT_EQ(delivered.delivered_at, minute(91));
  d.id = 12345;
  EXPECT_FALSE(repo->update_webhook_delivery(d));

  Page page;
  page.limit = 1;
  const auto newest = repo->list_webhook_deliveries(std::nullopt, std::nullopt, page);
  ASSERT_EQ(newest.size(), 1u);
  page.after_id = newest[0].id;
  const auto older = repo->list_webhook_deliveries(std::nullopt, std::nullopt, page);
  ASSERT_EQ(older.size(), 1u);
  EXPECT_LT(older[0].id, newest[0].id);
}

}  // namespace
}  // namespace jemhead::storage::testing
