// The alarms REST (issue 7): list with filters and keyset paging, one alarm with its
// messages, acknowledge (operator, audited, idempotent), the quarantine view and the raw
// bytes of received messages.
#include <gtest/gtest.h>

#include "tests/unit/api/api_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;
using Ids = std::vector<std::int64_t>;

UtcTime at(const char* iso) {
  return *parse_iso8601(iso);
}

class AlarmsApiTest : public ApiTest {
 protected:
  std::int64_t message(AlarmChannel channel, const std::string& outcome,
                       std::optional<std::int64_t> meter = std::nullopt,
                       const std::string& raw = R"({"EventType":"SS"})",
                       const std::string& content_type = "application/json") {
    AlarmMessage m;
    m.channel = channel;
    m.received_at = utc_now();
    m.remote_address = "127.0.0.1";
    m.content_type = content_type;
    m.raw = raw;
    m.meter_id = meter;
    m.outcome = outcome;
    m.detail = outcome == "accepted" ? "" : "no meter with DeviceId 999";
    return repo_->insert_alarm_message(m);
  }

  // Stores one event (merged when `identity` was stored before) and returns its id.
  std::int64_t alarm(std::optional<std::int64_t> meter, const std::string& type,
                     const char* event_time, AlarmChannel channel = AlarmChannel::web,
                     std::string identity = {}, std::int64_t message_id = 0) {
    StoredAlarm a;
    a.meter_id = meter;
    a.sender_key = meter ? "" : "DeviceId=999";
    a.event_type_text = type;
    a.event_type = from_text<AlarmEventType>(type).value_or(AlarmEventType::other);
    a.event_time = at(event_time);
    a.received_at = utc_now();
    a.fields_json = R"({"EventType":")" + type + R"(","Properties":{"1,Inst,VLN:Any":"0.09"}})";
    a.raw_json = R"({"EventType": ")" + type + R"("})";
    if (identity.empty()) identity = "id-" + std::to_string(++identities_);
    if (message_id == 0)
      message_id = message(channel, meter ? "accepted" : "quarantined", meter, a.raw_json);
    return repo_->upsert_alarm(a, identity, channel, message_id).id;
  }

  Ids listed(const std::string& query, std::string token = kViewer) {
    auto r = call("GET", "/api/v1/alarms" + query, token);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    Ids ids;
    if (r.status != 200) return ids;
    const auto body = r.json();
    for (const auto& item : body.at("items").as_array()) ids.push_back(item.at("id").as_int64());
    return ids;
  }

  std::vector<AuditEntry> audits(const std::string& action) {
    std::vector<AuditEntry> out;
    for (auto& e : repo_->audit({}, storage::Page{0, 1000}))
      if (e.action == action) out.push_back(e);
    return out;
  }

  int identities_ = 0;
};

using AlarmsApiList = AlarmsApiTest;
using AlarmsApiDetail = AlarmsApiTest;
using AlarmsApiAcknowledge = AlarmsApiTest;
using AlarmsApiQuarantine = AlarmsApiTest;
using AlarmsApiMessages = AlarmsApiTest;

TEST_F(AlarmsApiList, NewestFirstWithMeterSerialAndDecodedFields) {
  const auto meter = create_meter(R"({"serial":"140800001"})");
  const auto first = alarm(meter, "OU", "2020-07-12T18:15:00.618369Z");
  const auto second = alarm(meter, "SS", "2020-07-12T18:16:00Z");
  const auto r = call("GET", "/api/v1/alarms", kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json().as_object();
  EXPECT_EQ(body.at("total").as_int64(), 2);
  EXPECT_TRUE(body.at("next_after").is_null());
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("id").as_int64(), second);
  EXPECT_EQ(items[1].at("id").as_int64(), first);
  const auto& a = items[1].as_object();
  EXPECT_EQ(a.at("meter_id").as_int64(), meter);
  EXPECT_EQ(a.at("meter_serial").as_string(), "140800001");
  EXPECT_EQ(a.at("quarantined").as_bool(), false);
  EXPECT_EQ(a.at("event_type").as_string(), "OU");
  EXPECT_EQ(a.at("event_time").as_string(), "2020-07-12T18:15:00.618369Z");
  EXPECT_EQ(a.at("channels").as_array(), json::array({"web"}));
  EXPECT_EQ(a.at("arrivals").as_int64(), 1);
  EXPECT_EQ(a.at("fields").at("Properties").at("1,Inst,VLN:Any").as_string(), "0.09");
  EXPECT_EQ(a.at("raw").as_string(), R"({"EventType": "OU"})");
  EXPECT_EQ(a.at("acknowledged").as_bool(), false);
  EXPECT_TRUE(a.at("acknowledged_by").is_null());
  EXPECT_TRUE(a.at("pqdif_file_id").is_null());
}

TEST_F(AlarmsApiList, FiltersCombine) {
  const auto m1 = create_meter(R"({"serial":"1001"})");
  const auto m2 = create_meter(R"({"serial":"1002"})");
  const auto ou = alarm(m1, "OU", "2020-01-01T00:00:00Z");
  const auto ss_mail = alarm(m1, "SS", "2020-01-02T00:00:00Z", AlarmChannel::mail);
  const auto ss_other = alarm(m2, "SS", "2020-01-03T00:00:00Z");
  const auto orphan = alarm(std::nullopt, "BAT", "2020-01-04T00:00:00Z");
  ASSERT_TRUE(repo_->acknowledge_alarm(ss_other, "otto", utc_now()));

  EXPECT_EQ(listed("?meter=" + std::to_string(m1)), (Ids{ss_mail, ou}));
  EXPECT_EQ(listed("?type=SS"), (Ids{ss_other, ss_mail}));
  EXPECT_EQ(listed("?type=SS&meter=" + std::to_string(m2)), (Ids{ss_other}));
  EXPECT_EQ(listed("?from=2020-01-02T00:00:00Z&to=2020-01-04T00:00:00Z"), (Ids{ss_other, ss_mail}));
  EXPECT_EQ(listed("?acknowledged=true"), (Ids{ss_other}));
  EXPECT_EQ(listed("?acknowledged=false"), (Ids{orphan, ss_mail, ou}));
  EXPECT_EQ(listed("?channel=mail"), (Ids{ss_mail}));
  EXPECT_EQ(listed("?quarantined=true"), (Ids{orphan}));
  EXPECT_EQ(listed("?quarantined=false&type=BAT"), Ids{});
  const auto r = call("GET", "/api/v1/alarms?type=SS", kViewer);
  EXPECT_EQ(r.json().at("total").as_int64(), 2);
}

TEST_F(AlarmsApiList, PagesByKeysetTowardsOlderIds) {
  Ids all;
  for (int i = 0; i < 5; ++i)
    all.insert(all.begin(), alarm(std::nullopt, "PQ", "2021-01-01T00:00:00Z"));
  auto r = call("GET", "/api/v1/alarms?limit=2", kViewer);
  ASSERT_EQ(r.status, 200);
  auto body = r.json();
  EXPECT_EQ(body.at("next_after").as_int64(), all[1]);
  EXPECT_EQ(listed("?limit=2&after=" + std::to_string(all[1])), (Ids{all[2], all[3]}));
  r = call("GET", "/api/v1/alarms?limit=2&after=" + std::to_string(all[3]), kViewer);
  body = r.json();
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("items").as_array()[0].at("id").as_int64(), all[4]);
  EXPECT_TRUE(body.at("next_after").is_null());
  EXPECT_EQ(body.at("total").as_int64(), 5);
}

TEST_F(AlarmsApiList, BadFiltersAreRefusedNamingTheParameter) {
  auto r = call("GET", "/api/v1/alarms?type=XX", kViewer);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.error_fields(), std::vector<std::string>{"type"});
  r = call("GET", "/api/v1/alarms?channel=fax", kViewer);
  EXPECT_EQ(r.error_fields(), std::vector<std::string>{"channel"});
  r = call("GET", "/api/v1/alarms?from=yesterday", kViewer);
  EXPECT_EQ(r.error_fields(), std::vector<std::string>{"from"});
  r = call("GET", "/api/v1/alarms?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z", kViewer);
  EXPECT_EQ(r.error_fields(), std::vector<std::string>{"to"});
  r = call("GET", "/api/v1/alarms?meter=0", kViewer);
  EXPECT_EQ(r.error_fields(), std::vector<std::string>{"meter"});
  r = call("GET", "/api/v1/alarms?meter=3&quarantined=true", kViewer);
  EXPECT_EQ(r.status, 422);
  r = call("GET", "/api/v1/alarms?acknowledged=maybe", kViewer);
  EXPECT_EQ(r.status, 400);
  r = call("GET", "/api/v1/alarms?sevrity=high", kViewer);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(call("GET", "/api/v1/alarms", "").status, 401);
}

TEST_F(AlarmsApiDetail, AMergedAlarmListsEveryMessageAndChannel) {
  const auto meter = create_meter(R"({"serial":"1003"})");
  const auto by_web = message(AlarmChannel::web, "accepted", meter);
  const auto by_mail =
      message(AlarmChannel::mail, "accepted", meter, "From: meter\r\n\r\n{}", "multipart/mixed");
  const auto id = alarm(meter, "SS", "2020-07-12T18:15:00Z", AlarmChannel::web, "same", by_web);
  EXPECT_EQ(alarm(meter, "SS", "2020-07-12T18:15:00Z", AlarmChannel::mail, "same", by_mail), id);
  const auto r = call("GET", "/api/v1/alarms/" + std::to_string(id), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto a = r.json().as_object();
  EXPECT_EQ(a.at("message_ids").as_array(), json::array({by_web, by_mail}));
  EXPECT_EQ(a.at("channels").as_array(), json::array({"web", "mail"}));
  EXPECT_EQ(a.at("arrivals").as_int64(), 2);
  EXPECT_EQ(a.at("first_message_id").as_int64(), by_web);
  EXPECT_EQ(a.at("meter_serial").as_string(), "1003");
  EXPECT_EQ(call("GET", "/api/v1/alarms/" + std::to_string(id + 100), kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/alarms/abc", kViewer).status, 404);
}

TEST_F(AlarmsApiAcknowledge, AnOperatorAcknowledgesOnceAndItIsAudited) {
  const auto id = alarm(std::nullopt, "OU", "2020-07-12T18:15:00Z");
  const auto path = "/api/v1/alarms/" + std::to_string(id) + "/acknowledge";
  EXPECT_EQ(call("POST", path, kViewer).status, 403);
  EXPECT_TRUE(audits("alarm.acknowledge").empty());

  auto r = call("POST", path, kOperator, R"({"note":"crew sent"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto a = r.json().as_object();
  EXPECT_TRUE(a.at("acknowledged").as_bool());
  EXPECT_EQ(a.at("acknowledged_by").as_string(), "otto");
  const auto when = std::string(a.at("acknowledged_at").as_string());
  const auto entries = audits("alarm.acknowledge");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "otto");
  EXPECT_EQ(entries[0].target, "alarm/" + std::to_string(id));
  EXPECT_EQ(json::parse(entries[0].detail_json).at("note").as_string(), "crew sent");

  // Again, by someone else and without a body: the first acknowledgement stands.
  r = call("POST", path, kAdmin);
  ASSERT_EQ(r.status, 200) << r.body;
  a = r.json().as_object();
  EXPECT_EQ(a.at("acknowledged_by").as_string(), "otto");
  EXPECT_EQ(a.at("acknowledged_at").as_string(), when);
  EXPECT_EQ(audits("alarm.acknowledge").size(), 1u);
  EXPECT_EQ(listed("?acknowledged=true"), (Ids{id}));
}

TEST_F(AlarmsApiAcknowledge, BadBodiesAndUnknownAlarmsWriteNothing) {
  const auto id = alarm(std::nullopt, "OU", "2020-07-12T18:15:00Z");
  const auto path = "/api/v1/alarms/" + std::to_string(id) + "/acknowledge";
  auto r = call("POST", path, kOperator, R"({"note":")" + std::string(501, 'x') + R"("})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.error_fields(), std::vector<std::string>{"note"});
  r = call("POST", path, kOperator, R"({"reason":"x"})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(call("POST", path, kOperator, "note", "text/plain").status, 415);
  EXPECT_EQ(call("POST", path, kOperator, "{", "application/json").status, 400);
  EXPECT_EQ(call("POST", "/api/v1/alarms/999999/acknowledge", kOperator).status, 404);
  EXPECT_FALSE(repo_->find_alarm(id)->acknowledged);
  EXPECT_TRUE(audits("alarm.acknowledge").empty());
}

TEST_F(AlarmsApiQuarantine, ShowsMeterlessAlarmsAndMessagesNotPutToAMeter) {
  const auto meter = create_meter(R"({"serial":"1004"})");
  alarm(meter, "SS", "2020-01-01T00:00:00Z");  // has a meter: not in quarantine
  const auto orphan = alarm(std::nullopt, "SS", "2020-01-02T00:00:00Z");
  const auto orphan_message = repo_->find_alarm(orphan)->first_message_id;
  const auto empty_mail =
      message(AlarmChannel::mail, "no_events", std::nullopt, "Subject: hi\r\n\r\nnothing");
  message(AlarmChannel::web, "accepted", meter);

  auto r = call("GET", "/api/v1/alarms/quarantine", kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  const auto& alarms = body.at("alarms").as_object();
  ASSERT_EQ(alarms.at("items").as_array().size(), 1u);
  EXPECT_EQ(alarms.at("items").as_array()[0].at("id").as_int64(), orphan);
  EXPECT_EQ(alarms.at("items").as_array()[0].at("sender_key").as_string(), "DeviceId=999");
  EXPECT_EQ(alarms.at("total").as_int64(), 1);
  const auto& messages = body.at("messages").as_object().at("items").as_array();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("id").as_int64(), empty_mail);
  EXPECT_EQ(messages[0].at("outcome").as_string(), "no_events");
  EXPECT_EQ(messages[1].at("id").as_int64(), orphan_message);
  EXPECT_EQ(messages[1].at("outcome").as_string(), "quarantined");
  EXPECT_EQ(messages[1].at("raw_url").as_string(),
            "/api/v1/alarms/messages/" + std::to_string(orphan_message) + "/raw");

  r = call("GET", "/api/v1/alarms/quarantine?outcome=no_events", kViewer);
  body = r.json().as_object();
  ASSERT_EQ(body.at("messages").at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("messages").at("items").as_array()[0].at("id").as_int64(), empty_mail);

  // Each list has its own keyset.
  r = call("GET", "/api/v1/alarms/quarantine?limit=1", kViewer);
  body = r.json().as_object();
  EXPECT_EQ(body.at("alarms").at("next_after").as_int64(), orphan);  // a full page
  EXPECT_EQ(body.at("messages").at("next_after").as_int64(), empty_mail);
  r = call("GET", "/api/v1/alarms/quarantine?limit=1&messages_after=" + std::to_string(empty_mail),
           kViewer);
  body = r.json().as_object();
  ASSERT_EQ(body.at("messages").at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("messages").at("items").as_array()[0].at("id").as_int64(), orphan_message);
  EXPECT_EQ(body.at("alarms").at("items").as_array().size(), 1u);
  r = call("GET", "/api/v1/alarms/quarantine?limit=1&alarms_after=" + std::to_string(orphan),
           kViewer);
  body = r.json().as_object();
  EXPECT_TRUE(body.at("alarms").at("items").as_array().empty());
  EXPECT_TRUE(body.at("alarms").at("next_after").is_null());

  EXPECT_EQ(call("GET", "/api/v1/alarms/quarantine?outcome=accepted", kViewer).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/alarms/quarantine?after=3", kViewer).status, 400);
}

TEST_F(AlarmsApiMessages, MetadataAndTheBytesExactlyAsReceived) {
  std::string multipart = "--b\r\nContent-Disposition: form-data; name=\"pqdif_file\"\r\n\r\n";
  multipart += std::string("\0\x01\xff\r\n", 5);
  multipart += "\r\n--b--\r\n";
  const auto web = message(AlarmChannel::web, "accepted", std::nullopt, multipart,
                           "multipart/form-data; boundary=b");
  auto r = call("GET", "/api/v1/alarms/messages/" + std::to_string(web), kViewer);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto m = r.json().as_object();
  EXPECT_EQ(m.at("channel").as_string(), "web");
  EXPECT_EQ(m.at("size_bytes").as_int64(), static_cast<std::int64_t>(multipart.size()));
  EXPECT_EQ(m.at("content_type").as_string(), "multipart/form-data; boundary=b");
  EXPECT_EQ(m.at("remote_address").as_string(), "127.0.0.1");
  EXPECT_FALSE(m.contains("raw"));

  r = call("GET", "/api/v1/alarms/messages/" + std::to_string(web) + "/raw", kViewer);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, multipart);
  EXPECT_EQ(r.header("content-type"), "multipart/form-data; boundary=b");
  EXPECT_EQ(r.header("content-disposition"),
            "attachment; filename=\"alarm-message-" + std::to_string(web) + ".bin\"");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");

  // The manual's sample capitalises the type; it is served back as the meter sent it.
  const auto json_web = message(AlarmChannel::web, "accepted", std::nullopt,
                                R"({"EventType": "OU"})", "Application/json");
  r = call("GET", "/api/v1/alarms/messages/" + std::to_string(json_web) + "/raw", kViewer);
  EXPECT_EQ(r.body, R"({"EventType": "OU"})");
  EXPECT_EQ(r.header("content-type"), "Application/json");

  const std::string mail =
      "From: meter@example.net\r\nSubject: alarm\r\n\r\n{\"EventType\":\"TS\"}";
  const auto by_mail = message(AlarmChannel::mail, "accepted", std::nullopt, mail, "text/plain");
  r = call("GET", "/api/v1/alarms/messages/" + std::to_string(by_mail) + "/raw", kViewer);
  EXPECT_EQ(r.body, mail);
  EXPECT_EQ(r.header("content-type"), "message/rfc822");
  EXPECT_NE(r.header("content-disposition").find(".eml"), std::string::npos);

  EXPECT_EQ(call("GET", "/api/v1/alarms/messages/999999", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/alarms/messages/999999/raw", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/alarms/messages/1/raw", "").status, 401);
}

}  // namespace
}  // namespace jemhead::testing
