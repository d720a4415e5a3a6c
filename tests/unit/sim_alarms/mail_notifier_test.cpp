// The mail notifier (sim/alarms/mail_notifier.*) and the service's Frequency batching,
// against a minimal loopback SMTP receiver: the envelope, AUTH, the text part's JSON
// objects (one per event, blank lines between) and the PQDIF attachments' exact bytes.
#include "sim/alarms/mail_notifier.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "core/alarm/alarm_json.hpp"
#include "fake_smtp_server.hpp"
#include "recording_http_server.hpp"
#include "sim/alarms/alarm_service.hpp"

namespace jemhead::sim {
namespace {

using testing::base64_decode;
using testing::FakeSmtpServer;
using testing::form_parts;

MailAlarmSpec mail_spec(std::uint16_t port) {
  MailAlarmSpec m;
  m.server = "127.0.0.1";
  m.port = port;
  m.from = "meter@utility.example";
  m.to = {"ops@utility.example", "pq@utility.example"};
  return m;
}

// The mail's top-level Content-Type and the body after the headers.
std::pair<std::string, std::string> split_mail(const std::string& data) {
  const auto end = data.find("\r\n\r\n");
  const std::string headers = data.substr(0, end);
  std::string type;
  const auto at = headers.find("Content-Type: ");
  if (at != std::string::npos) type = headers.substr(at + 14, headers.find("\r\n", at) - at - 14);
  return {type, data.substr(end + 4)};
}

TEST(SimAlarmMail, OneMailCarriesEveryEventAndAttachment) {
  FakeSmtpServer smtp;
  MailAlarmSpec spec = mail_spec(smtp.port());
  spec.username = "meter";
  spec.password = "pw";
  const std::string file(3000, '\x5a');
  std::vector<MailAlarmItem> items{
      {"SS", R"({"EventType":"SS","EventTime":"2026-01-01T00:00:01.000000Z"})", {}, nullptr},
      {"PQD", R"({"EventType":"PQD","EventTime":"2026-01-01T00:00:02.000000Z"})",
       "S1_1767225602_0_01.pqd", &file}};
  const auto r = send_alarm_mail(spec, "S1", items, *parse_iso8601("2026-01-01T00:05:00Z"));
  ASSERT_TRUE(r.sent) << r.error;
  const auto mails = smtp.mails();
  ASSERT_EQ(mails.size(), 1u);
  const auto& m = mails[0];
  EXPECT_EQ(m.mail_from, "<meter@utility.example>");
  EXPECT_EQ(m.recipients,
            (std::vector<std::string>{"<ops@utility.example>", "<pq@utility.example>"}));
  EXPECT_EQ(base64_decode(m.auth), std::string("\0meter\0pw", 9));
  EXPECT_NE(m.data.find("Subject: JEMStar II S1: 2 alarms (SS, PQD)"), std::string::npos);
  EXPECT_NE(m.data.find("Date: Thu, 01 Jan 2026 00:05:00 +0000"), std::string::npos);
  const auto [type, body] = split_mail(m.data);
  const auto parts = form_parts(type, body);
  ASSERT_EQ(parts.size(), 2u) << m.data;
  std::vector<std::string> problems;
  const auto events = extract_alarm_events(parts[0].body, problems);
  ASSERT_EQ(events.size(), 2u) << parts[0].body;
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(events[0].event_type, AlarmEventType::SS);
  EXPECT_EQ(events[1].event_type, AlarmEventType::PQD);
  EXPECT_NE(parts[0].body.find("}\r\n\r\n{"), std::string::npos);  // a blank line between
  EXPECT_EQ(parts[1].file_name, "S1_1767225602_0_01.pqd");
  EXPECT_TRUE(base64_decode(parts[1].body) == file);
}

TEST(SimAlarmMail, NoServerIsAFailureWithCurlsReason) {
  const auto r = send_alarm_mail(mail_spec(1), "S1", {{"BAT", "{}", {}, nullptr}}, UtcTime{});
  EXPECT_FALSE(r.sent);
  EXPECT_NE(r.error.find("smtp://127.0.0.1:1"), std::string::npos) << r.error;
}

// The service with one meter whose clock the test moves.
struct ClockedMeter {
  explicit ClockedMeter(AlarmSpec spec) {
    meter.serial = "S1";
    fill_default_identification(meter);
    meter.alarms = std::make_shared<const AlarmSpec>(std::move(spec));
  }
  AlarmTarget target() {
    return {&meter, nullptr, [this] { return from_unix_micros(now_us.load()); }};
  }
  void advance_minutes(int m) { now_us += std::int64_t{m} * 60'000'000; }
  MeterSpec meter;
  std::atomic<std::int64_t> now_us{1'767'225'600'000'000};  // 2026-01-01
};

TEST(SimAlarmMail, EventsWithinTheFrequencyWindowArriveInOneMail) {
  FakeSmtpServer smtp;
  AlarmSpec spec;
  spec.mail = mail_spec(smtp.port());
  spec.mail->frequency_min = 5;
  ClockedMeter clock(spec);
  AlarmService service({clock.target()});
  service.raise("S1", "BAT", {}, 1);
  clock.advance_minutes(1);
  service.raise("S1", "TS", {}, 1);
  service.raise("S1", "CFG", {}, 1);
  service.run_sources_once();
  clock.advance_minutes(3);  // 4 minutes into the window: still waiting
  service.run_sources_once();
  EXPECT_TRUE(smtp.mails().empty());
  EXPECT_EQ(service.log().get(1)->mail->state, DeliveryState::pending);
  clock.advance_minutes(1);
  service.run_sources_once();
  const auto mails = smtp.mails();
  ASSERT_EQ(mails.size(), 1u);
  const auto [type, body] = split_mail(mails[0].data);
  std::vector<std::string> problems;
  const auto events = extract_alarm_events(form_parts(type, body).at(0).body, problems);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event_type, AlarmEventType::BAT);
  EXPECT_EQ(events[1].event_type, AlarmEventType::TS);
  EXPECT_EQ(events[2].event_type, AlarmEventType::CFG);
  for (std::uint64_t id = 1; id <= 3; ++id) {
    const auto a = service.log().get(id);
    EXPECT_EQ(a->mail->state, DeliveryState::sent);
    EXPECT_EQ(a->mail->mail_number, 1u);
    EXPECT_EQ(decode_alarm_json(a->mail->json).event_id, "S1-" + std::to_string(id));
  }
  // The next event opens a new window.
  service.raise("S1", "BAT", {}, 1);
  service.run_sources_once();
  EXPECT_EQ(smtp.mails().size(), 1u);
  clock.advance_minutes(5);
  service.run_sources_once();
  EXPECT_EQ(smtp.mails().size(), 2u);
  EXPECT_EQ(service.log().get(4)->mail->mail_number, 2u);
}

TEST(SimAlarmMail, FrequencyZeroSendsEachEventAtOnce) {
  FakeSmtpServer smtp;
  AlarmSpec spec;
  spec.mail = mail_spec(smtp.port());
  ClockedMeter clock(spec);
  AlarmService service({clock.target()});
  service.raise("S1", "BAT", {}, 3);
  for (int i = 0; i < 3; ++i) service.run_sources_once();
  EXPECT_EQ(smtp.mails().size(), 3u);
  EXPECT_EQ(service.log().get(3)->mail->mail_number, 3u);
}

TEST(SimAlarmMail, AFailedMailIsRecordedForEachOfItsEvents) {
  AlarmSpec spec;
  spec.mail = mail_spec(1);
  ClockedMeter clock(spec);
  AlarmService service({clock.target()});
  service.raise("S1", "CFG", {}, 1);
  service.run_sources_once();
  const auto a = service.log().get(1);
  EXPECT_EQ(a->mail->state, DeliveryState::failed);
  EXPECT_FALSE(a->mail->error.empty());
}

}  // namespace
}  // namespace jemhead::sim
