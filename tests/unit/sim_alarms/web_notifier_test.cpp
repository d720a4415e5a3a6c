// The web notifier (sim/alarms/web_notifier.*) against a loopback HTTP server: one event
// per POST, JSON or multipart (json_msg + pqdif_file with the exact bytes), the meter's
// User-Agent, Expect: 100-continue, Basic auth, and failures recorded as they happened.
#include "sim/alarms/web_notifier.hpp"

#include <gtest/gtest.h>

#include "core/alarm/alarm_json.hpp"
#include "recording_http_server.hpp"
#include "sim/alarms/alarm_event_builder.hpp"

namespace jemhead::sim {
namespace {

using testing::form_parts;
using testing::RecordingHttpServer;

MeterSpec meter() {
  MeterSpec m;
  m.serial = "140800001";
  fill_default_identification(m);
  return m;
}

AlarmEvent event(const std::string& type, AlarmProperties props = {}) {
  AlarmSpec spec;
  return build_alarm_event(meter(), spec, type, *parse_iso8601("2020-07-12T18:15:00.618369Z"),
                           props.empty() ? default_alarm_properties(type) : props, 7);
}

TEST(SimAlarmWeb, JsonPostDecodesToTheEventSent) {
  RecordingHttpServer server;
  WebAlarmSpec spec;
  spec.url = server.url();
  const AlarmEvent sent = event("SS", {{"2,Inst,VLN:Any,<,108,0,0,110.4,A", "61.250000"}});
  const auto r = post_web_alarm(spec, {encode_alarm_json(sent, false), {}, nullptr});
  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& q = requests[0];
  EXPECT_EQ(q.method, "POST");
  EXPECT_EQ(q.path, "/ingest/web-alarm");
  EXPECT_EQ(q.header("content-type"), "application/json");
  EXPECT_EQ(q.header("user-agent"), "curl/7.68.0");
  EXPECT_EQ(q.header("expect"), "");  // small bodies go at once, as curl's do
  const AlarmEvent got = decode_alarm_json(q.body);
  EXPECT_EQ(got.event_type, AlarmEventType::SS);
  EXPECT_EQ(got.device_id, "140800001");
  EXPECT_EQ(got.event_id, "140800001-7");
  ASSERT_TRUE(got.event_time);
  EXPECT_EQ(to_unix_micros(*got.event_time), to_unix_micros(*sent.event_time));
  EXPECT_EQ(got.properties, sent.properties);
  EXPECT_EQ(got.source, "JEMStarII");
}

TEST(SimAlarmWeb, SampleStyleCarriesTheIdentificationLabelsFlat) {
  RecordingHttpServer server;
  WebAlarmSpec spec;
  spec.url = server.url();
  spec.style = AlarmJsonStyle::sample;
  const AlarmEvent sent = event("BAT");
  ASSERT_TRUE(post_web_alarm(spec, {encode_alarm_json(sent, true), {}, nullptr}).sent);
  const auto q = server.requests().at(0);
  const AlarmEvent got = decode_alarm_json(q.body);
  EXPECT_EQ(q.body.find("DeviceId"), std::string::npos);  // the samples have none
  EXPECT_NE(q.body.find("\"MV 90 Meter ID\":\"140800001\""), std::string::npos) << q.body;
  EXPECT_NE(q.body.find("\"Location(Lat)\":\"0.0\""), std::string::npos) << q.body;
  EXPECT_NE(q.body.find("\"Administrator\":\"Ametek Power\""), std::string::npos) << q.body;
  EXPECT_EQ(got.event_type, AlarmEventType::BAT);
  ASSERT_EQ(got.properties.size(), 1u);
  EXPECT_EQ(got.properties[0].first, "Internal Meter Battery Alarm");
}

TEST(SimAlarmWeb, MultipartCarriesTheJsonAndTheExactPqdifBytes) {
  RecordingHttpServer server;
  WebAlarmSpec spec;
  spec.url = server.url();
  std::string bytes(70'000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + i / 251);
  const std::string name = "140800001_1594577710_813931_06.pqd";
  const AlarmEvent sent = event("PQD");
  const auto r = post_web_alarm(spec, {encode_alarm_json(sent, true), name, &bytes});
  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_EQ(r.content_type, "multipart/form-data");
  const auto q = server.requests().at(0);
  EXPECT_EQ(q.header("expect"), "100-continue");
  const std::string type = q.header("content-type");
  ASSERT_TRUE(type.starts_with("multipart/form-data; boundary=")) << type;
  const auto parts = form_parts(type, q.body);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "json_msg");
  EXPECT_EQ(decode_alarm_json(parts[0].body).event_type, AlarmEventType::PQD);
  EXPECT_EQ(decode_alarm_json(parts[0].body).properties,
            (std::vector<std::pair<std::string, std::string>>{{"PQDIF file", ""}}));
  EXPECT_EQ(parts[1].name, "pqdif_file");
  EXPECT_EQ(parts[1].file_name, name);
  EXPECT_TRUE(parts[1].body == bytes) << parts[1].body.size();
}

TEST(SimAlarmWeb, BasicAuthenticationIsSentWhenAUserIsSet) {
  RecordingHttpServer server;
  WebAlarmSpec spec;
  spec.url = server.url();
  spec.user = "meter";
  spec.password = "s3cret";
  ASSERT_TRUE(post_web_alarm(spec, {"{}", {}, nullptr}).sent);
  EXPECT_EQ(server.requests().at(0).header("authorization"), "Basic bWV0ZXI6czNjcmV0");
}

TEST(SimAlarmWeb, FailuresAreRecordedNotRetried) {
  RecordingHttpServer refusing(503);
  WebAlarmSpec spec;
  spec.url = refusing.url();
  auto r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_FALSE(r.sent);
  EXPECT_EQ(r.http_status, 503);
  EXPECT_EQ(r.error, "HTTP 503");
  EXPECT_EQ(refusing.requests().size(), 1u);

  spec.url = "http://127.0.0.1:1/nowhere";  // nothing listens on port 1
  r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_FALSE(r.sent);
  EXPECT_EQ(r.http_status, 0);
  EXPECT_FALSE(r.error.empty());
}

TEST(SimAlarmWeb, MandatoryCertificateRefusesAServerItCannotAuthenticate) {
  // No TLS server at all: the handshake fails, and mandatory mode never falls back.
  RecordingHttpServer plain;
  WebAlarmSpec spec;
  spec.url = "https" + plain.url().substr(4);
  spec.certificate = CertificateMode::mandatory;
  const auto r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_FALSE(r.sent);
  EXPECT_FALSE(r.insecure);
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(plain.requests().empty());
}

}  // namespace
}  // namespace jemhead::sim
