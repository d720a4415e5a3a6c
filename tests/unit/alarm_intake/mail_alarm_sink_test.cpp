// The SMTP mail sink called directly: a batched mail (two events, one PQDIF attachment),
// a mail with no readable event, a truncated MIME message, storage failure.
#include "api/mail_alarm_sink.hpp"

#include <boost/beast/core/detail/base64.hpp>

#include "tests/unit/alarm_intake/intake_fixture.hpp"

namespace jemhead::testing {
namespace {

std::string base64_lines(const std::string& bytes) {
  std::string out(boost::beast::detail::base64::encoded_size(bytes.size()), '\0');
  out.resize(boost::beast::detail::base64::encode(out.data(), bytes.data(), bytes.size()));
  std::string wrapped;
  for (std::size_t i = 0; i < out.size(); i += 76) wrapped += out.substr(i, 76) + "\r\n";
  return wrapped;
}

// A meter's batched mail (Frequency > 0): two events in the text, the PQDIF file attached.
std::string batched_mail(const std::string& pqd, bool closed = true) {
  std::string m =
      "From: meter@substation.example\r\n"
      "To: alarms@head-end.example\r\n"
      "Subject: JEMStar II alarms\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\n"
      "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
  m += kSampleTwoJson + "\r\n\r\n" + kSampleThreeJson + "\r\n";
  m += "--b1\r\n"
       "Content-Type: application/octet-stream; name=\"140800001_1594577710_813931_06.pqd\"\r\n"
       "Content-Disposition: attachment; filename=\"140800001_1594577710_813931_06.pqd\"\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(pqd);
  if (closed) m += "--b1--\r\n";
  return m;
}

smtp::ReceivedMail received(std::string raw) {
  smtp::ReceivedMail mail;
  mail.raw = std::move(raw);
  mail.mail_from = "meter@substation.example";
  mail.recipients = {"alarms@head-end.example"};
  mail.peer_address = "192.0.2.8";
  mail.tls = true;
  mail.authenticated = "meter-mailer";
  return mail;
}

using MailAlarmSinkTest = IntakeFixture;

TEST_F(MailAlarmSinkTest, ABatchedMailStoresTwoAlarmsAndLinksTheAttachment) {
  const auto meter = add_meter("JEMStarII ID");
  const auto pqd = sample_pqdif();
  const auto sink = api::make_mail_alarm_sink(*intake);
  const auto verdict = sink(received(batched_mail(pqd)));
  ASSERT_EQ(verdict.code, 250) << verdict.text;

  const auto messages = repo->list_alarm_messages("", {});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].channel, AlarmChannel::mail);
  EXPECT_EQ(messages[0].outcome, "accepted");
  EXPECT_EQ(messages[0].sender, "meter-mailer");
  EXPECT_TRUE(messages[0].tls);
  EXPECT_EQ(messages[0].content_type, "multipart/mixed");
  EXPECT_EQ(messages[0].raw, batched_mail(pqd));

  AlarmFilter all;
  const auto alarms = repo->list_alarms(all, {});
  ASSERT_EQ(alarms.size(), 2u);
  const StoredAlarm* pqd_alarm = nullptr;
  for (const auto& a : alarms) {
    EXPECT_EQ(a.meter_id, meter);
    if (a.event_type == AlarmEventType::PQD) pqd_alarm = &a;
  }
  ASSERT_NE(pqd_alarm, nullptr);
  EXPECT_EQ(pqd_alarm->event_time, UtcTime(Micros(kSampleThreeMicros)));
  ASSERT_TRUE(pqd_alarm->pqdif_file_id);
  const auto file = repo->find_pqdif_file(*pqd_alarm->pqdif_file_id);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->size_bytes, static_cast<std::int64_t>(pqd.size()));
  EXPECT_TRUE(
      has_metric(R"(jemhead_alarm_events_total{channel="mail",result="new",type="PQD"} 1)"));
}

TEST_F(MailAlarmSinkTest, AMailWithoutEventsIsStoredAsNoEventsWithItsFile) {
  const std::string raw =
      "From: meter@substation.example\r\n"
      "Subject: test\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n"
      "--b2\r\nContent-Type: text/plain\r\n\r\nTest SMTP from JEMStar II\r\n"
      "--b2\r\nContent-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment; filename=\"X_1594577710_813931_06.PQD\"\r\n\r\n"
      "not really pqdif\r\n--b2--\r\n";
  const auto verdict = api::make_mail_alarm_sink(*intake)(received(raw));
  ASSERT_EQ(verdict.code, 250) << verdict.text;
  const auto messages = repo->list_alarm_messages("no_events", {});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(repo->list_pqdif_files({}, {}).size(), 1u);
  EXPECT_TRUE(repo->list_alarms(AlarmFilter{}, {}).empty());
}

TEST_F(MailAlarmSinkTest, ATruncatedMimeMessageIs554AndNotStored) {
  const auto verdict =
      api::make_mail_alarm_sink(*intake)(received(batched_mail(sample_pqdif(), false)));
  EXPECT_EQ(verdict.code, 554);
  EXPECT_NE(verdict.text.find("truncated"), std::string::npos) << verdict.text;
  EXPECT_EQ(stored_messages(), 0u);
  EXPECT_TRUE(has_metric(R"(jemhead_alarm_rejected_total{channel="mail",reason="bad_mime"} 1)"));
}

TEST_F(MailAlarmSinkTest, StorageFailureIs451SoTheMailerRetries) {
  const auto sink = api::make_mail_alarm_sink(*intake);
  repo->close();
  const auto verdict = sink(received(batched_mail(sample_pqdif())));
  EXPECT_EQ(verdict.code, 451);
}

}  // namespace
}  // namespace jemhead::testing
