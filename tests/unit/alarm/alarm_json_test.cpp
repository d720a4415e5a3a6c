// Decoding the meter's alarm JSON: the manual's samples, its documented schema and the
// damaged or hostile messages the head-end must refuse with a clear reason.
#include "core/alarm/alarm_json.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/alarm/manual_samples.hpp"

namespace jemhead {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

const Pairs kSampleLabels{
    {"Account Number", "1-888-222-6282"},    {"Administrator", "Ametek Power"},
    {"Configuration ID", "Factory Default"}, {"Location", "Rochester, New York"},
    {"MV 90 Meter ID", "JEMStarII ID"},      {"User defined", "User defined"}};

std::string decode_error(std::string_view text, const AlarmJsonLimits& limits = {}) {
  try {
    (void)decode_alarm_json(text, limits);
  } catch (const AlarmDecodeError& e) {
    return e.what();
  }
  return "(decoded)";
}

TEST(AlarmJsonDecode, ManualSample1IsTruncatedAndRefusedSayingSo) {
  const std::string error = decode_error(test::kManualSample1);
  EXPECT_NE(error.find("ends before its object is complete"), std::string::npos) << error;
  EXPECT_NE(error.find("line 5, column 1"), std::string::npos) << error;
}

TEST(AlarmJsonDecode, ManualSample2) {
  const AlarmEvent e = decode_alarm_json(test::kManualSample2);
  EXPECT_EQ(e.event_type, AlarmEventType::SS);
  EXPECT_EQ(e.event_type_text, "SS");
  EXPECT_EQ(e.event_time_text, "2020-07-12T18:15:00.618369Z");
  ASSERT_TRUE(e.event_time.has_value());
  EXPECT_EQ(to_unix_micros(*e.event_time), 1594577700618369);
  EXPECT_EQ(e.owner, "Ametek");
  EXPECT_EQ(e.source, "JEMStarII");
  EXPECT_EQ(e.device_id, "");
  EXPECT_EQ(e.event_id, "");
  ASSERT_TRUE(e.latitude.has_value());
  ASSERT_TRUE(e.longitude.has_value());
  EXPECT_EQ(*e.latitude, 0.0);
  EXPECT_EQ(*e.longitude, 0.0);
  EXPECT_EQ(e.properties, (Pairs{{"1,Inst,VLN:Any,<,108,0,0,110.4,A", "0.092000"}}));
  EXPECT_EQ(e.identification, kSampleLabels);
  EXPECT_TRUE(e.problems.empty()) << e.problems.front();
  EXPECT_EQ(e.raw_json, test::kManualSample2);
}

TEST(AlarmJsonDecode, ManualSample3) {
  const AlarmEvent e = decode_alarm_json(test::kManualSample3);
  EXPECT_EQ(e.event_type, AlarmEventType::PQD);
  ASSERT_TRUE(e.event_time.has_value());
  EXPECT_EQ(to_unix_micros(*e.event_time), 1594577710813931);
  EXPECT_EQ(e.properties, (Pairs{{"PQDIF file", ""}}));
  EXPECT_EQ(e.identification, kSampleLabels);
  EXPECT_TRUE(e.problems.empty()) << e.problems.front();
}

TEST(AlarmJsonDecode, DocumentedSchemaWithNestedLocationAndOffset) {
  const AlarmEvent e = decode_alarm_json(
      R"j({"EventType":"CFG","DeviceId":"12345678","Source":"JEMStarII",
          "EventTime":"2019-08-23T21:00:00-04:00","EventId":"evt-42","Owner":"OPCO",
          "Location":{"Lat":43.1566,"Long":-77.6088},
          "Properties":[{"Key":"Configuration Changed"},{"Key":"2,Inst,VLN:A,>,132","Value":"133.9"}]})j");
  EXPECT_EQ(e.event_type, AlarmEventType::CFG);
  EXPECT_EQ(e.device_id, "12345678");
  EXPECT_EQ(e.source, "JEMStarII");
  EXPECT_EQ(e.event_id, "evt-42");
  EXPECT_EQ(e.owner, "OPCO");
  ASSERT_TRUE(e.event_time.has_value());
  EXPECT_EQ(to_unix_micros(*e.event_time), 1566608400000000);  // 2019-08-24T01:00:00Z
  EXPECT_EQ(e.latitude, 43.1566);
  EXPECT_EQ(e.longitude, -77.6088);
  EXPECT_EQ(e.properties, (Pairs{{"Configuration Changed", ""}, {"2,Inst,VLN:A,>,132", "133.9"}}));
  EXPECT_TRUE(e.identification.empty());
  EXPECT_TRUE(e.problems.empty()) << e.problems.front();
}

TEST(AlarmJsonDecode, SevenFractionalDigitsAreTruncatedToMicroseconds) {
  const AlarmEvent e =
      decode_alarm_json(R"j({"EventType":"OU","EventTime":"2015-09-30T10:55:37.7430093Z"})j");
  ASSERT_TRUE(e.event_time.has_value());
  EXPECT_EQ(to_unix_micros(*e.event_time), 1443610537743009);
  EXPECT_EQ(e.event_time_text, "2015-09-30T10:55:37.7430093Z");
}

TEST(AlarmJsonDecode, KeysAreCaseInsensitiveAndTypeIsTrimmedAndUpperCased) {
  const AlarmEvent e = decode_alarm_json(
      R"j({"eventtype":" ss ","EVENTTIME":"2020-07-12 18:15:00Z","location(lat)":"-12.5",
          "Location/Long":"+45","deviceid":12345678,"PROPERTIES":{"k":0.092,"n":null}})j");
  EXPECT_EQ(e.event_type, AlarmEventType::SS);
  EXPECT_EQ(e.event_type_text, "ss");
  ASSERT_TRUE(e.event_time.has_value());
  EXPECT_EQ(to_unix_micros(*e.event_time), 1594577700000000);
  EXPECT_EQ(e.latitude, -12.5);
  EXPECT_EQ(e.longitude, 45.0);
  EXPECT_EQ(e.device_id, "12345678");
  EXPECT_EQ(e.properties, (Pairs{{"k", "0.092"}, {"n", ""}}));
  EXPECT_TRUE(e.problems.empty()) << e.problems.front();
}

TEST(AlarmJsonDecode, UnknownEventTypeIsKeptAsSentWithAProblem) {
  const AlarmEvent e =
      decode_alarm_json(R"j({"EventType":"XFMR","EventTime":"2020-07-12T18:15:00Z"})j");
  EXPECT_EQ(e.event_type, AlarmEventType::other);
  EXPECT_EQ(e.event_type_text, "XFMR");
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_NE(e.problems[0].find("unknown type \"XFMR\""), std::string::npos) << e.problems[0];
}

TEST(AlarmJsonDecode, OddFieldsAreProblemsNotErrors) {
  const AlarmEvent e = decode_alarm_json(
      R"j({"EventTime":"yesterday","Location(Lat)":"north","Location(Long)":"200",
          "Meter Number":140800001,"Ratio":1.5,"Nested":{"a":1},"Properties":{"x":[1,2]}})j");
  EXPECT_FALSE(e.event_time.has_value());
  EXPECT_EQ(e.event_time_text, "yesterday");
  EXPECT_FALSE(e.latitude.has_value());
  EXPECT_FALSE(e.longitude.has_value());
  EXPECT_EQ(e.identification, (Pairs{{"Meter Number", "140800001"}, {"Ratio", "1.5"}}));
  EXPECT_EQ(e.properties, (Pairs{{"x", "[1,2]"}}));
  const auto has = [&](std::string_view text) {
    for (const auto& p : e.problems)
      if (p.find(text) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("EventTime: not an ISO 8601 time"));
  EXPECT_TRUE(has("Location(Lat): not a coordinate (north)"));
  EXPECT_TRUE(has("Location(Long): not a coordinate (200)"));
  EXPECT_TRUE(has("Nested: an object where a label's text was expected"));
  EXPECT_TRUE(has("Properties/x: value is an array, kept as JSON"));
  EXPECT_TRUE(has("EventType: missing"));
  EXPECT_EQ(e.problems.size(), 6u);
}

TEST(AlarmJsonDecode, Latin1LabelIsReadAsLatin1) {
  const AlarmEvent e = decode_alarm_json("{\"EventType\":\"BAT\",\"Administrator\":\"Am\xE9tek\"}");
  EXPECT_EQ(e.event_type, AlarmEventType::BAT);
  EXPECT_EQ(e.identification, (Pairs{{"Administrator", "Am\xC3\xA9tek"}}));
  ASSERT_FALSE(e.problems.empty());
  EXPECT_EQ(e.problems[0], "Administrator: not UTF-8, read as Latin-1");
}

TEST(AlarmJsonDecode, RepeatedDocumentedKeyKeepsTheFirst) {
  const AlarmEvent e = decode_alarm_json(R"j({"EventType":"OU","eventType":"RE"})j");
  EXPECT_EQ(e.event_type, AlarmEventType::OU);
  EXPECT_NE(e.problems[0].find("given more than once"), std::string::npos);
}

TEST(AlarmJsonDecode, MalformedJsonSaysWhere) {
  const std::string error = decode_error("{\"EventType\": \"OU\",\n \"DeviceId\" \"1\"}");
  EXPECT_NE(error.find("not valid at line 2, column 13"), std::string::npos) << error;
}

TEST(AlarmJsonDecode, TrailingGarbageSaysWhere) {
  const std::string error = decode_error("{\"EventType\":\"OU\"} x");
  EXPECT_NE(error.find("not valid at line 1, column 20 (byte 19)"), std::string::npos) << error;
}

TEST(AlarmJsonDecode, NotAnObjectIsRefused) {
  EXPECT_EQ(decode_error("[1,2]"), "alarm JSON is an array, not an object");
  EXPECT_EQ(decode_error("  \r\n "), "alarm JSON is empty");
}

TEST(AlarmJsonDecode, DepthLimit) {
  const std::string deep = R"j({"EventType":"PQ","Properties":{"a":{"b":{"c":1}}}})j";
  AlarmJsonLimits limits;
  limits.max_depth = 4;
  EXPECT_NO_THROW((void)decode_alarm_json(deep, limits));
  limits.max_depth = 3;
  const std::string error = decode_error(deep, limits);
  EXPECT_NE(error.find("nests deeper than 3 levels"), std::string::npos) << error;
}

TEST(AlarmJsonDecode, SizeLimit) {
  const std::string text = R"j({"EventType":"PQ"})j";
  AlarmJsonLimits limits;
  limits.max_bytes = text.size();
  EXPECT_NO_THROW((void)decode_alarm_json(text, limits));
  limits.max_bytes = text.size() - 1;
  EXPECT_EQ(decode_error(text, limits), "alarm JSON is 18 bytes; the limit is 17");
}

TEST(AlarmJsonDecode, PropertiesLimit) {
  const std::string text = R"j({"EventType":"PQ","Properties":{"a":"1","b":"2","c":"3"}})j";
  AlarmJsonLimits limits;
  limits.max_properties = 3;
  EXPECT_EQ(decode_alarm_json(text, limits).properties.size(), 3u);
  limits.max_properties = 2;
  EXPECT_EQ(decode_error(text, limits), "alarm JSON has more than 2 Properties");
}

}  // namespace
}  // namespace jemhead
