#pragma once
// The `alarms` section (issue 7): the web-alarm receiver and the SMTP listener meters push
// alarms to, how their senders are told apart, and outbound webhook delivery. Both
// receivers are off by default: a head-end only listens where it was told to.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "api/alarm_meter_resolver.hpp"
#include "api/alarm_sender_auth.hpp"
#include "api/smtp/smtp_server.hpp"
#include "api/web_alarm_endpoint.hpp"
#include "net/http_server.hpp"

namespace jemhead::service {

struct WebAlarmConfig {
  bool enabled = false;
  std::vector<net::Endpoint> listen{net::Endpoint{"127.0.0.1", 8081}};
  std::string path = api::kDefaultWebAlarmPath;
  std::size_t body_limit_bytes = 2 * 1024 * 1024;  // the issue: at least 1 MB
  std::size_t handler_threads = 4;
  std::optional<net::TlsServerOptions> tls;  // set: HTTPS only
  api::AlarmSenderPolicy senders;
};

struct MailAlarmConfig {
  bool enabled = false;
  std::vector<net::Endpoint> listen{net::Endpoint{"127.0.0.1", 2525}};
  std::string hostname = "jemhead";
  std::string certificate_file, private_key_file;  // both set: STARTTLS offered
  bool require_tls = false;
  bool require_auth = false;
  std::vector<smtp::SmtpUser> users;
  std::size_t max_message_bytes = 16 * 1024 * 1024;
  std::size_t max_recipients = 100;  // a meter sends to at most 8 (manual L8713)
  std::size_t max_connections = 256;
};

struct WebhookConfig {
  std::vector<std::chrono::seconds> retry_delays{
      std::chrono::seconds(5),   std::chrono::seconds(30),   std::chrono::seconds(120),
      std::chrono::seconds(600), std::chrono::seconds(1800), std::chrono::seconds(3600)};
  std::chrono::milliseconds request_timeout{10'000};
};

struct AlarmsConfig {
  // Out of line, and first among Config's sections: otherwise GCC 12 reports
  // -Wmaybe-uninitialized false positives (Config::engine's map) where a Config{} is built.
  AlarmsConfig();
  ~AlarmsConfig();
  AlarmsConfig(const AlarmsConfig&);
  AlarmsConfig(AlarmsConfig&&) noexcept;
  AlarmsConfig& operator=(const AlarmsConfig&);
  AlarmsConfig& operator=(AlarmsConfig&&) noexcept;

  WebAlarmConfig web;
  MailAlarmConfig mail;
  std::vector<std::string> identity_keys = api::kDefaultAlarmIdentityKeys;
  WebhookConfig webhooks;
};

}  // namespace jemhead::service
