#include "sim/alarms/alarm_fleet_keys.hpp"

#include <algorithm>

#include "core/meter.hpp"
#include "sim/fleet_error.hpp"

namespace jemhead::sim {

namespace {

AlarmJsonStyle read_style(YamlFields& f, AlarmJsonStyle current) {
  auto v = f.text("style", 16);
  if (!v) return current;
  if (*v == "documented") return AlarmJsonStyle::documented;
  if (*v == "sample") return AlarmJsonStyle::sample;
  f.fail("style", "must be documented or sample");
}

void read_web(YamlFields& parent, std::optional<WebAlarmSpec>& web) {
  std::optional<YamlFields> section = parent.section("web");
  if (!section) return;
  YamlFields& w = *section;
  WebAlarmSpec next = web.value_or(WebAlarmSpec{});
  const bool enabled = w.boolean("enabled").value_or(true);
  if (auto v = w.text("url", 2048)) next.url = *v;
  if (auto v = w.integer("timeout_s", 1, 300)) next.timeout_s = static_cast<int>(*v);
  next.style = read_style(w, next.style);
  if (auto v = w.text("user", 64)) next.user = *v;
  if (auto v = w.text("password", 128)) next.password = *v;
  if (auto v = w.text("certificate", 16)) {
    if (*v == "disable")
      next.certificate = CertificateMode::disable;
    else if (*v == "enable")
      next.certificate = CertificateMode::enable;
    else if (*v == "mandatory")
      next.certificate = CertificateMode::mandatory;
    else
      w.fail("certificate", "must be disable, enable or mandatory (Request Certificate)");
  }
  if (auto v = w.text("ca_file", 4096)) next.ca_file = *v;
  if (auto v = w.text("client_cert", 4096)) next.client_cert = *v;
  if (auto v = w.text("client_key", 4096)) next.client_key = *v;
  if (auto v = w.text("user_agent", 128)) next.user_agent = *v;
  w.finish();
  if (!enabled) {
    web.reset();
    return;
  }
  if (!next.url.starts_with("http://") && !next.url.starts_with("https://"))
    w.fail("url", "is required: an http:// or https:// Post Address");
  if (!printable(next.url)) w.fail("url", "must be printable ASCII");
  if (!printable(next.user) || next.user.find(':') != std::string::npos)
    w.fail("user", "must be printable and without ':' (Basic authentication)");
  if (!next.password.empty() && next.user.empty()) w.fail("password", "needs a user");
  if (next.client_cert.empty() != next.client_key.empty())
    w.fail(next.client_cert.empty() ? "client_cert" : "client_key",
           "client_cert and client_key go together");
  web = std::move(next);
}

bool mail_address(const std::string& s) {
  const auto at = s.find('@');
  return printable(s) && at != std::string::npos && at > 0 && at + 1 < s.size() &&
         s.find_first_of(" <>,;\"") == std::string::npos;
}

void read_mail(YamlFields& parent, std::optional<MailAlarmSpec>& mail) {
  std::optional<YamlFields> section = parent.section("mail");
  if (!section) return;
  YamlFields& m = *section;
  MailAlarmSpec next = mail.value_or(MailAlarmSpec{});
  const bool enabled = m.boolean("enabled").value_or(true);
  if (auto v = m.text("server", 253)) next.server = *v;
  if (auto v = m.integer("port", 1, 65535)) next.port = static_cast<std::uint16_t>(*v);
  if (auto v = m.text("username", 64)) next.username = *v;
  if (auto v = m.text("password", 128)) next.password = *v;
  if (auto v = m.text("starttls", 16)) {
    if (*v == "none")
      next.starttls = StartTls::none;
    else if (*v == "try")
      next.starttls = StartTls::try_;
    else if (*v == "required")
      next.starttls = StartTls::required;
    else
      m.fail("starttls", "must be none, try or required");
  }
  if (auto v = m.text("ca_file", 4096)) next.ca_file = *v;
  if (auto v = m.text("from", 254)) next.from = *v;
  YAML::Node to = m.child("to");
  if (to.IsDefined() && !to.IsNull()) {
    if (to.IsScalar()) {
      next.to = {to.Scalar()};
    } else if (to.IsSequence()) {
      next.to.clear();
      for (const auto& item : to) {
        if (!item.IsScalar())
          throw FleetError(m.file(), line_of(item), m.child_path("to"), "must be addresses");
        next.to.push_back(item.Scalar());
      }
    } else {
      m.fail("to", "must be a list of 1 to 8 addresses");
    }
  }
  if (auto v = m.integer("frequency_min", 0, 60)) next.frequency_min = static_cast<int>(*v);
  if (auto v = m.boolean("attach_pqdif")) next.attach_pqdif = *v;
  if (auto v = m.integer("timeout_s", 1, 300)) next.timeout_s = static_cast<int>(*v);
  next.style = read_style(m, next.style);
  m.finish();
  if (!enabled) {
    mail.reset();
    return;
  }
  if (next.server.empty() || !printable(next.server) ||
      next.server.find_first_of(" /") != std::string::npos)
    m.fail("server", "is required: an IP address or host name");
  if (!mail_address(next.from)) m.fail("from", "is required: an address like meter@example.com");
  if (next.to.empty() || next.to.size() > 8) m.fail("to", "must list 1 to 8 addresses (L8713)");
  for (const auto& a : next.to)
    if (!mail_address(a)) m.fail("to", "'" + a.substr(0, 64) + "' is not an e-mail address");
  if (!printable(next.username) || !printable(next.password))
    m.fail("username", "username and password must be printable");
  if (!next.password.empty() && next.username.empty()) m.fail("password", "needs a username");
  mail = std::move(next);
}

void read_events(YamlFields& a, AlarmSpec& spec) {
  YAML::Node n = a.child("events");
  if (!n.IsDefined() || n.IsNull()) return;
  if (!n.IsSequence()) a.fail("events", "must be a list of event types");
  spec.events.clear();
  for (const auto& item : n) {
    const bool known =
        item.IsScalar() && std::any_of(kSimAlarmTypes.begin(), kSimAlarmTypes.end(),
                                       [&](const char* t) { return item.Scalar() == t; });
    if (!known)
      throw FleetError(a.file(), line_of(item), a.child_path("events"),
                       "each event must be one of OU, SS, PQ, RE, BAT, TS, CFG, PQD");
    if (spec.enabled(item.Scalar()))
      throw FleetError(a.file(), line_of(item), a.child_path("events"),
                       "duplicate event " + item.Scalar());
    spec.events.push_back(item.Scalar());
  }
}

void read_identification(YamlFields& a, AlarmSpec& spec) {
  YAML::Node n = a.child("identification");
  if (!n.IsDefined() || n.IsNull()) return;
  if (!n.IsMap()) a.fail("identification", "must map titles to values");
  if (n.size() > kIdentificationFields)
    a.fail("identification", "the meter has only 10 identification fields");
  spec.identification.clear();
  const std::string path = a.child_path("identification");
  for (const auto& kv : n) {
    if (!kv.first.IsScalar() || !kv.second.IsScalar())
      throw FleetError(a.file(), line_of(kv.first), path, "must map titles to values");
    const std::string& title = kv.first.Scalar();
    const std::string& value = kv.second.Scalar();
    if (title.empty() || title.size() > 32 || !printable(title))
      throw FleetError(a.file(), line_of(kv.first), path,
                       "title must be 1 to 32 printable characters");
    if (value.size() > kIdentificationMaxChars || !printable(value))
      throw FleetError(a.file(), line_of(kv.first), path + "." + title,
                       "value must be at most 24 printable characters (manual L2451)");
    spec.identification.emplace_back(title, value);
  }
}

}  // namespace

void read_alarm_settings(YamlFields& parent, std::shared_ptr<const AlarmSpec>& spec) {
  std::optional<YamlFields> section = parent.section("alarms");
  if (!section) return;
  YamlFields& a = *section;
  AlarmSpec next = spec ? *spec : AlarmSpec{};
  const bool enabled = a.boolean("enabled").value_or(true);
  read_events(a, next);
  if (auto v = a.text("source", 24)) next.source = *v;
  if (auto v = a.text("owner", 24)) next.owner = *v;
  if (auto v = a.number("latitude", -90, 90)) next.latitude = *v;
  if (auto v = a.number("longitude", -180, 180)) next.longitude = *v;
  read_identification(a, next);
  read_web(a, next.web);
  read_mail(a, next.mail);
  a.finish();
  if (!enabled) {
    spec.reset();
    return;
  }
  if (!next.web && !next.mail) a.fail("web", "alarms need a web: or a mail: section (or both)");
  spec = std::make_shared<const AlarmSpec>(std::move(next));
}

}  // namespace jemhead::sim
