// The "http" and "sftp" profiles' options: defaults from the manual (port 80 /pqdif, SFTP
// port 22), every problem named, and secrets never echoed in a validation message.
#include <gtest/gtest.h>

#include "drivers/builtin_drivers.hpp"
#include "drivers/protocol/pqdif_http/http_options.hpp"
#include "drivers/protocol/pqdif_sftp/sftp_options.hpp"

namespace jemhead {
namespace {

ConnectionProfile profile(Protocol protocol, std::string options) {
  ConnectionProfile p;
  p.name = "pq";
  p.protocol = protocol;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.options_json = std::move(options);
  return p;
}

std::string fields(const Validation& v) {
  std::string out;
  for (const auto& e : v.errors()) out += e.field + "=" + e.message + ";";
  return out;
}

TEST(HttpPullOptions, DefaultsAreTheManualsPortAndPath) {
  const auto o = pqdif_http::read_http_pull_options(profile(Protocol::http, "{}"));
  EXPECT_TRUE(o.validation.ok()) << fields(o.validation);
  EXPECT_FALSE(o.config.https);
  EXPECT_EQ(o.config.port, 80);
  EXPECT_EQ(o.config.path, "/pqdif");
  EXPECT_FALSE(o.config.delete_after_retrieval);
  EXPECT_TRUE(o.config.tls.verify_peer);

  const auto s = pqdif_http::read_http_pull_options(profile(
      Protocol::http,
      R"({"scheme":"https","path":"/files/","username":"pq","password":"pw","verify_peer":false,)"
      R"("ca_file":"/etc/ca.pem","server_name":"meter-7","delete_after_retrieval":true})"));
  EXPECT_TRUE(s.validation.ok()) << fields(s.validation);
  EXPECT_TRUE(s.config.https);
  EXPECT_EQ(s.config.port, 443);
  EXPECT_EQ(s.config.path, "/files");
  EXPECT_FALSE(s.config.tls.verify_peer);
  EXPECT_EQ(s.config.tls.server_name, "meter-7");
  EXPECT_TRUE(s.config.delete_after_retrieval);
}

TEST(HttpPullOptions, EveryProblemNamedAndThePasswordNeverShown) {
  auto p = profile(Protocol::http, R"({"scheme":"ftp","path":"pqdif","password":"hunter2-secret",)"
                                   R"("verify_peer":"yes","colour":1})");
  p.transport = Transport::serial;
  const auto o = pqdif_http::read_http_pull_options(p);
  const auto text = fields(o.validation);
  EXPECT_NE(text.find("transport="), std::string::npos) << text;
  EXPECT_NE(text.find("options/scheme="), std::string::npos) << text;
  EXPECT_NE(text.find("options/path="), std::string::npos) << text;
  EXPECT_NE(text.find("options/username=required with a password"), std::string::npos) << text;
  EXPECT_NE(text.find("options/verify_peer="), std::string::npos) << text;
  EXPECT_NE(text.find("options/colour=unknown option"), std::string::npos) << text;
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
}

TEST(SftpPullOptions, DefaultsAndRules) {
  const auto ok = pqdif_sftp::read_sftp_pull_options(
      profile(Protocol::sftp, R"({"username":"pq","private_key_file":"/k"})"));
  EXPECT_TRUE(ok.validation.ok()) << fields(ok.validation);
  EXPECT_EQ(ok.config.port, 22);
  EXPECT_EQ(ok.config.directory, ".");
  EXPECT_EQ(ok.config.host_key_policy, pqdif_sftp::HostKeyPolicy::strict);

  const auto bad = pqdif_sftp::read_sftp_pull_options(
      profile(Protocol::sftp, R"({"host_key_policy":"accept_new","directory":""})"));
  const auto text = fields(bad.validation);
  EXPECT_NE(text.find("options/username=required"), std::string::npos) << text;
  EXPECT_NE(text.find("options/password=a password or a private_key_file"), std::string::npos)
      << text;
  EXPECT_NE(text.find("options/known_hosts_file=required with host_key_policy accept_new"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("options/directory="), std::string::npos) << text;
}

TEST(PullDrivers, RegisteredWithTheFetchCapabilityOnly) {
  drivers::DriverRegistry registry;
  drivers::register_builtin_drivers(registry);
  for (auto protocol : {Protocol::http, Protocol::sftp}) {
    const auto* d = registry.find(protocol);
    ASSERT_NE(d, nullptr) << to_text(protocol);
    EXPECT_TRUE(d->capabilities().has(Capability::fetch_pq_files));
    EXPECT_FALSE(d->capabilities().has(Capability::read_registers));
  }
  std::string why;
  const auto routed =
      registry.route({profile(Protocol::http, R"({"username":"pq","password":"x"})")},
                     Capability::fetch_pq_files, why);
  ASSERT_TRUE(routed.has_value()) << why;
  EXPECT_EQ(routed->protocol, Protocol::http);
}

}  // namespace
}  // namespace jemhead
