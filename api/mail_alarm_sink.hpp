#pragma once
// The SMTP server's sink for meters' alarm e-mail (issue 7; manual part4 §4.5): the mail is
// parsed (GMime), the events are the JSON objects in its text and JSON parts (a mail may
// batch several, Frequency 1–60 min), and its PQDIF attachments are stored with them. The
// verdict is 250 only once the message is durable:
//   - a mail with no readable event is still stored (outcome no_events) with its files;
//   - a mail that is not MIME at all gets 554 and is not stored;
//   - storage failing gets 451 (the meter's mailer tries again later).
#include "api/alarm_intake.hpp"
#include "api/smtp/smtp_server.hpp"
#include "core/alarm/alarm_json.hpp"

namespace jemhead::api {

struct MailAlarmOptions {
  AlarmJsonLimits json_limits;
};

// The intake must outlive the returned sink.
smtp::MailSink make_mail_alarm_sink(AlarmIntake& intake, MailAlarmOptions options = {});

}  // namespace jemhead::api
