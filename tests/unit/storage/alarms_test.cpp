// Pushed alarms in storage (schema step 9): messages kept as received, alarms merged by
// identity across channels and retries, the list filters and paging, acknowledgement,
// follow-up and PQDIF links, and what deleting a meter does to its alarms.
#include <gtest/gtest.h>

#include "alarm_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

class StorageAlarms : public StorageTest {
 protected:
  // One arrival of `e`: its message, then the alarm (new or merged).
  AlarmUpsert arrive(const AlarmEvent& e, std::optional<std::int64_t> meter, AlarmChannel channel,
                     UtcTime received_at, const std::string& fields = R"({"first":true})") {
    const auto message_id = repo->insert_alarm_message(sample_message(channel, meter, received_at));
    auto a = stored_from(e, meter, received_at);
    a.fields_json = fields;
    return repo->upsert_alarm(a, alarm_identity(meter, a.sender_key, e), channel, message_id);
  }
  static AlarmFilter all() { return {}; }
};

TEST_F(StorageAlarms, MessagesKeepTheirBytesAndListNewestFirstByOutcome) {
  const auto meter = add_meter("MSG-1");
  const auto m1 = sample_message(AlarmChannel::web, meter, minute(1));
  const auto m2 = sample_message(AlarmChannel::mail, std::nullopt, minute(2));
  const auto id1 = repo->insert_alarm_message(m1);
  const auto id2 = repo->insert_alarm_message(m2);
  const auto id3 = repo->insert_alarm_message(m1);

  const auto got = repo->find_alarm_message(id2);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, id2);
  EXPECT_EQ(got->channel, AlarmChannel::mail);
  EXPECT_EQ(got->received_at, minute(2));
  EXPECT_EQ(got->remote_address, "127.0.0.1");
  EXPECT_EQ(got->sender, "meter-mail");
  EXPECT_TRUE(got->tls);
  EXPECT_EQ(got->content_type, "multipart/mixed");
  EXPECT_EQ(got->raw, std::string("raw\0bytes\xff", 10));
  EXPECT_EQ(got->meter_id, std::nullopt);
  EXPECT_EQ(got->outcome, "quarantined");
  EXPECT_EQ(got->detail, "no meter for DeviceId=42");
  EXPECT_EQ(repo->find_alarm_message(id1)->meter_id, meter);
  EXPECT_FALSE(repo->find_alarm_message(9999).has_value());

  const auto accepted = repo->list_alarm_messages("accepted", {});
  ASSERT_EQ(accepted.size(), 2u);
  EXPECT_EQ(accepted[0].id, id3);
  EXPECT_EQ(accepted[1].id, id1);
  Page page;
  page.limit = 2;
  const auto first = repo->list_alarm_messages("", page);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, id3);
  EXPECT_EQ(first[1].id, id2);
  page.after_id = first[1].id;
  const auto rest = repo->list_alarm_messages("", page);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, id1);

  auto ghost = m1;
  ghost.meter_id = 8080;
  EXPECT_THROW(repo->insert_alarm_message(ghost), NotFound);
}

TEST_F(StorageAlarms, WebThenMailIsOneAlarmWithBothChannelsAndTwoArrivals) {
  const auto meter = add_meter("MERGE-1");
  const auto e = sample_event(AlarmEventType::SS, minute(10), {{"1,Inst,VLN:Any,<,108", "0.09"}});
  const auto web = arrive(e, meter, AlarmChannel::web, minute(11), R"({"first":true})");
  const auto mail = arrive(e, meter, AlarmChannel::mail, minute(12), R"({"second":true})");
  EXPECT_TRUE(web.created);
  EXPECT_FALSE(mail.created);
  EXPECT_EQ(mail.id, web.id);
  EXPECT_EQ(repo->count_alarms(all()), 1);

  const auto a = repo->find_alarm(web.id);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->channels, (std::vector{AlarmChannel::web, AlarmChannel::mail}));
  EXPECT_EQ(a->arrivals, 2);
  EXPECT_EQ(a->meter_id, meter);
  EXPECT_EQ(a->event_type, AlarmEventType::SS);
  EXPECT_EQ(a->event_type_text, "SS");
  EXPECT_EQ(a->event_time, minute(10));
  EXPECT_EQ(a->received_at, minute(11));           // the first arrival's
  EXPECT_EQ(a->fields_json, R"({"first":true})");  // the first arrival's fields stay
  EXPECT_EQ(a->raw_json, e.raw_json);
  EXPECT_FALSE(a->acknowledged);
  const auto messages = repo->alarm_message_ids(web.id);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(a->first_message_id, messages[0]);
  EXPECT_EQ(repo->find_alarm_message(messages[0])->channel, AlarmChannel::web);
  EXPECT_EQ(repo->find_alarm_message(messages[1])->channel, AlarmChannel::mail);

  // A third arrival by web adds no channel but counts.
  arrive(e, meter, AlarmChannel::web, minute(13));
  const auto again = repo->find_alarm(web.id);
  EXPECT_EQ(again->channels, (std::vector{AlarmChannel::web, AlarmChannel::mail}));
  EXPECT_EQ(again->arrivals, 3);
  EXPECT_EQ(repo->alarm_message_ids(web.id).size(), 3u);
}

TEST_F(StorageAlarms, TwoTriggersInTheSameMicrosecondStayTwoAlarms) {
  const auto meter = add_meter("TWO-1");
  const auto t = at_us(1'594'577'700'618'369);
  const auto sag = sample_event(AlarmEventType::SS, t, {{"1,Inst,VLN:Any,<,108", "0.09"}});
  const auto swell = sample_event(AlarmEventType::SS, t, {{"2,Inst,VLN:Any,>,132", "140.2"}});
  const auto first = arrive(sag, meter, AlarmChannel::web, minute(1));
  const auto second = arrive(swell, meter, AlarmChannel::web, minute(1));
  EXPECT_TRUE(first.created);
  EXPECT_TRUE(second.created);
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(repo->count_alarms(all()), 2);
  // ...and the same trigger from another meter is another alarm too.
  const auto other = add_meter("TWO-2");
  EXPECT_TRUE(arrive(sag, other, AlarmChannel::web, minute(1)).created);
  EXPECT_EQ(repo->count_alarms(all()), 3);
}

TEST_F(StorageAlarms, QuarantineIsTheAlarmsWithoutMeter) {
  const auto meter = add_meter("Q-1");
  const auto known =
      arrive(sample_event(AlarmEventType::OU, minute(1), {}), meter, AlarmChannel::web, minute(2));
  const auto unknown = arrive(sample_event(AlarmEventType::OU, minute(1), {}), std::nullopt,
                              AlarmChannel::web, minute(2));
  EXPECT_TRUE(unknown.created);
  AlarmFilter quarantined;
  quarantined.quarantined = true;
  const auto q = repo->list_alarms(quarantined, {});
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].id, unknown.id);
  EXPECT_EQ(q[0].meter_id, std::nullopt);
  EXPECT_EQ(q[0].sender_key, "DeviceId=42");
  AlarmFilter resolved;
  resolved.quarantined = false;
  const auto r = repo->list_alarms(resolved, {});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].id, known.id);
  EXPECT_EQ(repo->count_alarms(quarantined), 1);
  EXPECT_EQ(repo->count_alarms(resolved), 1);
}

TEST_F(StorageAlarms, FiltersCombineAndPagesGoNewestFirst) {
  const auto m1 = add_meter("F-1");
  const auto m2 = add_meter("F-2");
  std::vector<std::int64_t> ids;
  // Alarm i: meter m1 for even i, type SS for i < 3 else BAT, event time minute(i),
  // by mail for i == 4.
  for (int i = 0; i < 6; ++i) {
    const auto type = i < 3 ? AlarmEventType::SS : AlarmEventType::BAT;
    const auto e = sample_event(type, minute(i), {{"trigger " + std::to_string(i), ""}});
    const auto channel = i == 4 ? AlarmChannel::mail : AlarmChannel::web;
    ids.push_back(arrive(e, i % 2 == 0 ? m1 : m2, channel, minute(100 + i)).id);
  }
  ASSERT_TRUE(repo->acknowledge_alarm(ids[1], "ops", minute(200)));

  auto listed = [&](const AlarmFilter& f) {
    std::vector<std::int64_t> got;
    for (const auto& a : repo->list_alarms(f, {})) got.push_back(a.id);
    EXPECT_EQ(repo->count_alarms(f), static_cast<std::int64_t>(got.size()));
    return got;
  };
  EXPECT_EQ(listed({}), (std::vector{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}));
  AlarmFilter by_meter;
  by_meter.meter_id = m1;
  EXPECT_EQ(listed(by_meter), (std::vector{ids[4], ids[2], ids[0]}));
  AlarmFilter by_type;
  by_type.event_type = AlarmEventType::BAT;
  EXPECT_EQ(listed(by_type), (std::vector{ids[5], ids[4], ids[3]}));
  AlarmFilter acked;
  acked.acknowledged = true;
  EXPECT_EQ(listed(acked), (std::vector{ids[1]}));
  AlarmFilter unacked;
  unacked.acknowledged = false;
  EXPECT_EQ(listed(unacked).size(), 5u);
  AlarmFilter by_mail;
  by_mail.channel = AlarmChannel::mail;
  EXPECT_EQ(listed(by_mail), (std::vector{ids[4]}));
  AlarmFilter by_time;
  by_time.from = minute(2);
  by_time.to = minute(4);  // [2, 4)
  EXPECT_EQ(listed(by_time), (std::vector{ids[3], ids[2]}));
  AlarmFilter combined;
  combined.meter_id = m1;
  combined.event_type = AlarmEventType::SS;
  combined.from = minute(1);
  EXPECT_EQ(listed(combined), (std::vector{ids[2]}));

  Page page;
  page.limit = 4;
  const auto first = repo->list_alarms({}, page);
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first.back().id, ids[2]);
  page.after_id = first.back().id;
  const auto rest = repo->list_alarms({}, page);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].id, ids[1]);
  EXPECT_EQ(rest[1].id, ids[0]);
}

TEST_F(StorageAlarms, AcknowledgingTwiceKeepsTheFirstWhoAndWhen) {
  const auto meter = add_meter("ACK-1");
  const auto id =
      arrive(sample_event(AlarmEventType::TS, minute(1), {}), meter, AlarmChannel::web, minute(2))
          .id;
  EXPECT_TRUE(repo->acknowledge_alarm(id, "alice", minute(5)));
  EXPECT_TRUE(repo->acknowledge_alarm(id, "bob", minute(6)));
  const auto a = repo->find_alarm(id);
  EXPECT_TRUE(a->acknowledged);
  EXPECT_EQ(a->acknowledged_by, "alice");
  EXPECT_EQ(a->acknowledged_at, minute(5));
  EXPECT_FALSE(repo->acknowledge_alarm(id + 100, "alice", minute(5)));
}

TEST_F(StorageAlarms, FollowUpAndPqdifLinkAreRecorded) {
  const auto meter = add_meter("140800001");
  const auto id = arrive(sample_event(AlarmEventType::PQD, minute(1), {{"PQDIF file", ""}}), meter,
                         AlarmChannel::web, minute(2))
                      .id;
  EXPECT_TRUE(repo->set_alarm_follow_up(id, "clock_check queued"));
  EXPECT_FALSE(repo->set_alarm_follow_up(id + 1, "x"));
  PqdifStoredFile f;
  f.file_name = "140800001_1594577710_813931_06.pqd";
  f.sha256 = std::string(64, 'b');
  f.meter_id = meter;
  f.source = PqdifSource::web_alarm;
  const auto file = repo->insert_pqdif_file(f).id;
  EXPECT_TRUE(repo->set_alarm_pqdif_file(id, file));
  EXPECT_FALSE(repo->set_alarm_pqdif_file(id + 1, file));
  EXPECT_THROW(repo->set_alarm_pqdif_file(id, file + 100), NotFound);
  const auto a = repo->find_alarm(id);
  EXPECT_EQ(a->follow_up, "clock_check queued");
  EXPECT_EQ(a->pqdif_file_id, file);
}

TEST_F(StorageAlarms, AnUnknownMeterOrMessageIsNotFoundAndStoresNothing) {
  const auto meter = add_meter("NF-1");
  const auto e = sample_event(AlarmEventType::CFG, minute(1), {});
  const auto message = repo->insert_alarm_message(sample_message(AlarmChannel::web, meter, {}));
  auto a = stored_from(e, 8080, minute(1));
  EXPECT_THROW(repo->upsert_alarm(a, alarm_identity(8080, "", e), AlarmChannel::web, message),
               NotFound);
  a.meter_id = meter;
  EXPECT_THROW(repo->upsert_alarm(a, alarm_identity(meter, "", e), AlarmChannel::web, 9999),
               NotFound);
  EXPECT_EQ(repo->count_alarms(all()), 0);
}

// Decision (migration 9): deleting a meter keeps its alarms and messages, with no meter, so
// they show in the quarantine list instead of vanishing with a fleet edit.
TEST_F(StorageAlarms, DeletingAMeterKeepsItsAlarmsWithoutMeter) {
  const auto meter = add_meter("DEL-1");
  const auto id =
      arrive(sample_event(AlarmEventType::OU, minute(1), {}), meter, AlarmChannel::web, minute(2))
          .id;
  const auto message = repo->alarm_message_ids(id).at(0);
  ASSERT_TRUE(repo->delete_meter(meter));
  const auto a = repo->find_alarm(id);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->meter_id, std::nullopt);
  EXPECT_EQ(a->arrivals, 1);
  AlarmFilter quarantined;
  quarantined.quarantined = true;
  EXPECT_EQ(repo->count_alarms(quarantined), 1);
  EXPECT_EQ(repo->find_alarm_message(message)->meter_id, std::nullopt);
  EXPECT_EQ(repo->alarm_message_ids(id), std::vector<std::int64_t>{message});
}

}  // namespace
}  // namespace jemhead::storage::testing
