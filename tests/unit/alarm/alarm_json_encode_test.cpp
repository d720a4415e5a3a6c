// Writing events as the meter does, and reading them back unchanged, in both styles.
#include <gtest/gtest.h>

#include "core/alarm/alarm_json.hpp"
#include "tests/unit/alarm/manual_samples.hpp"

namespace jemhead {
namespace {

void expect_same_event(const AlarmEvent& a, const AlarmEvent& b) {
  EXPECT_EQ(a.event_type, b.event_type);
  EXPECT_EQ(a.event_type_text, b.event_type_text);
  EXPECT_EQ(a.event_time_text, b.event_time_text);
  EXPECT_EQ(a.event_time, b.event_time);
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.device_id, b.device_id);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.owner, b.owner);
  EXPECT_EQ(a.latitude, b.latitude);
  EXPECT_EQ(a.longitude, b.longitude);
  EXPECT_EQ(a.properties, b.properties);
  EXPECT_EQ(a.identification, b.identification);
}

// The manual prints sample 2 indented, but its Content-Length (401) is the compact form
// with keys in byte order: the sample style writes exactly that.
TEST(AlarmJsonEncode, SampleStyleReproducesManualSample2OnTheWire) {
  const AlarmEvent sample = decode_alarm_json(test::kManualSample2);
  const std::string encoded = encode_alarm_json(sample, true);
  EXPECT_EQ(encoded.size(), 401u);
  EXPECT_EQ(encoded,
            R"j({"Account Number":"1-888-222-6282","Administrator":"Ametek Power",)j"
            R"j("Configuration ID":"Factory Default","EventTime":"2020-07-12T18:15:00.618369Z",)j"
            R"j("EventType":"SS","Location":"Rochester, New York","Location(Lat)":"0.0",)j"
            R"j("Location(Long)":"0.0","MV 90 Meter ID":"JEMStarII ID","Owner":"Ametek",)j"
            R"j("Properties":{"1,Inst,VLN:Any,<,108,0,0,110.4,A":"0.092000"},)j"
            R"j("Source":"JEMStarII","User defined":"User defined"})j");
  const AlarmEvent back = decode_alarm_json(encoded);
  expect_same_event(back, sample);
  EXPECT_TRUE(back.problems.empty());
}

TEST(AlarmJsonEncode, SampleStyleRoundTripFromBuiltEvent) {
  AlarmEvent e;
  e.event_type = AlarmEventType::BAT;  // no text: the type's code is written
  e.event_time = from_unix_micros(1594577710813931);
  e.owner = "Ametek";
  e.source = "JEMStarII";
  e.latitude = 43.25;
  e.longitude = -77.5;
  e.properties = {{"Internal Meter Battery Alarm", ""}};
  e.identification = {{"Account Number", "1-888"}, {"Location", "Rochester \"NY\""}};
  const AlarmEvent back = decode_alarm_json(encode_alarm_json(e, true));
  EXPECT_EQ(back.event_type, AlarmEventType::BAT);
  EXPECT_EQ(back.event_type_text, "BAT");
  EXPECT_EQ(back.event_time_text, "2020-07-12T18:15:10.813931Z");
  EXPECT_EQ(back.event_time, e.event_time);
  EXPECT_EQ(back.latitude, 43.25);
  EXPECT_EQ(back.longitude, -77.5);
  EXPECT_EQ(back.properties, e.properties);
  EXPECT_EQ(back.identification, e.identification);
  EXPECT_TRUE(back.problems.empty()) << back.problems.front();
}

TEST(AlarmJsonEncode, SampleStyleLeavesOutDeviceIdAndEventId) {
  AlarmEvent e;
  e.event_type_text = "TS";
  e.device_id = "12345678";
  e.event_id = "evt-1";
  const std::string encoded = encode_alarm_json(e, true);
  EXPECT_EQ(encoded, R"j({"EventType":"TS","Properties":{}})j");
}

TEST(AlarmJsonEncode, DocumentedStyleRoundTrip) {
  AlarmEvent e;
  e.event_type_text = "RE";
  e.event_type = AlarmEventType::RE;
  e.event_time_text = "2019-08-23T21:00:00-04:00";
  e.event_time = parse_alarm_event_time(e.event_time_text);
  e.device_id = "12345678";
  e.event_id = "evt-42";
  e.source = "JEMStarII";
  e.owner = "OPCO";
  e.latitude = 43.1566;
  e.longitude = -77.6088;
  e.properties = {{"1,Inst,VLN:Any,<,108,0,0,110.4,A", "110.9"}, {"Configuration Changed", ""}};
  e.identification = {{"MV 90 Meter ID", "JEMStarII ID"}, {"User defined", "x"}};
  const std::string encoded = encode_alarm_json(e, false);
  EXPECT_EQ(encoded,
            R"j({"EventType":"RE","DeviceId":"12345678","Source":"JEMStarII",)j"
            R"j("EventTime":"2019-08-23T21:00:00-04:00","EventId":"evt-42","Owner":"OPCO",)j"
            R"j("Location":{"Lat":43.1566,"Long":-77.6088},)j"
            R"j("Properties":[{"Key":"1,Inst,VLN:Any,<,108,0,0,110.4,A","Value":"110.9"},)j"
            R"j({"Key":"Configuration Changed"}],)j"
            R"j("MV 90 Meter ID":"JEMStarII ID","User defined":"x"})j");
  const AlarmEvent back = decode_alarm_json(encoded);
  expect_same_event(back, e);
  EXPECT_TRUE(back.problems.empty()) << back.problems.front();
}

// A "Location" label and coordinates cannot both be the key "Location": the coordinates
// then go flat, and both survive.
TEST(AlarmJsonEncode, DocumentedStyleKeepsLocationLabelAndCoordinates) {
  AlarmEvent e = decode_alarm_json(test::kManualSample2);
  e.latitude = 43.5;
  const AlarmEvent back = decode_alarm_json(encode_alarm_json(e, false));
  expect_same_event(back, e);
  EXPECT_TRUE(back.problems.empty()) << back.problems.front();
}

}  // namespace
}  // namespace jemhead
