#include "sim/alarms/mail_notifier.hpp"

#include <ctime>

#include "sim/curl_support.hpp"

namespace jemhead::sim {

namespace {

std::string subject(const std::string& serial, const std::vector<MailAlarmItem>& items) {
  std::string s = "JEMStar II ";
  s += serial;
  s += ": ";
  s += std::to_string(items.size());
  s += items.size() == 1 ? " alarm (" : " alarms (";
  std::vector<std::string> types;
  for (const auto& i : items) {
    bool seen = false;
    for (const auto& t : types) seen = seen || t == i.type;
    if (!seen) types.push_back(i.type);
  }
  for (std::size_t k = 0; k < types.size(); ++k) {
    if (k) s += ", ";
    s += types[k];
  }
  s += ')';
  return s;
}

}  // namespace

std::string mail_date(UtcTime t) {
  const std::time_t seconds = static_cast<std::time_t>(to_unix_micros(t) / 1'000'000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

std::string alarm_mail_text(const std::vector<MailAlarmItem>& items) {
  std::string text;
  for (const auto& i : items) {
    if (!text.empty()) text += "\r\n";
    text += i.json;
    text += "\r\n";
  }
  return text;
}

MailAlarmResult send_alarm_mail(const MailAlarmSpec& spec, const std::string& serial,
                                const std::vector<MailAlarmItem>& items, UtcTime date) {
  MailAlarmResult r;
  CurlTransfer transfer;
  if (!transfer) {
    r.error = CurlTransfer::kNoHandle;
    return r;
  }
  CURL* c = transfer.handle();
  const std::string url = curl_server_url("smtp", spec.server, spec.port);

  std::string from = "<";
  from += spec.from;
  from += '>';
  curl_slist* rcpt = nullptr;
  for (const auto& to : spec.to) {
    std::string a = "<";
    a += to;
    a += '>';
    rcpt = curl_slist_append(rcpt, a.c_str());
  }
  CurlList recipients(rcpt);

  std::string to_header = "To: ";
  for (std::size_t k = 0; k < spec.to.size(); ++k) {
    if (k) to_header += ", ";
    to_header += spec.to[k];
  }
  std::string from_header = "From: ";
  from_header += spec.from;
  std::string subject_header = "Subject: ";
  subject_header += subject(serial, items);
  std::string date_header = "Date: ";
  date_header += mail_date(date);
  curl_slist* h = curl_slist_append(nullptr, date_header.c_str());
  h = curl_slist_append(h, from_header.c_str());
  h = curl_slist_append(h, to_header.c_str());
  h = curl_slist_append(h, subject_header.c_str());
  CurlList headers(h);

  const std::string text = alarm_mail_text(items);
  CurlMime mime(curl_mime_init(c));
  curl_mimepart* body = curl_mime_addpart(mime.get());
  curl_mime_data(body, text.data(), text.size());
  curl_mime_type(body, "text/plain; charset=utf-8");
  if (spec.attach_pqdif)
    for (const auto& i : items) {
      if (!i.file_bytes) continue;
      curl_mimepart* file = curl_mime_addpart(mime.get());
      curl_mime_data(file, i.file_bytes->data(), i.file_bytes->size());
      curl_mime_filename(file, i.file_name.c_str());
      curl_mime_type(file, "application/octet-stream");
      curl_mime_encoder(file, "base64");
    }

  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(spec.timeout_s));
  if (!spec.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, spec.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, spec.password.c_str());
  }
  long use_ssl = CURLUSESSL_NONE;
  if (spec.starttls == StartTls::try_) use_ssl = CURLUSESSL_TRY;
  if (spec.starttls == StartTls::required) use_ssl = CURLUSESSL_ALL;
  curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  transfer.verify_server(!spec.ca_file.empty(), spec.ca_file);
  const CURLcode rc = transfer.perform();
  if (rc == CURLE_OK) {
    r.sent = true;
    return r;
  }
  std::string where = "smtp ";
  where += url;
  r.error = transfer.failure(rc, where);
  return r;
}

}  // namespace jemhead::sim
