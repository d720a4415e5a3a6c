// Web alarms into the real jemhead, sent by real curl the way the meter's libcurl does
// (part4 §4.4: sample 2 as JSON, sample 3 as multipart with its PQDIF file, Expect:
// 100-continue), over HTTP and HTTPS (with and without a client certificate). Every
// accepted alarm is read back through the REST API with its values; every refused request
// (wrong token, bad JSON, wrong type, too large) gets its status and stores nothing.
#include <gtest/gtest.h>

#include <thread>

#include "core/time.hpp"
#include "tests/integration/alarms_web/alarms_rig.hpp"
#include "tests/unit/net/test_pki.hpp"

namespace jemhead::testing::alarms {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string iso(std::int64_t micros) {
  return format_iso8601(UtcTime(Micros(micros)));
}

class AlarmsWebEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    head = std::make_unique<Jemhead>(dir, daemon_config(dir, fleet_section() + alarms_section()));
    url = receivers_of(dir).web_url;
    ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0u) << url;
    ASSERT_NE(url.find("/ingest/web-alarm"), std::string::npos) << url;
    meter_id =
        head->call("GET", "/api/v1/meters").json().at("items").as_array().at(0).at("id").as_int64();
  }

  std::string file(const std::string& name, const std::string& content) {
    write_file(dir.file(name), content);
    return dir.file(name);
  }
  json::object alarms(const std::string& query = {}) {
    const auto r = head->call("GET", "/api/v1/alarms" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  std::int64_t total_alarms() { return alarms().at("total").as_int64(); }

  TempDir dir;
  std::unique_ptr<Jemhead> head;
  std::string url;
  std::int64_t meter_id = 0;
};

TEST_F(AlarmsWebEndToEnd, SampleTwoJsonByCurlIsStoredWithItsValuesForTheMeter) {
  const auto body = file("sample2.json", kSampleTwoJson);
  const auto r = curl(dir, {"-H", "Content-Type: application/json", "-H", "Expect: 100-continue",
                            "--data-binary", at_file(body), url + "/" + kUrlToken});
  ASSERT_EQ(r.final_status(), 200) << r.headers << r.body;
  EXPECT_EQ(r.statuses.front(), 100) << r.headers;  // the meter's libcurl waits for it
  const auto reply = r.json().as_object();
  ASSERT_EQ(reply.at("alarms").as_array().size(), 1u);
  const auto alarm_id = reply.at("alarms").as_array()[0].as_int64();

  const auto listed = alarms("?meter=" + std::to_string(meter_id));
  ASSERT_EQ(listed.at("total").as_int64(), 1);
  const auto& a = listed.at("items").as_array()[0].as_object();
  EXPECT_EQ(a.at("id").as_int64(), alarm_id);
  EXPECT_EQ(a.at("meter_id").as_int64(), meter_id);
  EXPECT_EQ(a.at("event_type").as_string(), "SS");
  EXPECT_EQ(a.at("event_time").as_string(), iso(1594577700618369));
  EXPECT_EQ(a.at("channels").as_array(), json::array({"web"}));
  EXPECT_EQ(a.at("quarantined").as_bool(), false);
  EXPECT_NE(a.at("raw").as_string().find("1,Inst,VLN:Any,<,108,0,0,110.4,A"), std::string::npos);

  // The message as received, byte for byte, with who sent it.
  const auto message_id = reply.at("message").as_int64();
  const auto m = head->call("GET", "/api/v1/alarms/messages/" + std::to_string(message_id));
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(m.json().at("sender").as_string(), "feeder-1");
  EXPECT_EQ(m.json().at("outcome").as_string(), "accepted");
  EXPECT_EQ(m.json().at("tls").as_bool(), false);
  const auto raw =
      head->call("GET", "/api/v1/alarms/messages/" + std::to_string(message_id) + "/raw");
  EXPECT_EQ(raw.body, kSampleTwoJson);
}

TEST_F(AlarmsWebEndToEnd, SampleThreeMultipartStoresParsesAndLinksItsPqdifFile) {
  const auto json_part = file("sample3.json", kSampleThreeJson);
  const auto pqd = sample_pqdif_path();
  const auto r = curl(dir, {"-H", "Expect: 100-continue", "-F",
                            "json_msg=<" + json_part + ";type=application/json", "-F",
                            "pqdif_file=@" + pqd + ";filename=" + kSampleThreeFile +
                                ";type=application/octet-stream",
                            url + "/" + kUrlToken});
  ASSERT_EQ(r.final_status(), 200) << r.headers << r.body;
  EXPECT_EQ(r.statuses.front(), 100) << r.headers;
  const auto alarm_id = r.json().at("alarms").as_array().at(0).as_int64();

  const auto a = head->call("GET", "/api/v1/alarms/" + std::to_string(alarm_id));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json().at("event_type").as_string(), "PQD");
  EXPECT_EQ(a.json().at("event_time").as_string(), iso(1594577710813931));
  ASSERT_TRUE(a.json().at("pqdif_file_id").is_int64()) << a.body;
  const auto file_id = a.json().at("pqdif_file_id").as_int64();

  // Stored as sent, for the meter, and parsed by the PQDIF pipeline.
  json::object f;
  for (int i = 0; i < 100; ++i) {
    const auto got = head->call("GET", "/api/v1/pqdif/" + std::to_string(file_id));
    ASSERT_EQ(got.status, 200) << got.body;
    f = got.json().as_object();
    if (f.at("parse_status").as_string() != "pending") break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(f.at("file_name").as_string(), kSampleThreeFile);
  EXPECT_EQ(f.at("size_bytes").as_int64(), static_cast<std::int64_t>(file_bytes(pqd).size()));
  EXPECT_EQ(f.at("meter_id").as_int64(), meter_id);
  EXPECT_EQ(f.at("parse_status").as_string(), "ok") << json::serialize(f);
  EXPECT_EQ(f.at("observation_count").as_int64(), 47);  // what secha-example.pqd holds
  EXPECT_EQ(f.at("source").as_string(), "web_alarm");
  const auto download = head->call("GET", "/api/v1/pqdif/" + std::to_string(file_id) + "/download");
  EXPECT_EQ(download.body, file_bytes(pqd));
}

TEST_F(AlarmsWebEndToEnd, AnUnknownSenderIsQuarantinedAndListedNotDropped) {
  // The documented schema (sample 1) from a meter jemhead does not know.
  const auto body = file("unknown.json", R"({"EventType": "OU", "DeviceId": "12345678",
    "EventTime": "2015-09-30T10:55:37.7430093Z", "Source": "JEMStarII"})");
  const auto r = curl(dir, {"-H", "Content-Type: Application/json", "--data-binary", at_file(body),
                            url + "/" + kUrlToken});
  ASSERT_EQ(r.final_status(), 200) << r.body;
  EXPECT_EQ(r.json().at("outcome").as_string(), "quarantined");

  const auto q = head->call("GET", "/api/v1/alarms/quarantine");
  ASSERT_EQ(q.status, 200) << q.body;
  const auto quarantine = q.json();
  const auto& listed = quarantine.at("alarms").as_object();
  ASSERT_EQ(listed.at("total").as_int64(), 1) << q.body;
  const auto& a = listed.at("items").as_array()[0].as_object();
  EXPECT_EQ(a.at("sender_key").as_string(), "DeviceId=12345678");
  EXPECT_TRUE(a.at("meter_id").is_null());
  EXPECT_EQ(a.at("event_type").as_string(), "OU");
  // 7 fractional digits, truncated to microseconds.
  EXPECT_EQ(a.at("event_time").as_string(), iso(1443610537743009));
  const auto& messages = quarantine.at("messages").at("items").as_array();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].at("detail").as_string().find("no meter matches DeviceId=12345678"),
            std::string::npos)
      << q.body;
  EXPECT_EQ(alarms("?meter=" + std::to_string(meter_id)).at("total").as_int64(), 0);
}

TEST_F(AlarmsWebEndToEnd, AWrongOrMissingTokenIs401AndNothingIsStored) {
  const auto body = file("sample2.json", kSampleTwoJson);
  for (const auto& target : {url + "/not-the-token", url}) {
    const auto r =
        curl(dir, {"-H", "Content-Type: application/json", "--data-binary", at_file(body), target});
    EXPECT_EQ(r.final_status(), 401) << target << "\n" << r.headers;
    EXPECT_NE(r.headers.find(R"(WWW-Authenticate: Basic realm="jemhead alarms")"),
              std::string::npos)
        << r.headers;
  }
  EXPECT_EQ(total_alarms(), 0);
}

TEST_F(AlarmsWebEndToEnd, BadJsonIs400WithTheReasonAndNothingIsStored) {
  const auto body = file("bad.json", R"({"EventType": "SS", "EventTime": )");
  const auto r = curl(dir, {"-H", "Content-Type: application/json", "--data-binary", at_file(body),
                            url + "/" + kUrlToken});
  EXPECT_EQ(r.final_status(), 400) << r.body;
  EXPECT_NE(r.headers.find("application/problem+json"), std::string::npos) << r.headers;
  EXPECT_NE(r.json().at("detail").as_string().find("the alarm JSON cannot be read"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(total_alarms(), 0);
  const auto metrics = head->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find(R"(jemhead_alarm_rejected_total{channel="web",reason="bad_json"} 1)"),
            std::string::npos);
}

TEST_F(AlarmsWebEndToEnd, AnotherContentTypeIs415) {
  const auto body = file("sample2.json", kSampleTwoJson);
  const auto r = curl(dir, {"-H", "Content-Type: text/plain", "--data-binary", at_file(body),
                            url + "/" + kUrlToken});
  EXPECT_EQ(r.final_status(), 415) << r.body;
  EXPECT_EQ(total_alarms(), 0);
}

TEST_F(AlarmsWebEndToEnd, ABodyOverTheLimitIs413) {
  std::string big = R"({"EventType": "SS", "Filler": ")";
  big.append(1'200'000, 'x');
  big += "\"}";
  const auto body = file("big.json", big);
  const auto r = curl(dir, {"-H", "Content-Type: application/json", "-H", "Expect: 100-continue",
                            "--data-binary", at_file(body), url + "/" + kUrlToken});
  EXPECT_EQ(r.final_status(), 413) << r.headers << r.body;
  EXPECT_EQ(total_alarms(), 0);
}

// HTTPS with a server certificate the meter checks ('Request Certificate: Mandatory') and
// a client certificate identifying a meter.
TEST(AlarmsWebTls, HttpsWithTheCaAndWithAClientCertificate) {
  TempDir dir;
  TestPki pki(dir.path());
  const auto ca = pki.make_ca("alarm-ca");
  const auto server = pki.make_server("alarm-server", "alarm-ca");
  const auto client = pki.make_client("meter-1", "meter-1", "alarm-ca");
  const std::string tls = "    tls:\n      certificate: \"" + server.certificate_file +
                          "\"\n      private_key: \"" + server.key_file +
                          "\"\n      client_ca: \"" + ca.certificate_file +
                          "\"\n      client_certificates: optional\n";
  const std::string cert_sender =
      "      - { name: cert-meter, client_certificate_subject: \"CN=meter-1,O=Utility\", "
      "meter: \"" +
      kSerial + "\" }\n";
  Jemhead head(dir, daemon_config(dir, fleet_section() + alarms_section(tls, false, cert_sender)));
  const auto url = receivers_of(dir).web_url;
  ASSERT_EQ(url.rfind("https://127.0.0.1:", 0), 0u) << url;
  write_file(dir.file("sample2.json"), kSampleTwoJson);
  const std::vector<std::string> post{"-H",
                                      "Content-Type: application/json",
                                      "--data-binary",
                                      at_file(dir.file("sample2.json")),
                                      "--cacert",
                                      ca.certificate_file};

  auto args = post;
  args.push_back(url + "/" + kUrlToken);
  auto r = curl(dir, args, "token");
  ASSERT_EQ(r.final_status(), 200) << r.headers << r.body;
  auto message = head.call(
      "GET", "/api/v1/alarms/messages/" + std::to_string(r.json().at("message").as_int64()));
  EXPECT_EQ(message.json().at("tls").as_bool(), true);
  EXPECT_EQ(message.json().at("sender").as_string(), "feeder-1");

  args = post;
  for (const auto& a :
       {std::string("--cert"), client.certificate_file, std::string("--key"), client.key_file, url})
    args.push_back(a);
  r = curl(dir, args, "cert");
  ASSERT_EQ(r.final_status(), 200) << r.headers << r.body;
  message = head.call(
      "GET", "/api/v1/alarms/messages/" + std::to_string(r.json().at("message").as_int64()));
  EXPECT_EQ(message.json().at("sender").as_string(), "cert-meter");

  args = post;
  args.push_back(url);  // neither token nor certificate
  EXPECT_EQ(curl(dir, args, "none").final_status(), 401);

  // Without the CA, curl (like a meter set to 'Mandatory') refuses the server.
  const auto unchecked =
      run(dir,
          {"/usr/bin/curl", "-sS", "-o", "/dev/null", "-H", "Content-Type: application/json",
           "--data-binary", at_file(dir.file("sample2.json")), url + "/" + kUrlToken},
          "nocacert");
  EXPECT_NE(unchecked.exit_code, 0) << unchecked.output;
}

}  // namespace
}  // namespace jemhead::testing::alarms
