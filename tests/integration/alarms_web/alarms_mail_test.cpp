// Alarm e-mail into the real jemhead's SMTP listener, sent by real swaks: a batched mail
// (two events, the PQDIF file attached) becomes two alarms with the file linked; AUTH is
// required, so a mailer without credentials is refused and nothing is stored; the same
// event sent by web and by mail is one alarm that lists both channels.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "tests/integration/alarms_web/alarms_rig.hpp"

namespace jemhead::testing::alarms {
namespace {

namespace json = boost::json;

class AlarmsMailEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    head = std::make_unique<Jemhead>(dir, daemon_config(dir, fleet_section() + alarms_section()));
    at = receivers_of(dir);
    ASSERT_EQ(at.smtp_host, "127.0.0.1");
    ASSERT_FALSE(at.smtp_port.empty());
  }

  // swaks with the meter's settings (manual L8619–L8641): server, port, user, password.
  ClientRun swaks(std::vector<std::string> extra, bool with_auth, const std::string& name) {
    std::vector<std::string> argv{"/usr/bin/swaks",
                                  "--server",
                                  at.smtp_host,
                                  "--port",
                                  at.smtp_port,
                                  "--from",
                                  "jemstar@substation.example",
                                  "--to",
                                  "alarms@head-end.example",
                                  "--header",
                                  "Subject: JEMStar II alarm notification",
                                  "--timeout",
                                  "20"};
    if (with_auth)
      for (const auto& a : {std::string("--auth"), std::string("PLAIN"), std::string("--auth-user"),
                            kSmtpUser, std::string("--auth-password"), kSmtpPassword})
        argv.push_back(a);
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run(dir, argv, name);
  }

  json::object alarms(const std::string& query = {}) {
    const auto r = head->call("GET", "/api/v1/alarms" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  TempDir dir;
  std::unique_ptr<Jemhead> head;
  Receivers at;
};

TEST_F(AlarmsMailEndToEnd, ABatchedMailWithAnAttachmentBecomesTwoLinkedAlarms) {
  write_file(dir.file("body.txt"), kSampleTwoJson + "\n\n" + kSampleThreeJson + "\n");
  const auto sent =
      swaks({"--body", at_file(dir.file("body.txt")), "--attach-type", "application/octet-stream",
             "--attach-name", kSampleThreeFile, "--attach", at_file(sample_pqdif_path())},
            true, "swaks-batch");
  ASSERT_EQ(sent.exit_code, 0) << sent.output;
  EXPECT_NE(sent.output.find("<-  250 2.0.0 OK message"), std::string::npos) << sent.output;

  const auto listed = alarms();
  ASSERT_EQ(listed.at("total").as_int64(), 2) << json::serialize(listed);
  std::optional<std::int64_t> file_id;
  for (const auto& item : listed.at("items").as_array()) {
    const auto& a = item.as_object();
    EXPECT_EQ(a.at("channels").as_array(), json::array({"mail"}));
    EXPECT_EQ(a.at("quarantined").as_bool(), false);
    if (a.at("event_type").as_string() == "PQD") {
      EXPECT_EQ(a.at("event_time").as_string(), format_iso8601(UtcTime(Micros(1594577710813931))));
      ASSERT_TRUE(a.at("pqdif_file_id").is_int64()) << json::serialize(a);
      file_id = a.at("pqdif_file_id").as_int64();
    } else {
      EXPECT_EQ(a.at("event_type").as_string(), "SS");
      EXPECT_TRUE(a.at("pqdif_file_id").is_null());
    }
  }
  ASSERT_TRUE(file_id);
  const auto f = head->call("GET", "/api/v1/pqdif/" + std::to_string(*file_id));
  ASSERT_EQ(f.status, 200) << f.body;
  EXPECT_EQ(f.json().at("file_name").as_string(), kSampleThreeFile);
  EXPECT_EQ(f.json().at("size_bytes").as_int64(),
            static_cast<std::int64_t>(file_bytes(sample_pqdif_path()).size()));
  const auto message_id = listed.at("items").as_array()[0].at("first_message_id").as_int64();
  const auto m = head->call("GET", "/api/v1/alarms/messages/" + std::to_string(message_id));
  EXPECT_EQ(m.json().at("channel").as_string(), "mail");
  EXPECT_EQ(m.json().at("sender").as_string(), kSmtpUser);
}

TEST_F(AlarmsMailEndToEnd, WithoutCredentialsTheMailIsRefusedAndNothingStored) {
  const auto sent = swaks({"--body", kSampleTwoJson}, false, "swaks-noauth");
  EXPECT_NE(sent.exit_code, 0) << sent.output;
  EXPECT_NE(sent.output.find("<** 530"), std::string::npos) << sent.output;
  EXPECT_EQ(alarms().at("total").as_int64(), 0);
}

TEST_F(AlarmsMailEndToEnd, TheSameEventByWebAndByMailIsOneAlarm) {
  write_file(dir.file("sample2.json"), kSampleTwoJson);
  const auto web =
      curl(dir, {"-H", "Content-Type: application/json", "--data-binary",
                 at_file(dir.file("sample2.json")), receivers_of(dir).web_url + "/" + kUrlToken});
  ASSERT_EQ(web.final_status(), 200) << web.body;
  const auto sent = swaks({"--body", at_file(dir.file("sample2.json"))}, true, "swaks-dup");
  ASSERT_EQ(sent.exit_code, 0) << sent.output;

  const auto listed = alarms();
  ASSERT_EQ(listed.at("total").as_int64(), 1) << json::serialize(listed);
  const auto& a = listed.at("items").as_array()[0].as_object();
  EXPECT_EQ(a.at("channels").as_array(), json::array({"web", "mail"}));
  EXPECT_EQ(a.at("arrivals").as_int64(), 2);
}

}  // namespace
}  // namespace jemhead::testing::alarms
