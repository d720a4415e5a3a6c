// Taking in one alarm message (storage/alarm_ingest.hpp): files first, then the message,
// its alarms, the PQD links and the webhook deliveries; retries merge, nothing is doubled.
#include "storage/alarm_ingest.hpp"

#include <gtest/gtest.h>

#include "alarm_test_support.hpp"
#include "storage/pqdif_ingest.hpp"

namespace jemhead::storage::testing {
namespace {

constexpr const char* kSerial = "140800001";
// The manual's sample 3: the file name's time is the PQD event's EventTime.
constexpr const char* kSampleFile = "140800001_1594577710_813931_06.pqd";
const UtcTime kSampleTime = at_us(1'594'577'710'813'931);

class StorageAlarmIngest : public StorageTest {
 protected:
  AlarmArrival arrival(AlarmChannel channel, std::optional<std::int64_t> meter) {
    AlarmArrival a;
    a.message = sample_message(channel, meter, minute(1));
    a.sender_key = meter ? "" : "DeviceId=42";
    a.now = minute(1);
    return a;
  }
  static AlarmEvent pqd(UtcTime t) {
    return sample_event(AlarmEventType::PQD, t, {{"PQDIF file", ""}});
  }
  std::int64_t subscribe_all() {
    WebhookSubscription w;
    w.url = "http://127.0.0.1:9/hook";
    return repo->insert_webhook(w);
  }
  FileStore files{dir.file("pqdif")};
};

TEST_F(StorageAlarmIngest, AMultipartArrivalLinksItsPqdEventToTheFile) {
  const auto meter = add_meter(kSerial);
  subscribe_all();
  auto in = arrival(AlarmChannel::web, meter);
  in.events = {pqd(kSampleTime)};
  in.pqdif_files = {{kSampleFile, "PQDIF bytes"}};

  const auto got = ingest_alarm_message(*repo, files, in);
  ASSERT_EQ(got.alarms.size(), 1u);
  EXPECT_TRUE(got.alarms[0].created);
  ASSERT_EQ(got.pqdif_file_ids.size(), 1u);
  EXPECT_EQ(got.webhook_deliveries, 1);

  const auto file = repo->find_pqdif_file(got.pqdif_file_ids[0]);
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->source, PqdifSource::web_alarm);
  EXPECT_EQ(file->meter_id, meter);
  EXPECT_EQ(file->file_name, kSampleFile);
  EXPECT_EQ(files.read(file->sha256), "PQDIF bytes");

  const auto alarm = repo->find_alarm(got.alarms[0].id);
  ASSERT_TRUE(alarm.has_value());
  EXPECT_EQ(alarm->pqdif_file_id, file->id);
  EXPECT_EQ(alarm->meter_id, meter);
  EXPECT_EQ(alarm->event_type, AlarmEventType::PQD);
  EXPECT_EQ(alarm->event_time, kSampleTime);
  EXPECT_EQ(alarm->received_at, minute(1));
  EXPECT_EQ(alarm->channels, std::vector{AlarmChannel::web});
  EXPECT_EQ(alarm->first_message_id, got.message_id);
  EXPECT_EQ(alarm->raw_json, in.events[0].raw_json);
  EXPECT_NE(alarm->fields_json.find(R"("event_time":"2020-07-12T18:15:10.813931Z")"),
            std::string::npos)
      << alarm->fields_json;
  EXPECT_NE(alarm->fields_json.find(R"("properties":{"PQDIF file":""})"), std::string::npos)
      << alarm->fields_json;

  const auto message = repo->find_alarm_message(got.message_id);
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->raw, in.message.raw);
  EXPECT_EQ(message->outcome, "accepted");
  const auto deliveries = repo->due_webhook_deliveries(minute(1), 10);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].alarm_id, alarm->id);
}

TEST_F(StorageAlarmIngest, AMailBatchLinksEachPqdEventToTheFileOfItsTime) {
  const auto meter = add_meter(kSerial);
  const auto t1 = at_us(1'594'577'710'813'931);
  const auto t2 = at_us(1'594'577'770'000'005);
  auto in = arrival(AlarmChannel::mail, meter);
  in.events = {pqd(t1), sample_event(AlarmEventType::SS, t1, {{"1,Inst", "0.1"}}), pqd(t2)};
  // Attached in the other order than the events.
  in.pqdif_files = {{"140800001_1594577770_5_01.pqd", "second"}, {kSampleFile, "first"}};

  const auto got = ingest_alarm_message(*repo, files, in);
  ASSERT_EQ(got.alarms.size(), 3u);
  ASSERT_EQ(got.pqdif_file_ids.size(), 2u);
  EXPECT_EQ(repo->find_alarm(got.alarms[0].id)->pqdif_file_id, got.pqdif_file_ids[1]);
  EXPECT_EQ(repo->find_alarm(got.alarms[1].id)->pqdif_file_id, std::nullopt);  // not a PQD
  EXPECT_EQ(repo->find_alarm(got.alarms[2].id)->pqdif_file_id, got.pqdif_file_ids[0]);
  for (const auto id : got.pqdif_file_ids)
    EXPECT_EQ(repo->find_pqdif_file(id)->source, PqdifSource::mail_alarm);
  EXPECT_EQ(repo->find_alarm(got.alarms[0].id)->channels, std::vector{AlarmChannel::mail});
  EXPECT_EQ(got.webhook_deliveries, 0);  // no subscribers
}

TEST_F(StorageAlarmIngest, ARetryMergesIntoTheStoredAlarmsAndStoresNoFileTwice) {
  const auto meter = add_meter(kSerial);
  subscribe_all();
  auto in = arrival(AlarmChannel::web, meter);
  in.events = {pqd(kSampleTime)};
  in.pqdif_files = {{kSampleFile, "PQDIF bytes"}};
  const auto first = ingest_alarm_message(*repo, files, in);
  in.message.received_at = minute(2);
  const auto retry = ingest_alarm_message(*repo, files, in);

  EXPECT_NE(retry.message_id, first.message_id);  // every arrival is kept as received
  ASSERT_EQ(retry.alarms.size(), 1u);
  EXPECT_FALSE(retry.alarms[0].created);
  EXPECT_EQ(retry.alarms[0].id, first.alarms[0].id);
  EXPECT_EQ(retry.pqdif_file_ids, first.pqdif_file_ids);
  EXPECT_EQ(retry.webhook_deliveries, 0);  // only new alarms are sent
  EXPECT_EQ(repo->list_pqdif_files({}, {}).size(), 1u);
  EXPECT_EQ(repo->count_alarms({}), 1);
  EXPECT_EQ(repo->list_webhook_deliveries(std::nullopt, std::nullopt, {}).size(), 1u);
  const auto alarm = repo->find_alarm(first.alarms[0].id);
  EXPECT_EQ(alarm->arrivals, 2);
  EXPECT_EQ(alarm->received_at, minute(1));
  EXPECT_EQ(alarm->pqdif_file_id, first.pqdif_file_ids[0]);
  EXPECT_EQ(repo->alarm_message_ids(alarm->id), (std::vector{first.message_id, retry.message_id}));
}

// A crash after the files were stored but before the transaction committed leaves only the
// file rows; the sender's retry finds them again and completes the arrival.
TEST_F(StorageAlarmIngest, ACrashAfterTheFilesIsCompletedByTheRetry) {
  const auto meter = add_meter(kSerial);
  PqdifArrival stored_before_crash;
  stored_before_crash.file_name = kSampleFile;
  stored_before_crash.source = PqdifSource::web_alarm;
  stored_before_crash.meter_id = meter;
  const auto orphan = ingest_pqdif_bytes(*repo, files, stored_before_crash, "PQDIF bytes").file.id;
  ASSERT_EQ(repo->count_alarms({}), 0);

  auto in = arrival(AlarmChannel::web, meter);
  in.events = {pqd(kSampleTime)};
  in.pqdif_files = {{kSampleFile, "PQDIF bytes"}};
  const auto got = ingest_alarm_message(*repo, files, in);
  EXPECT_EQ(got.pqdif_file_ids, std::vector<std::int64_t>{orphan});
  EXPECT_TRUE(got.alarms.at(0).created);
  EXPECT_EQ(repo->find_alarm(got.alarms[0].id)->pqdif_file_id, orphan);
  EXPECT_EQ(repo->list_pqdif_files({}, {}).size(), 1u);
}

// The meter may send the event by web without the file and by mail with it: the merged
// alarm gets the link the first arrival could not make.
TEST_F(StorageAlarmIngest, AFileBroughtByALaterArrivalIsLinkedToTheMergedAlarm) {
  const auto meter = add_meter(kSerial);
  auto web = arrival(AlarmChannel::web, meter);
  web.events = {pqd(kSampleTime)};
  const auto first = ingest_alarm_message(*repo, files, web);
  EXPECT_EQ(repo->find_alarm(first.alarms.at(0).id)->pqdif_file_id, std::nullopt);

  auto mail = arrival(AlarmChannel::mail, meter);
  mail.events = {pqd(kSampleTime)};
  mail.pqdif_files = {{kSampleFile, "PQDIF bytes"}};
  const auto second = ingest_alarm_message(*repo, files, mail);
  EXPECT_FALSE(second.alarms.at(0).created);
  EXPECT_EQ(second.alarms[0].id, first.alarms[0].id);
  const auto alarm = repo->find_alarm(first.alarms[0].id);
  EXPECT_EQ(alarm->pqdif_file_id, second.pqdif_file_ids.at(0));
  EXPECT_EQ(alarm->channels, (std::vector{AlarmChannel::web, AlarmChannel::mail}));
  EXPECT_EQ(repo->find_pqdif_file(second.pqdif_file_ids[0])->source, PqdifSource::mail_alarm);
}

TEST_F(StorageAlarmIngest, APqdEventWithoutAttachmentIsLinkedToTheStoredFileOfItsTime) {
  const auto meter = add_meter(kSerial);
  // The file came earlier by another path (a pull), and so did one of another time.
  PqdifArrival pulled;
  pulled.file_name = kSampleFile;
  pulled.source = PqdifSource::sftp;
  const auto stored = ingest_pqdif_bytes(*repo, files, pulled, "pulled bytes").file.id;
  pulled.file_name = "140800001_1594577999_1_06.pqd";
  ingest_pqdif_bytes(*repo, files, pulled, "other bytes");

  auto in = arrival(AlarmChannel::web, meter);
  in.events = {pqd(kSampleTime)};
  const auto got = ingest_alarm_message(*repo, files, in);
  EXPECT_TRUE(got.pqdif_file_ids.empty());
  EXPECT_EQ(repo->find_alarm(got.alarms.at(0).id)->pqdif_file_id, stored);

  // A PQD event with no file anywhere stays unlinked.
  in.events = {pqd(kSampleTime + std::chrono::seconds(1))};
  const auto none = ingest_alarm_message(*repo, files, in);
  EXPECT_EQ(repo->find_alarm(none.alarms.at(0).id)->pqdif_file_id, std::nullopt);
}

TEST_F(StorageAlarmIngest, AnUnresolvedSenderIsQuarantinedAndMergesByItsSenderKey) {
  auto in = arrival(AlarmChannel::web, std::nullopt);
  in.events = {sample_event(AlarmEventType::OU, minute(0), {})};
  const auto web = ingest_alarm_message(*repo, files, in);
  in.message.channel = AlarmChannel::mail;
  const auto mail = ingest_alarm_message(*repo, files, in);
  EXPECT_EQ(mail.alarms.at(0).id, web.alarms.at(0).id);
  const auto alarm = repo->find_alarm(web.alarms[0].id);
  EXPECT_EQ(alarm->meter_id, std::nullopt);
  EXPECT_EQ(alarm->sender_key, "DeviceId=42");
  EXPECT_EQ(alarm->channels, (std::vector{AlarmChannel::web, AlarmChannel::mail}));
  EXPECT_EQ(repo->find_alarm_message(web.message_id)->outcome, "quarantined");
}

TEST_F(StorageAlarmIngest, AFailedArrivalWritesNoMessageAndNoAlarm) {
  add_meter(kSerial);
  auto in = arrival(AlarmChannel::web, 8080);  // a meter that does not exist
  in.events = {sample_event(AlarmEventType::CFG, minute(0), {})};
  EXPECT_THROW(ingest_alarm_message(*repo, files, in), NotFound);
  EXPECT_TRUE(repo->list_alarm_messages("", {}).empty());
  EXPECT_EQ(repo->count_alarms({}), 0);
}

TEST_F(StorageAlarmIngest, AMessageWithNoEventIsKept) {
  auto in = arrival(AlarmChannel::mail, std::nullopt);
  in.message.outcome = "no_events";
  const auto got = ingest_alarm_message(*repo, files, in);
  EXPECT_TRUE(got.alarms.empty());
  EXPECT_EQ(repo->list_alarm_messages("no_events", {}).at(0).id, got.message_id);
}

}  // namespace
}  // namespace jemhead::storage::testing
