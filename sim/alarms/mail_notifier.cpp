#include "sim/alarms/mail_notifier.hpp"

#include <curl/curl.h>

#include <ctime>
#include <memory>
#include <mutex>

namespace jemhead::sim {

namespace {

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MimeFree {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};

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
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  MailAlarmResult r;
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    r.error = "out of memory (curl_easy_init)";
    return r;
  }
  CURL* c = curl.get();
  const bool v6 = spec.server.find(':') != std::string::npos;
  std::string url = "smtp://";
  url += v6 ? "[" + spec.server + "]" : spec.server;
  url += ':';
  url += std::to_string(spec.port);

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
  std::unique_ptr<curl_slist, ListFree> recipients(rcpt);

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
  std::unique_ptr<curl_slist, ListFree> headers(h);

  const std::string text = alarm_mail_text(items);
  std::unique_ptr<curl_mime, MimeFree> mime(curl_mime_init(c));
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

  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(spec.timeout_s));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (!spec.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, spec.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, spec.password.c_str());
  }
  long use_ssl = CURLUSESSL_NONE;
  if (spec.starttls == StartTls::try_) use_ssl = CURLUSESSL_TRY;
  if (spec.starttls == StartTls::required) use_ssl = CURLUSESSL_ALL;
  curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  const bool verify = !spec.ca_file.empty();
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (verify) curl_easy_setopt(c, CURLOPT_CAINFO, spec.ca_file.c_str());
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    r.sent = true;
    return r;
  }
  r.error = "smtp ";
  r.error += url;
  r.error += ": ";
  r.error += error[0] ? error : curl_easy_strerror(rc);
  return r;
}

}  // namespace jemhead::sim
