// The DLMS connection-profile options: defaults, every key read, every mistake named by
// its field, and the password never echoed.
#include "drivers/protocol/dlms/driver/profile_config.hpp"

#include <gtest/gtest.h>

#include "drivers/builtin_drivers.hpp"

namespace jemhead::dlms {
namespace {

ConnectionProfile tcp_profile(std::string options) {
  ConnectionProfile p;
  p.name = "ethernet-dlms";
  p.protocol = Protocol::dlms;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.options_json = std::move(options);
  return p;
}

std::vector<std::string> fields(const Validation& v) {
  std::vector<std::string> out;
  for (const auto& e : v.errors()) out.push_back(e.field);
  return out;
}

TEST(DlmsProfileConfig, DefaultsAreWrapperReaderUnitId100) {
  const auto load = load_dlms_profile(tcp_profile(R"({"password":"ClientId2"})"));
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.framing, DlmsFraming::wrapper);
  EXPECT_EQ(load.config.role, session::ClientRole::reader);
  EXPECT_EQ(load.config.password, "ClientId2");
  EXPECT_EQ(load.config.physical_address, 100);
  EXPECT_FALSE(load.config.scaler_override.has_value());
}

TEST(DlmsProfileConfig, EveryKeyIsRead) {
  const auto load = load_dlms_profile(tcp_profile(
      R"({"framing":"hdlc","client":"manager","password":"ClientId1","physical_address":16381,"scaler_override":-3})"));
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.framing, DlmsFraming::hdlc);
  EXPECT_EQ(load.config.role, session::ClientRole::manager);
  EXPECT_EQ(load.config.physical_address, 16381);
  EXPECT_EQ(load.config.scaler_override, std::optional<std::int8_t>(-3));
}

TEST(DlmsProfileConfig, PublicClientNeedsNoPasswordAndRefusesOne) {
  EXPECT_TRUE(load_dlms_profile(tcp_profile(R"({"client":"public"})")).ok());
  const auto load = load_dlms_profile(tcp_profile(R"({"client":"public","password":"x"})"));
  EXPECT_EQ(fields(load.problems), std::vector<std::string>{"options/password"});
}

TEST(DlmsProfileConfig, LlsClientsNeedAPassword) {
  for (const char* options : {R"({})", R"({"client":"manager"})", R"({"password":""})"}) {
    const auto load = load_dlms_profile(tcp_profile(options));
    EXPECT_EQ(fields(load.problems), std::vector<std::string>{"options/password"}) << options;
  }
}

TEST(DlmsProfileConfig, EveryMistakeIsNamedByItsField) {
  const auto load = load_dlms_profile(tcp_profile(
      R"({"framing":"raw","client":"admin","password":7,"physical_address":15,"scaler_override":200,"pasword":"x"})"));
  EXPECT_EQ(fields(load.problems),
            (std::vector<std::string>{"options/framing", "options/client", "options/password",
                                      "options/physical_address", "options/scaler_override",
                                      "options/pasword", "options/password"}));
}

TEST(DlmsProfileConfig, PhysicalAddressRangeEnds) {
  EXPECT_TRUE(load_dlms_profile(tcp_profile(R"({"password":"p","physical_address":16})")).ok());
  for (const char* options : {R"({"password":"p","physical_address":16382})",
                              R"({"password":"p","physical_address":"100"})",
                              R"({"password":"p","physical_address":18446744073709551615})"})
    EXPECT_EQ(fields(load_dlms_profile(tcp_profile(options)).problems),
              std::vector<std::string>{"options/physical_address"})
        << options;
}

TEST(DlmsProfileConfig, NoSharedRs485Line) {
  auto p = tcp_profile(R"({"password":"p"})");
  p.transport = Transport::rs485;
  const auto load = load_dlms_profile(p);
  EXPECT_EQ(fields(load.problems), std::vector<std::string>{"transport"});
}

TEST(DlmsProfileConfig, NotAnObjectOrNotJson) {
  EXPECT_EQ(fields(load_dlms_profile(tcp_profile("[1]")).problems),
            std::vector<std::string>{"options"});
  EXPECT_EQ(fields(load_dlms_profile(tcp_profile("{")).problems),
            std::vector<std::string>{"options"});
}

TEST(DlmsProfileConfig, ThePasswordIsNeverEchoed) {
  const std::string secret = "S3cret-Sesame-0123456789-0123456789-0123456789-0123456789-0123456789";
  const auto load =
      load_dlms_profile(tcp_profile(R"({"client":"public","password":")" + secret + R"("})"));
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.problems.summary().find("S3cret"), std::string::npos) << load.problems.summary();
}

TEST(DlmsDriverRegistration, BuiltinRegistryHasDlmsWithItsSessionOperations) {
  drivers::DriverRegistry registry;
  drivers::register_builtin_drivers(registry);
  const auto* driver = registry.find(Protocol::dlms);
  ASSERT_NE(driver, nullptr);
  EXPECT_EQ(driver->capabilities().list(),
            (std::vector<Capability>{Capability::read_registers, Capability::read_instantaneous,
                                     Capability::read_load_profile, Capability::read_clock,
                                     Capability::set_clock, Capability::read_events,
                                     Capability::read_identity}));
  EXPECT_EQ(fields(driver->validate_options(tcp_profile(R"({"client":"x"})"))),
            (std::vector<std::string>{"options/client", "options/password"}));
}

}  // namespace
}  // namespace jemhead::dlms
