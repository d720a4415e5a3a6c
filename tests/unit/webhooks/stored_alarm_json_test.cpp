// The shared JSON of a stored alarm (core/alarm/stored_alarm_json.hpp).
#include "core/alarm/stored_alarm_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jemhead {
namespace {

namespace json = boost::json;

TEST(StoredAlarmJson, EveryFieldWithNullsForWhatIsUnknown) {
  StoredAlarm a;
  a.id = 7;
  a.sender_key = "DeviceId=12345678";
  a.event_type = AlarmEventType::other;
  a.event_type_text = "XYZ";
  a.received_at = *parse_iso8601("2020-07-12T18:15:01Z");
  a.channels = {AlarmChannel::mail, AlarmChannel::web};
  a.arrivals = 2;
  a.first_message_id = 3;
  a.fields_json = R"({"EventType":"XYZ"})";
  a.raw_json = R"({"EventType": "XYZ"})";
  const auto j = to_json(a);
  EXPECT_EQ(j.at("id").as_int64(), 7);
  EXPECT_TRUE(j.at("meter_id").is_null());
  EXPECT_TRUE(j.at("quarantined").as_bool());
  EXPECT_EQ(j.at("event_type").as_string(), "other");
  EXPECT_EQ(j.at("event_type_text").as_string(), "XYZ");
  EXPECT_TRUE(j.at("event_time").is_null());  // none readable
  EXPECT_EQ(j.at("received_at").as_string(), "2020-07-12T18:15:01.000000Z");
  EXPECT_EQ(j.at("channels").as_array(), json::array({"mail", "web"}));
  EXPECT_EQ(j.at("arrivals").as_int64(), 2);
  EXPECT_EQ(j.at("fields").at("EventType").as_string(), "XYZ");
  EXPECT_EQ(j.at("raw").as_string(), R"({"EventType": "XYZ"})");
  EXPECT_TRUE(j.at("pqdif_file_id").is_null());
  EXPECT_FALSE(j.at("acknowledged").as_bool());
  EXPECT_TRUE(j.at("acknowledged_by").is_null());
  EXPECT_TRUE(j.at("acknowledged_at").is_null());
}

TEST(StoredAlarmJson, AcknowledgedAlarmOfAMeterWithItsFile) {
  StoredAlarm a;
  a.meter_id = 4;
  a.event_type = AlarmEventType::PQD;
  a.event_time = *parse_iso8601("2020-07-12T18:15:10.813931Z");
  a.pqdif_file_id = 9;
  a.acknowledged = true;
  a.acknowledged_by = "otto";
  a.acknowledged_at = *parse_iso8601("2020-07-13T08:00:00Z");
  a.fields_json = "not json";  // a damaged row shows null, it does not fail the listing
  const auto j = to_json(a);
  EXPECT_EQ(j.at("meter_id").as_int64(), 4);
  EXPECT_FALSE(j.at("quarantined").as_bool());
  EXPECT_EQ(j.at("event_type").as_string(), "PQD");
  EXPECT_EQ(j.at("event_time").as_string(), "2020-07-12T18:15:10.813931Z");
  EXPECT_EQ(j.at("pqdif_file_id").as_int64(), 9);
  EXPECT_EQ(j.at("acknowledged_by").as_string(), "otto");
  EXPECT_EQ(j.at("acknowledged_at").as_string(), "2020-07-13T08:00:00.000000Z");
  EXPECT_TRUE(j.at("fields").is_null());
}

}  // namespace
}  // namespace jemhead
