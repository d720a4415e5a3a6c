#pragma once
// The meter's e-mail notification (part4 §4.5): one mail over SMTP (libcurl), blocking,
// to up to 8 recipients, with AUTH when a username is set and STARTTLS as configured. The
// manual does not document the mail itself (part4 §13 item 12); the simulator sends a
// text/plain part holding one JSON object per event, separated by blank lines, and each
// event's PQDIF file as a base64 attachment.
#include <string>
#include <vector>

#include "core/time.hpp"
#include "sim/alarms/alarm_spec.hpp"

namespace jemhead::sim {

struct MailAlarmItem {
  std::string type;  // for the subject
  std::string json;
  std::string file_name;  // empty: nothing attached
  const std::string* file_bytes = nullptr;
};

struct MailAlarmResult {
  bool sent = false;
  std::string error;  // curl's words; "" when sent
};

// `date` is the meter's clock (the Date header); `serial` goes into the subject.
MailAlarmResult send_alarm_mail(const MailAlarmSpec& spec, const std::string& serial,
                                const std::vector<MailAlarmItem>& items, UtcTime date);

// The text part: the JSON objects separated by blank lines (what a receiver extracts).
std::string alarm_mail_text(const std::vector<MailAlarmItem>& items);

// RFC 5322 date-time in UTC: "Sun, 12 Jul 2020 18:15:00 +0000".
std::string mail_date(UtcTime t);

}  // namespace jemhead::sim
