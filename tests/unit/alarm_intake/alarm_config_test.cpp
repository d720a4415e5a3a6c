// The `alarms` configuration section: defaults, every key read, and the errors that stop
// the daemon from starting with a receiver that could not work (file, line and key).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "service/config_loader.hpp"

namespace jemhead::service {
namespace {

LoadResult load(const std::string& yaml) {
  return load_config_text(yaml, "test.yaml");
}

std::string errors_of(const LoadResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += e.to_string() + "\n";
  return out;
}

// A token SHA-256 ("secret").
const std::string kDigest = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";

TEST(AlarmConfig, DefaultsKeepBothReceiversOff) {
  const AlarmsConfig c;
  EXPECT_FALSE(c.web.enabled);
  EXPECT_FALSE(c.mail.enabled);
  EXPECT_EQ(c.web.path, "/ingest/web-alarm");
  EXPECT_EQ(c.web.body_limit_bytes, 2u * 1024 * 1024);
  ASSERT_EQ(c.web.listen.size(), 1u);
  EXPECT_EQ(c.web.listen[0].port, 8081);
  EXPECT_EQ(c.mail.listen[0].port, 2525);
  EXPECT_FALSE(c.web.tls);
  EXPECT_EQ(c.identity_keys,
            (std::vector<std::string>{"DeviceId", "MV 90 Meter ID", "MV90 Meter ID", "Meter ID"}));
  EXPECT_EQ(c.webhooks.retry_delays.size(), 6u);
}

TEST(AlarmConfig, EveryKeyIsRead) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jemhead-alarm-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* f : {"c.pem", "c.key", "ca.pem"}) std::ofstream(dir / f) << "x";
  const auto p = [&](const char* f) { return (dir / f).string(); };
  const auto r = load(
      "alarms:\n"
      "  web:\n"
      "    enabled: true\n"
      "    listen: [\"127.0.0.1:0\", \"[::1]:9443\"]\n"
      "    path: /meters/alarms\n"
      "    body_limit_bytes: 1000000\n"
      "    handler_threads: 3\n"
      "    tls: {certificate: " +
      p("c.pem") + ", private_key: " + p("c.key") + ", client_ca: " + p("ca.pem") +
      ", client_certificates: required}\n"
      "    senders:\n"
      "      - {name: a, url_token_sha256: \"" +
      kDigest +
      "\", meter: \"140800001\"}\n"
      "      - {name: b, basic_user: u, basic_password_sha256: \"" +
      kDigest +
      "\", allow: [\"10.0.0.0/8\", \"::1\"]}\n"
      "      - {name: c, client_certificate_subject: \"CN=m,O=U\"}\n"
      "    allow_anonymous: true\n"
      "  mail:\n"
      "    enabled: true\n"
      "    listen: [\"127.0.0.1:0\"]\n"
      "    hostname: head-end.example\n"
      "    tls: {certificate: " +
      p("c.pem") + ", private_key: " + p("c.key") +
      "}\n"
      "    require_tls: true\n"
      "    require_auth: true\n"
      "    users: [{name: meter, password_sha256: \"" +
      kDigest +
      "\"}]\n"
      "    max_message_bytes: 70000\n"
      "    max_recipients: 8\n"
      "    max_connections: 5\n"
      "  identity_keys: [\"Account Number\"]\n"
      "  webhooks: {retry_delays_s: [1, 2], request_timeout_ms: 500}\n");
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.ok()) << errors_of(r);
  const auto& a = r.config.alarms;
  EXPECT_TRUE(a.web.enabled);
  ASSERT_EQ(a.web.listen.size(), 2u);
  EXPECT_EQ(a.web.listen[1].address, "::1");
  EXPECT_EQ(a.web.path, "/meters/alarms");
  EXPECT_EQ(a.web.body_limit_bytes, 1000000u);
  EXPECT_EQ(a.web.handler_threads, 3u);
  ASSERT_TRUE(a.web.tls);
  EXPECT_EQ(a.web.tls->client_certificates, net::ClientCertificates::required);
  EXPECT_EQ(a.web.tls->client_ca_file, p("ca.pem"));
  ASSERT_EQ(a.web.senders.senders.size(), 3u);
  EXPECT_EQ(a.web.senders.senders[0].meter_serial, "140800001");
  EXPECT_EQ(a.web.senders.senders[0].url_token_sha256, kDigest);
  EXPECT_EQ(a.web.senders.senders[1].allow_addresses,
            (std::vector<std::string>{"10.0.0.0/8", "::1"}));
  EXPECT_EQ(a.web.senders.senders[2].client_certificate_subject, "CN=m,O=U");
  EXPECT_TRUE(a.web.senders.allow_anonymous);
  EXPECT_TRUE(a.mail.enabled);
  EXPECT_EQ(a.mail.hostname, "head-end.example");
  EXPECT_EQ(a.mail.certificate_file, p("c.pem"));
  EXPECT_TRUE(a.mail.require_tls);
  EXPECT_TRUE(a.mail.require_auth);
  ASSERT_EQ(a.mail.users.size(), 1u);
  EXPECT_EQ(a.mail.users[0].name, "meter");
  EXPECT_EQ(a.mail.max_message_bytes, 70000u);
  EXPECT_EQ(a.mail.max_recipients, 8u);
  EXPECT_EQ(a.mail.max_connections, 5u);
  EXPECT_EQ(a.identity_keys, std::vector<std::string>{"Account Number"});
  EXPECT_EQ(a.webhooks.retry_delays,
            (std::vector<std::chrono::seconds>{std::chrono::seconds(1), std::chrono::seconds(2)}));
  EXPECT_EQ(a.webhooks.request_timeout, std::chrono::milliseconds(500));
}

struct BadCase {
  const char* yaml;
  const char* key;
  const char* says;
};

TEST(AlarmConfig, MistakesAreReportedWithTheirKey) {
  const BadCase cases[] = {
      {"alarms: {web: {enabled: true}}\n", "alarms.web.senders", "no sender may post"},
      {"alarms: {web: {senders: [{name: a, url_token_sha256: abc}]}}\n",
       "alarms.web.senders[0].url_token_sha256", "64 hexadecimal digits"},
      {"alarms: {web: {senders: [{name: a}]}}\n", "alarms.web.senders[0].name", "at least one of"},
      {"alarms: {web: {senders: [{name: a, allow: [\"10.0.0.0/99\"]}]}}\n",
       "alarms.web.senders[0].allow[0]", "CIDR"},
      {"alarms: {web: {senders: [{name: a, basic_user: u}]}}\n",
       "alarms.web.senders[0].basic_password_sha256", "go together"},
      {"alarms: {web: {body_limit_bytes: 1000}}\n", "alarms.web.body_limit_bytes", ""},
      {"alarms: {web: {path: nope}}\n", "alarms.web.path", "starting with '/'"},
      {"alarms: {web: {tls: {certificate: /nonexistent/c.pem}}}\n", "alarms.web.tls.certificate",
       "cannot be read"},
      {"alarms: {web: {tls: {client_certificates: sometimes}}}\n",
       "alarms.web.tls.client_certificates", "none, optional, required"},
      {"alarms: {mail: {require_auth: true}}\n", "alarms.mail.require_auth", "users"},
      {"alarms: {mail: {require_tls: true}}\n", "alarms.mail.require_tls", "tls.certificate"},
      {"alarms: {mail: {max_recipients: 2}}\n", "alarms.mail.max_recipients", ""},
      {"alarms: {webhooks: {retry_delays_s: [0]}}\n", "alarms.webhooks.retry_delays_s[0]",
       "1-604800"},
      {"alarms: {wbe: {}}\n", "alarms.wbe", ""},
  };
  for (const auto& c : cases) {
    const auto r = load(c.yaml);
    ASSERT_FALSE(r.ok()) << c.yaml;
    bool found = false;
    for (const auto& e : r.errors)
      if (e.key == c.key && e.message.find(c.says) != std::string::npos) found = true;
    EXPECT_TRUE(found) << c.yaml << errors_of(r);
  }
}

TEST(AlarmConfig, TheExampleFileLoadsWithItsAlarmSection) {
  const auto r = load_config_file(std::string(JEMHEAD_SOURCE_DIR) + "/config/jemhead.example.yaml");
  ASSERT_TRUE(r.ok()) << errors_of(r);
  const auto& a = r.config.alarms;
  EXPECT_FALSE(a.web.enabled);
  EXPECT_FALSE(a.mail.enabled);
  ASSERT_EQ(a.web.senders.senders.size(), 1u);
  EXPECT_EQ(a.web.senders.senders[0].name, "substation-7");
  EXPECT_EQ(a.web.senders.senders[0].allow_addresses, std::vector<std::string>{"10.0.0.0/8"});
  EXPECT_EQ(a.identity_keys.size(), 4u);
}

}  // namespace
}  // namespace jemhead::service
