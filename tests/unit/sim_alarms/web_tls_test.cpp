// The web notifier's Request Certificate modes (manual L8064–L8084) against an HTTPS
// receiver with a throw-away PKI: mandatory sends only to a server its Base Certificate
// authenticates, enable falls back to an insecure send, disable never checks; and the
// simulator's client certificate reaches the server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "recording_http_server.hpp"
#include "sim/alarms/web_notifier.hpp"
#include "tests/unit/net/test_pki.hpp"

namespace jemhead::sim {
namespace {

using testing::RecordingHttpServer;

class SimAlarmWebTls : public ::testing::Test {
 protected:
  SimAlarmWebTls()
      : dir_(std::filesystem::temp_directory_path() /
             ("sim_alarm_tls_" + std::to_string(::getpid()))),
        pki_((std::filesystem::create_directories(dir_), dir_)) {
    ca_ = pki_.make_ca("alarm-ca").certificate_file;
    other_ca_ = pki_.make_ca("other-ca").certificate_file;
    server_ = pki_.make_server("server", "alarm-ca");
    client_ = pki_.make_client("meter", "P1", "alarm-ca");
  }
  ~SimAlarmWebTls() override { std::filesystem::remove_all(dir_); }

  net::TlsServerOptions tls(bool client_certificates = false) const {
    net::TlsServerOptions o;
    o.certificate_file = server_.certificate_file;
    o.private_key_file = server_.key_file;
    if (client_certificates) {
      o.client_ca_file = ca_;
      o.client_certificates = net::ClientCertificates::required;
    }
    return o;
  }

  std::filesystem::path dir_;
  jemhead::testing::TestPki pki_;
  std::string ca_, other_ca_;
  jemhead::testing::TestPki::Issued server_, client_;
};

TEST_F(SimAlarmWebTls, MandatorySendsOnlyToAnAuthenticatedServer) {
  RecordingHttpServer server(200, tls());
  WebAlarmSpec spec;
  spec.url = server.url();
  spec.certificate = CertificateMode::mandatory;
  spec.ca_file = ca_;
  auto r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_FALSE(r.insecure);
  spec.ca_file = other_ca_;
  r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_FALSE(r.sent);
  EXPECT_FALSE(r.insecure);
  EXPECT_FALSE(r.error.empty());
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(requests[0].tls);
}

TEST_F(SimAlarmWebTls, EnableFallsBackToAnInsecureSend) {
  RecordingHttpServer server(200, tls());
  WebAlarmSpec spec;
  spec.url = server.url();
  spec.certificate = CertificateMode::enable;
  spec.ca_file = ca_;
  auto r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_FALSE(r.insecure);
  spec.ca_file = other_ca_;  // verification fails: sent anyway
  r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_TRUE(r.insecure);
  spec.certificate = CertificateMode::disable;
  r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_TRUE(r.insecure);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_F(SimAlarmWebTls, ClientCertificateIsPresented) {
  RecordingHttpServer server(200, tls(true));
  WebAlarmSpec spec;
  spec.url = server.url();
  spec.certificate = CertificateMode::mandatory;
  spec.ca_file = ca_;
  auto r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_FALSE(r.sent);  // the server requires one
  spec.client_cert = client_.certificate_file;
  spec.client_key = client_.key_file;
  r = post_web_alarm(spec, {"{}", {}, nullptr});
  EXPECT_TRUE(r.sent) << r.error;
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].client_certificate_subject, "CN=P1,O=Utility");
}

}  // namespace
}  // namespace jemhead::sim
