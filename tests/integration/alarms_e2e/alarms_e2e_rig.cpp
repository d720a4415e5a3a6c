#include "tests/integration/alarms_e2e/alarms_e2e_rig.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <thread>

#include "core/digest/sha256.hpp"
#include "core/time.hpp"

namespace jemhead::testing::alarms_e2e {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

std::string text(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : std::string{};
}

std::int64_t integer(const json::value& v) {
  return v.is_int64() ? v.as_int64() : v.is_uint64() ? static_cast<std::int64_t>(v.as_uint64()) : 0;
}

std::map<std::string, std::string> string_map(const json::value& v) {
  std::map<std::string, std::string> out;
  if (!v.is_object()) return out;
  for (const auto& [key, value] : v.as_object())
    out[std::string(key)] =
        value.is_string() ? std::string(value.as_string()) : json::serialize(value);
  return out;
}

TruthDelivery delivery(const json::value& v) {
  TruthDelivery d;
  if (!v.is_object()) return d;
  const auto& o = v.as_object();
  d.state = text(o.at("state"));
  d.json = text(o.at("json"));
  d.error = text(o.at("error"));
  if (const auto* s = o.if_contains("http_status")) d.http_status = integer(*s);
  if (const auto* n = o.if_contains("mail_number")) d.mail_number = integer(*n);
  return d;
}

std::int64_t micros_of(const json::value& v) {
  if (!v.is_string()) return 0;
  const auto t = parse_iso8601(v.as_string());
  EXPECT_TRUE(t) << "not an ISO 8601 time: " << v;
  return t ? to_unix_micros(*t) : 0;
}

}  // namespace

bool TruthAlarm::sent_by(const std::string& channel) const {
  return (channel == "web" ? web : mail).state == "sent";
}

std::set<std::string> TruthAlarm::sent_channels() const {
  std::set<std::string> out;
  if (web.state == "sent") out.insert("web");
  if (mail.state == "sent") out.insert("mail");
  return out;
}

std::set<std::string> TruthAlarm::tried_channels() const {
  std::set<std::string> out;
  if (web.state == "sent" || web.state == "failed") out.insert("web");
  if (mail.state == "sent" || mail.state == "failed") out.insert("mail");
  return out;
}

std::string TruthAlarm::describe() const {
  std::string s = "sim alarm ";
  s += std::to_string(id);
  s += " (" + serial + " " + type + " at " + format_iso8601(from_unix_micros(event_time_us));
  if (!web.state.empty()) s += ", web " + web.state + (web.error.empty() ? "" : ": " + web.error);
  if (!mail.state.empty())
    s += ", mail " + mail.state + (mail.error.empty() ? "" : ": " + mail.error);
  s += ")";
  return s;
}

std::vector<TruthAlarm> sim_truth(const Jemsim& sim, const std::string& serial) {
  const auto r = sim.call("GET", serial.empty() ? "/alarms" : "/alarms?serial=" + serial);
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
  std::vector<TruthAlarm> out;
  if (r.status != 200) return out;
  const auto doc = r.json();
  for (const auto& item : doc.at("alarms").as_array()) {
    const auto& o = item.as_object();
    TruthAlarm a;
    a.id = integer(o.at("id"));
    a.serial = text(o.at("serial"));
    a.type = text(o.at("type"));
    a.event_time_us = integer(o.at("event_time_us"));
    a.event_id = text(o.at("event_id"));
    a.properties = string_map(o.at("properties"));
    a.web = delivery(o.at("web"));
    a.mail = delivery(o.at("mail"));
    if (o.at("file").is_object()) {
      const auto& f = o.at("file").as_object();
      a.file = TruthFile{text(f.at("name")), integer(f.at("size")), text(f.at("sha256"))};
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string StoredAlarmRow::describe() const {
  std::string s = "stored alarm ";
  s += std::to_string(id);
  s += " (" + meter_serial.value_or(sender_key) + " " + type + " at " +
       format_iso8601(from_unix_micros(event_time_us)) + ", channels";
  for (const auto& c : channels) s += " " + c;
  s += ")";
  return s;
}

std::vector<StoredAlarmRow> stored_alarms(const Jemhead& head, int limit) {
  std::vector<StoredAlarmRow> out;
  std::string after;
  for (;;) {
    std::string path = "/api/v1/alarms?limit=";
    path += std::to_string(limit);
    path += after;
    const auto r = head.call("GET", path, "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    if (r.status != 200) return out;
    const auto doc = r.json();
    for (const auto& item : doc.at("items").as_array()) {
      const auto& o = item.as_object();
      StoredAlarmRow a;
      a.id = integer(o.at("id"));
      if (o.at("meter_serial").is_string()) a.meter_serial = text(o.at("meter_serial"));
      a.quarantined = o.at("quarantined").as_bool();
      a.sender_key = text(o.at("sender_key"));
      a.type = text(o.at("event_type_text"));
      a.event_time_us = micros_of(o.at("event_time"));
      const auto& fields = o.at("fields").as_object();
      a.properties = string_map(fields.at("properties"));
      a.identification = string_map(fields.at("identification"));
      a.event_id = text(fields.at("event_id"));
      a.device_id = text(fields.at("device_id"));
      for (const auto& c : o.at("channels").as_array()) a.channels.push_back(text(c));
      a.arrivals = integer(o.at("arrivals"));
      if (o.at("pqdif_file_id").is_int64()) a.pqdif_file_id = o.at("pqdif_file_id").as_int64();
      a.raw = text(o.at("raw"));
      out.push_back(std::move(a));
    }
    if (doc.at("next_after").is_null()) return out;
    after = "&after=" + std::to_string(integer(doc.at("next_after")));
  }
}

std::int64_t stored_total(const Jemhead& head) {
  const auto r = head.call("GET", "/api/v1/alarms?limit=1", "", kViewerToken);
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
  return r.status == 200 ? integer(r.json().at("total")) : -1;
}

std::string identity(const std::string& who, const std::string& type, std::int64_t time_us,
                     const std::map<std::string, std::string>& properties) {
  std::string s = who;
  s += '|';
  s += type;
  s += '|';
  s += std::to_string(time_us);
  for (const auto& [key, value] : properties) {  // std::map: sorted, as jemhead sorts them
    s += '|';
    s += key;
  }
  return s;
}

std::string identity(const StoredAlarmRow& a) {
  return identity(a.meter_serial.value_or(a.sender_key), a.type, a.event_time_us, a.properties);
}

std::string head_alarms_section(const std::string& web_listen, const std::string& smtp_listen,
                                const std::vector<std::string>& tokens) {
  std::string s = "alarms:\n  web:\n    enabled: true\n    listen: [\"";
  s += web_listen;
  s += "\"]\n    senders:\n";
  for (const auto& token : tokens) {
    s += "      - { name: ";
    s += token;
    s += ", url_token_sha256: \"";
    s += digest::sha256_hex(token);
    s += "\" }\n";
  }
  s += "  mail:\n    enabled: true\n    listen: [\"";
  s += smtp_listen;
  s += "\"]\n    require_auth: true\n    users:\n      - { name: ";
  s += kSmtpUser;
  s += ", password_sha256: \"";
  s += digest::sha256_hex(kSmtpPassword);
  s += "\" }\n";
  return s;
}

std::string sim_web(const std::string& web_url, const std::string& token,
                    const std::string& style) {
  std::string s = "url: \"";
  s += web_url;
  s += "/";
  s += token;
  s += "\", timeout_s: 10, style: ";
  s += style;
  return s;
}

std::string sim_mail(const std::string& smtp_host, const std::string& smtp_port, int frequency_min,
                     const std::string& style) {
  std::string s = "server: ";
  s += smtp_host;
  s += ", port: ";
  s += smtp_port;
  s += ", username: ";
  s += kSmtpUser;
  s += ", password: ";
  s += kSmtpPassword;
  s += ", from: jemstar@substation.example, to: [alarms@head-end.example, ops@head-end.example]";
  s += ", frequency_min: ";
  s += std::to_string(frequency_min);
  s += ", timeout_s: 10, style: ";
  s += style;
  return s;
}

Receivers receivers_of(const TempDir& dir) {
  const auto ready = json::parse(read_file(dir.file("jemhead.ready"))).as_object();
  Receivers r;
  const auto& web = ready.at("web_alarms").as_array();
  if (!web.empty()) r.web_url = text(web.at(0));
  const auto& smtp = ready.at("smtp").as_array();
  if (!smtp.empty()) {
    const auto a = text(smtp.at(0));
    r.smtp_host = a.substr(0, a.rfind(':'));
    r.smtp_port = a.substr(a.rfind(':') + 1);
  }
  return r;
}

std::vector<TruthAlarm> wait_settled(const Jemsim& sim, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto truth = sim_truth(sim);
    const auto pending =
        std::count_if(truth.begin(), truth.end(), [](const TruthAlarm& a) { return a.pending(); });
    if (pending == 0) return truth;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << pending << " of " << truth.size() << " alarms still pending in jemsim";
      return truth;
    }
    std::this_thread::sleep_for(50ms);
  }
}

}  // namespace jemhead::testing::alarms_e2e
