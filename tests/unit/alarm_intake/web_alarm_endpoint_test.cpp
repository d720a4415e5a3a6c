// The web-alarm endpoint called directly (no sockets): the manual's samples as JSON and as
// multipart, content types, authentication, refusals that store nothing, storage failure.
#include "api/web_alarm_endpoint.hpp"

#include <boost/json.hpp>

#include "api/auth.hpp"
#include "tests/unit/alarm_intake/intake_fixture.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const std::string kBoundary = "------------------------eb807a8a5abf1a09";

std::string form(const std::string& json_part, const std::string& file_header,
                 const std::string& file_body, bool closed = true) {
  std::string b = "--" + kBoundary + "\r\n";
  b += "Content-Disposition: form-data; name=\"json_msg\"\r\n";
  b += "Content-Type: application/json\r\n\r\n";
  b += json_part + "\r\n";
  if (!file_header.empty()) {
    b += "--" + kBoundary + "\r\n";
    b += file_header + "\r\n\r\n";
    b += file_body + "\r\n";
  }
  if (closed) b += "--" + kBoundary + "--\r\n";
  return b;
}

class WebAlarmEndpointTest : public IntakeFixture {
 protected:
  api::WebAlarmEndpoint endpoint(api::AlarmSenderPolicy senders = anonymous()) {
    api::WebAlarmOptions options;
    options.senders = std::move(senders);
    return api::WebAlarmEndpoint(*intake, options);
  }
  static api::AlarmSenderPolicy anonymous() {
    api::AlarmSenderPolicy p;
    p.allow_anonymous = true;
    return p;
  }
  static net::HttpRequest post(std::string content_type, std::string body,
                               std::string path = api::kDefaultWebAlarmPath) {
    net::HttpRequest r;
    r.method = "POST";
    r.path = std::move(path);
    r.target = r.path;
    r.peer_address = "192.0.2.7";
    r.headers["content-type"] = std::move(content_type);
    r.body = std::move(body);
    return r;
  }
  static std::string detail(const net::HttpResponse& r) {
    return std::string(json::parse(r.body).at("detail").as_string());
  }
};

TEST_F(WebAlarmEndpointTest, SampleTwoAsCapitalisedApplicationJsonIsStored) {
  const auto meter = add_meter("JEMStarII ID");
  const auto r = endpoint().handle(post("Application/json; charset=utf-8", kSampleTwoJson));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  const auto body = json::parse(r.body).as_object();
  ASSERT_EQ(body.at("alarms").as_array().size(), 1u);
  const auto alarm = repo->find_alarm(body.at("alarms").as_array()[0].as_int64());
  ASSERT_TRUE(alarm);
  EXPECT_EQ(alarm->meter_id, meter);
  EXPECT_EQ(alarm->event_type, AlarmEventType::SS);
  EXPECT_EQ(alarm->event_time, UtcTime(Micros(kSampleTwoMicros)));
  const auto message = repo->find_alarm_message(body.at("message").as_int64());
  ASSERT_TRUE(message);
  EXPECT_EQ(message->raw, kSampleTwoJson);
  EXPECT_EQ(message->content_type, "Application/json; charset=utf-8");
  EXPECT_EQ(message->channel, AlarmChannel::web);
}

TEST_F(WebAlarmEndpointTest, SampleThreeMultipartStoresAndLinksThePqdifFile) {
  add_meter("JEMStarII ID");
  const auto pqd = sample_pqdif();
  const auto r = endpoint().handle(post("multipart/form-data; boundary=" + kBoundary,
                                        form(kSampleThreeJson,
                                             "Content-Disposition: form-data; name=\"pqdif_file\"; "
                                             "filename=\"140800001_1594577710_813931_06.pqd\"\r\n"
                                             "Content-Type: application/octet-stream",
                                             pqd)));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto id = json::parse(r.body).at("alarms").as_array()[0].as_int64();
  const auto alarm = repo->find_alarm(id);
  ASSERT_TRUE(alarm && alarm->pqdif_file_id);
  const auto file = repo->find_pqdif_file(*alarm->pqdif_file_id);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->file_name, "140800001_1594577710_813931_06.pqd");
  EXPECT_EQ(file->size_bytes, static_cast<std::int64_t>(pqd.size()));
}

TEST_F(WebAlarmEndpointTest, AnUnnamedFilePartIsNamedFromTheEventTime) {
  add_meter("JEMStarII ID");
  const auto r = endpoint().handle(
      post("multipart/form-data; boundary=" + kBoundary,
           form(kSampleThreeJson, "Content-Disposition: form-data; name=\"pqdif_file\"",
                sample_pqdif())));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto alarm = repo->find_alarm(json::parse(r.body).at("alarms").as_array()[0].as_int64());
  ASSERT_TRUE(alarm && alarm->pqdif_file_id);
  EXPECT_EQ(repo->find_pqdif_file(*alarm->pqdif_file_id)->file_name,
            "alarm_1594577710_813931_00.pqd");
}

TEST_F(WebAlarmEndpointTest, BadJsonIs400WithTheReasonAndNothingIsStored) {
  const auto r = endpoint().handle(post("application/json", R"({"EventType": "SS", )"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_NE(detail(r).find("the alarm JSON cannot be read"), std::string::npos) << r.body;
  EXPECT_EQ(stored_messages(), 0u);
  EXPECT_TRUE(has_metric(R"(jemhead_alarm_rejected_total{channel="web",reason="bad_json"} 1)"));
}

TEST_F(WebAlarmEndpointTest, TruncatedMultipartIs400AndNothingIsStored) {
  const auto r = endpoint().handle(post("multipart/form-data; boundary=" + kBoundary,
                                        form(kSampleThreeJson,
                                             "Content-Disposition: form-data; name=\"pqdif_file\"; "
                                             "filename=\"a_1594577710_813931_06.pqd\"",
                                             sample_pqdif().substr(0, 1000), false)));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(detail(r).find("multipart"), std::string::npos) << r.body;
  EXPECT_EQ(stored_messages(), 0u);
  EXPECT_TRUE(repo->list_pqdif_files({}, {}).empty());
}

TEST_F(WebAlarmEndpointTest, MultipartWithoutJsonMsgIs400) {
  const std::string body = "--" + kBoundary +
                           "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" +
                           kBoundary + "--\r\n";
  const auto r = endpoint().handle(post("multipart/form-data; boundary=" + kBoundary, body));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(detail(r).find("json_msg"), std::string::npos) << r.body;
}

TEST_F(WebAlarmEndpointTest, OtherContentTypesAre415) {
  const auto r = endpoint().handle(post("text/plain", kSampleTwoJson));
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(detail(r).find("got 'text/plain'"), std::string::npos) << r.body;
  EXPECT_EQ(stored_messages(), 0u);
}

TEST_F(WebAlarmEndpointTest, OnlyPostOnOurPath) {
  auto get = post("application/json", "");
  get.method = "GET";
  const auto r = endpoint().handle(get);
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(endpoint().handle(post("application/json", kSampleTwoJson, "/elsewhere")).status, 404);
  EXPECT_EQ(
      endpoint().handle(post("application/json", kSampleTwoJson, "/ingest/web-alarm/a/b")).status,
      404);
}

TEST_F(WebAlarmEndpointTest, UrlTokenIdentifiesAPinnedSender) {
  const auto meter = add_meter("140800001");
  api::AlarmSenderPolicy policy;
  api::AlarmSender s;
  s.name = "feeder-1";
  s.url_token_sha256 = api::sha256_hex("t0ken");
  s.meter_serial = "140800001";
  policy.senders.push_back(s);
  auto e = endpoint(policy);

  auto r = e.handle(post("application/json", kSampleTwoJson, "/ingest/web-alarm/wrong"));
  EXPECT_EQ(r.status, 401);
  ASSERT_FALSE(r.headers.empty());
  EXPECT_EQ(r.headers[0].first, "WWW-Authenticate");
  EXPECT_EQ(r.headers[0].second, R"(Basic realm="jemhead alarms")");
  EXPECT_EQ(e.handle(post("application/json", kSampleTwoJson)).status, 401);
  EXPECT_EQ(stored_messages(), 0u);
  EXPECT_TRUE(has_metric(R"(jemhead_alarm_rejected_total{channel="web",reason="unauthorized"} 2)"));

  r = e.handle(post("application/json", kSampleTwoJson, "/ingest/web-alarm/t0ken"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto message = repo->find_alarm_message(json::parse(r.body).at("message").as_int64());
  EXPECT_EQ(message->sender, "feeder-1");
  EXPECT_EQ(message->meter_id, meter);  // pinned, although the JSON names another meter
}

TEST_F(WebAlarmEndpointTest, AnAddressOutsideTheAllowListIs403) {
  api::AlarmSenderPolicy policy;
  api::AlarmSender s;
  s.name = "substation-lan";
  s.allow_addresses = {"10.0.0.0/8"};
  policy.senders.push_back(s);
  const auto r = endpoint(policy).handle(post("application/json", kSampleTwoJson));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(stored_messages(), 0u);
}

TEST_F(WebAlarmEndpointTest, StorageFailureIs503SoTheMeterRetries) {
  repo->close();
  const auto r = endpoint().handle(post("application/json", kSampleTwoJson));
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(has_metric(R"(jemhead_alarm_messages_total{channel="web",outcome="failed"} 1)"));
}

}  // namespace
}  // namespace jemhead::testing
