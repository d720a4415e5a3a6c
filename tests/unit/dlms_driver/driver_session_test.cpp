// DlmsSession against the in-memory COSEM server: registers of the object list become
// RegisterReadings (OBIS id, the manual's description, scaled value, stored unit), those
// the meter does not serve are skipped, a refusal ends the read, close releases.
#include "drivers/protocol/dlms/driver/driver_session.hpp"

#include <gtest/gtest.h>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"
#include "tests/unit/dlms_session/fake_cosem_server.hpp"
#include "tests/unit/dlms_session/run_on_io_context.hpp"

namespace jemhead::dlms {
namespace {

using cosem::operator""_obis;
using session::ClientRole;
using session::testing::FakeCosemServer;
using session::testing::run;

axdr::Data scaler_unit(std::int8_t scaler, std::uint8_t unit) {
  return axdr::Data::make_structure(
      {axdr::Data::make_integer(scaler), axdr::Data::make_enum(unit)});
}

struct Rig {
  explicit Rig(ClientRole role, session::CosemClientOptions options = {}) {
    auto server = std::make_unique<FakeCosemServer>(session::client_sap(role));
    meter = server.get();
    // Two registers of the object list (Wh, unit 30; V, unit 35) and one the list does
    // not have, which must not be asked for.
    meter->registers["1.0.1.8.0.255"_obis] = {axdr::Data::make_double_long_unsigned(123456),
                                              scaler_unit(-3, 30)};
    meter->registers["1.0.32.7.0.255"_obis] = {axdr::Data::make_double_long_unsigned(1201),
                                               scaler_unit(-1, 35)};
    meter->registers["1.0.200.8.0.255"_obis] = {axdr::Data::make_double_long_unsigned(1),
                                                scaler_unit(0, 30)};
    auto client = std::make_unique<session::CosemClient>(*server, std::move(options));
    const std::string password = role == ClientRole::reader ? "ClientId2" : "";
    run(client->associate(role, password));
    session = std::make_unique<DlmsSession>(7, std::move(server), std::move(client));
  }
  FakeCosemServer* meter = nullptr;
  std::unique_ptr<DlmsSession> session;
};

TEST(DlmsDriverSession, RegisterObjectsAreTheObjectListsRegisters) {
  const auto objects = register_objects();
  EXPECT_EQ(objects.size(), 53u);  // the manual's 53 registers
  for (const auto* o : objects) EXPECT_EQ(o->class_id, 3);
}

TEST(DlmsDriverSession, ReadsTheServedRegistersScaledAndNamed) {
  Rig rig(ClientRole::reader);
  const auto readings = run(rig.session->read_registers());
  ASSERT_EQ(readings.size(), 2u);
  // The object list's order: the instantaneous voltage comes before the energy.
  EXPECT_EQ(readings[0].register_id, "1.0.32.7.0.255");
  EXPECT_EQ(readings[0].description, "Volts RMS Phase A");
  EXPECT_DOUBLE_EQ(readings[0].value, 120.1);
  EXPECT_EQ(readings[0].unit, "V");
  EXPECT_EQ(readings[1].register_id, "1.0.1.8.0.255");
  EXPECT_EQ(readings[1].description, "Watthours Poly Delivered");
  EXPECT_DOUBLE_EQ(readings[1].value, 0.123456);  // 123.456 Wh in kWh
  EXPECT_EQ(readings[1].unit, "kWh");
  for (const auto& r : readings) {
    EXPECT_EQ(r.meter_id, 7);
    EXPECT_EQ(r.source, "dlms");
    EXPECT_GT(r.read_at.time_since_epoch().count(), 0);
    // One read time for the whole read: the API's latest registers share it.
    EXPECT_EQ(r.read_at, readings[0].read_at);
  }
}

TEST(DlmsDriverSession, ScalerOverrideAppliesToEveryRegister) {
  session::CosemClientOptions options;
  options.scaling.set_all(cosem::ScalingOverride{std::int8_t{0}, std::nullopt});
  Rig rig(ClientRole::reader, options);
  const auto readings = run(rig.session->read_registers());
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_DOUBLE_EQ(readings[0].value, 1201);
  EXPECT_DOUBLE_EQ(readings[1].value, 123.456);
}

TEST(DlmsDriverSession, AccessDeniedEndsTheRead) {
  Rig rig(ClientRole::public_client);
  EXPECT_THROW(run(rig.session->read_registers()), session::AccessDenied);
}

TEST(DlmsDriverSession, CloseReleasesTheAssociation) {
  Rig rig(ClientRole::reader);
  run(rig.session->close());
  EXPECT_EQ(rig.meter->disconnects, 1);
  EXPECT_FALSE(rig.meter->connected());
}

}  // namespace
}  // namespace jemhead::dlms
