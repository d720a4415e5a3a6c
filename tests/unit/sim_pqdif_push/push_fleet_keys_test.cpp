// The fleet file's `pqdif: push:` key: defaults, inheritance from `meters:`, and the
// errors a typo gets.
#include <gtest/gtest.h>

#include "sim/fleet_file.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {
namespace {

FleetSpec fleet(const std::string& meters) {
  std::string yaml = "seed: 1\nstart_time: \"2026-01-01T00:00:00Z\"\nmeters:\n";
  yaml += meters;
  return parse_fleet(yaml, "fleet.yaml");
}

std::string error_of(const std::string& meters) {
  try {
    fleet(meters);
  } catch (const FleetError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << meters;
  return {};
}

const MeterSpec& meter(const FleetSpec& f, const std::string& serial) {
  for (const auto& m : f.meters)
    if (m.serial == serial) return m;
  throw std::runtime_error("no meter " + serial);
}

TEST(SimPqdifPushKeys, DefaultsFollowTheManualPlusTheSimulatorsOwnFields) {
  const auto f = fleet(
      "  list:\n"
      "    - {serial: A1, pqdif: {push: {username: meter, password: pw}}}\n"
      "    - {serial: A2, pqdif: {}}\n");
  const auto& push = meter(f, "A1").pqdif->push;
  ASSERT_TRUE(push.has_value());
  EXPECT_EQ(push->protocol, PushProtocol::scp);
  EXPECT_EQ(push->host, "127.0.0.1");
  EXPECT_EQ(push->port, 22);
  EXPECT_EQ(push->username, "meter");
  EXPECT_EQ(push->password, "pw");
  EXPECT_EQ(push->directory, "");
  EXPECT_FALSE(push->delete_after_send);
  EXPECT_FALSE(push->upload_then_rename);
  EXPECT_EQ(push->retry_initial, std::chrono::milliseconds(1000));
  EXPECT_EQ(push->retry_max, std::chrono::milliseconds(60000));
  EXPECT_FALSE(meter(f, "A2").pqdif->push.has_value());
}

TEST(SimPqdifPushKeys, MetersInheritTheDefaultAndOverrideOrTurnItOff) {
  const auto f = fleet(
      "  pqdif: {push: {protocol: scp, host: \"::1\", port: 2222, username: u,\n"
      "                 private_key_file: /k, directory: /drop, delete_after_send: true,\n"
      "                 upload_then_rename: true, retry_initial_ms: 50, retry_max_ms: 400}}\n"
      "  list:\n"
      "    - {serial: B1}\n"
      "    - {serial: B2, pqdif: {push: {protocol: ftp, password: pw, private_key_file: \"\"}}}\n"
      "    - {serial: B3, pqdif: {push: {enabled: false}}}\n"
      "    - {serial: B4, pqdif: {push: {directory: other}}}\n");
  const auto& b1 = *meter(f, "B1").pqdif->push;
  EXPECT_EQ(b1.host, "::1");
  EXPECT_EQ(b1.port, 2222);
  EXPECT_EQ(b1.private_key_file, "/k");
  EXPECT_EQ(b1.directory, "/drop");
  EXPECT_TRUE(b1.delete_after_send);
  EXPECT_TRUE(b1.upload_then_rename);
  EXPECT_EQ(b1.retry_initial, std::chrono::milliseconds(50));
  EXPECT_EQ(b1.retry_max, std::chrono::milliseconds(400));
  const auto& b2 = *meter(f, "B2").pqdif->push;
  EXPECT_EQ(b2.protocol, PushProtocol::ftp);
  EXPECT_EQ(b2.port, 2222);  // given explicitly in the default: kept
  EXPECT_EQ(b2.password, "pw");
  EXPECT_EQ(b2.username, "u");
  EXPECT_FALSE(meter(f, "B3").pqdif->push.has_value());
  EXPECT_EQ(meter(f, "B4").pqdif->push->directory, "other");
  EXPECT_EQ(meter(f, "B4").pqdif->push->port, 2222);
}

TEST(SimPqdifPushKeys, FtpTakesPort21UnlessGiven) {
  const auto f = fleet(
      "  list:\n"
      "    - {serial: C1, pqdif: {push: {protocol: ftp, username: u, password: p}}}\n");
  EXPECT_EQ(meter(f, "C1").pqdif->push->port, 21);
}

TEST(SimPqdifPushKeys, ErrorsNameTheKey) {
  const std::string base = "  list:\n    - {serial: E1, pqdif: {push: {";
  auto with = [&](const std::string& keys) { return base + keys + "}}}\n"; };
  EXPECT_NE(error_of(with("password: p")).find("push.username: is required"), std::string::npos);
  EXPECT_NE(error_of(with("username: u")).find("push.password: is required"), std::string::npos);
  EXPECT_NE(error_of(with("username: u, password: p, protocol: sftp"))
                .find("push.protocol: must be scp or ftp"),
            std::string::npos);
  EXPECT_NE(error_of(with("username: u, password: p, host: meters.example"))
                .find("push.host: must be an IP address"),
            std::string::npos);
  EXPECT_NE(error_of(with("username: u, protocol: ftp, private_key_file: /k"))
                .find("push.private_key_file: is for scp only"),
            std::string::npos);
  EXPECT_NE(error_of(with("username: u, password: p, port: 0")).find("push.port"),
            std::string::npos);
  EXPECT_NE(error_of(with("username: u, password: p, retry_initial_ms: 500, retry_max_ms: 100"))
                .find("push.retry_max_ms"),
            std::string::npos);
  EXPECT_NE(error_of(with("username: u, password: p, hots: 1.2.3.4")).find("hots"),
            std::string::npos);
}

}  // namespace
}  // namespace jemhead::sim
