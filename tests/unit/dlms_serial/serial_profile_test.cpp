// The DLMS profile on serial, optical and modem lines: framing forced to HDLC, the wrapper
// refused there, rs485/tls/cell refused, the HDLC timeouts and the modem's dial timeout.
#include <gtest/gtest.h>

#include "drivers/protocol/dlms/driver/profile_config.hpp"

namespace jemhead::dlms {
namespace {

ConnectionProfile line_profile(Transport transport, std::string options) {
  ConnectionProfile p;
  p.name = "line-dlms";
  p.protocol = Protocol::dlms;
  p.transport = transport;
  p.device = "/dev/ttyUSB0";
  p.options_json = std::move(options);
  if (transport == Transport::modem) p.phone = "5551234";
  return p;
}

std::vector<std::string> fields(const Validation& v) {
  std::vector<std::string> out;
  for (const auto& e : v.errors()) out.push_back(e.field);
  return out;
}

TEST(DlmsSerialProfile, LinesCarryHdlcWithTheManualsTimeouts) {
  for (auto t : {Transport::serial, Transport::optical, Transport::modem}) {
    const auto load = load_dlms_profile(line_profile(t, R"({"password":"ClientId2"})"));
    ASSERT_TRUE(load.ok()) << load.problems.summary();
    EXPECT_EQ(load.config.framing, DlmsFraming::hdlc);
    EXPECT_EQ(load.config.inactivity_timeout, std::chrono::seconds(120));
    EXPECT_EQ(load.config.inter_frame_timeout, std::chrono::milliseconds(1000));
    EXPECT_EQ(load.config.dial_timeout, std::chrono::seconds(60));
  }
  const auto load = load_dlms_profile(line_profile(
      Transport::modem,
      R"({"password":"p","framing":"hdlc","inactivity_timeout_s":0,"inter_frame_timeout_ms":20,"dial_timeout_s":90})"));
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.inactivity_timeout, std::chrono::seconds(0));
  EXPECT_EQ(load.config.inter_frame_timeout, std::chrono::milliseconds(20));
  EXPECT_EQ(load.config.dial_timeout, std::chrono::seconds(90));
}

TEST(DlmsSerialProfile, TheWrapperOverASerialLineIsRefused) {
  const auto load =
      load_dlms_profile(line_profile(Transport::serial, R"({"password":"p","framing":"wrapper"})"));
  EXPECT_EQ(fields(load.problems), std::vector<std::string>{"options/framing"});
  EXPECT_NE(load.problems.summary().find("tcp only"), std::string::npos);
}

TEST(DlmsSerialProfile, Rs485TlsAndCellAreRefused) {
  for (auto t : {Transport::rs485, Transport::tls, Transport::cell}) {
    auto p = line_profile(t, R"({"password":"p"})");
    EXPECT_EQ(fields(load_dlms_profile(p).problems), std::vector<std::string>{"transport"})
        << to_text(t);
  }
}

TEST(DlmsSerialProfile, RangesAndMisplacedOptions) {
  const auto load = load_dlms_profile(line_profile(
      Transport::serial,
      R"({"password":"p","inactivity_timeout_s":65536,"inter_frame_timeout_ms":19,"dial_timeout_s":60})"));
  EXPECT_EQ(fields(load.problems),
            (std::vector<std::string>{"options/inactivity_timeout_s",
                                      "options/inter_frame_timeout_ms", "options/dial_timeout_s"}));
  // The response timeout must leave the meter its inter-frame timeout.
  auto p = line_profile(Transport::serial, R"({"password":"p","inter_frame_timeout_ms":5000})");
  p.timeout_ms = 5000;
  EXPECT_EQ(fields(load_dlms_profile(p).problems),
            std::vector<std::string>{"options/inter_frame_timeout_ms"});
}

TEST(DlmsSerialProfile, TheOpticalPortStopsAt19200Baud) {
  auto p = line_profile(Transport::optical, R"({"password":"p"})");
  p.baud = 19200;
  EXPECT_TRUE(load_dlms_profile(p).ok());
  p.baud = 38400;
  EXPECT_EQ(fields(load_dlms_profile(p).problems), std::vector<std::string>{"baud"});
}

}  // namespace
}  // namespace jemhead::dlms
