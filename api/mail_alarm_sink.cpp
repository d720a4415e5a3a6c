#include "api/mail_alarm_sink.hpp"

#include <cctype>
#include <set>

#include "api/mime/mime_message.hpp"

namespace jemhead::api {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_pqdif(const mime::MimePart& p) {
  const auto& n = p.file_name;
  return n.size() > 4 && lower(std::string_view(n).substr(n.size() - 4)) == ".pqd";
}

bool carries_events(const mime::MimePart& p) {
  return p.content_type.rfind("text/", 0) == 0 || p.content_type == "application/json";
}

// The events of every text and JSON part. An HTML alternative repeats the plain text, and a
// mailer may repeat a part: an event whose JSON was already seen in this mail is skipped.
void read_events(const mime::MailMessage& mail, const AlarmJsonLimits& limits,
                 AlarmIntakeInput& input) {
  bool has_plain = false;
  for (const auto& p : mail.parts)
    if (!is_pqdif(p) && carries_events(p) && p.content_type != "text/html") has_plain = true;
  std::set<std::string> seen;
  for (const auto& p : mail.parts) {
    if (is_pqdif(p) || !carries_events(p)) continue;
    if (has_plain && p.content_type == "text/html") continue;
    for (auto& e : extract_alarm_events(p.body, input.problems, limits))
      if (seen.insert(e.raw_json).second) input.events.push_back(std::move(e));
  }
}

smtp::MailVerdict handle(AlarmIntake& intake, const MailAlarmOptions& options,
                         const smtp::ReceivedMail& mail) {
  AlarmIntakeInput input;
  input.channel = AlarmChannel::mail;
  input.raw = mail.raw;
  input.peer_address = mail.peer_address;
  input.tls = mail.tls;
  input.sender = mail.authenticated;
  mime::MailMessage parsed;
  try {
    parsed = mime::parse_mail(mail.raw);
  } catch (const mime::MimeError& e) {
    std::string why = "message is not readable MIME: ";
    why += e.what();
    intake.rejected(AlarmChannel::mail, "bad_mime", why, mail.peer_address);
    return {554, "5.6.0 " + why.substr(0, 200)};
  }
  input.content_type = parsed.content_type;
  read_events(parsed, options.json_limits, input);
  for (const auto& p : parsed.parts)
    if (is_pqdif(p) && !p.body.empty())
      input.pqdif_files.push_back(storage::AlarmAttachment{p.file_name, p.body});

  try {
    const auto result = intake.take(input);
    std::string text = "2.0.0 OK message ";
    text += std::to_string(result.ingested.message_id);
    text += ": ";
    text += std::to_string(result.ingested.alarms.size());
    text += " alarm(s), ";
    text += result.outcome;
    return {250, text};
  } catch (const std::exception&) {
    // Counted and logged by take(); nothing was written.
    return {451, "4.3.0 the message could not be stored; try again later"};
  }
}

}  // namespace

smtp::MailSink make_mail_alarm_sink(AlarmIntake& intake, MailAlarmOptions options) {
  return [&intake, options = std::move(options)](const smtp::ReceivedMail& mail) {
    return handle(intake, options, mail);
  };
}

}  // namespace jemhead::api
