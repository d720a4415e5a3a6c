// DlmsSession's clock, identity and Ethernet log, and the driver's capabilities per
// client: the clock offset stamped at the midpoint, the clock SET refused before anything
// is sent unless the client is the manager, identification objects as named fields, the
// log's entries as LogEvents after a point in time.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/driver/driver.hpp"
#include "drivers/protocol/dlms/driver/event_log_reader.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"
#include "tests/unit/dlms_driver/session_rig.hpp"

namespace jemhead::dlms {
namespace {

using cosem::operator""_obis;
using namespace std::chrono_literals;
using session::ClientRole;
using testing::capture_object;
using testing::FakeCosemServer;
using testing::kClockObis;
using testing::run;
using testing::SessionRig;
using testing::stamp;
using testing::utc;

constexpr std::uint8_t kSetRequestTag = 0xC1;

bool any_set_sent(const FakeCosemServer& meter) {
  return std::any_of(meter.requests.begin(), meter.requests.end(),
                     [](const auto& r) { return !r.empty() && r[0] == kSetRequestTag; });
}

// --- clock ---

TEST(DlmsClockOps, ReadClockConvertsWithTheClocksDeviationAndStampsTheMidpoint) {
  SessionRig rig(ClientRole::reader);
  // 13:00 local at UTC+1 (deviation -60): 12:00 UTC.
  rig.meter->clock = axdr::from_utc(utc(2024, 3, 10, 12, 0), -60, axdr::ClockStatus{0});
  const auto before = utc_now();
  const auto reading = run(rig.session->read_clock());
  const auto after = utc_now();
  EXPECT_EQ(reading.meter_id, 7);
  EXPECT_EQ(reading.source, "dlms");
  EXPECT_EQ(reading.meter_time, utc(2024, 3, 10, 12, 0));
  EXPECT_EQ(rig.meter->clock.time.hour, 13);  // what the meter sent was local
  EXPECT_GE(reading.head_end_time, before);
  EXPECT_LE(reading.head_end_time, after);
  EXPECT_EQ(reading.offset_us(),
            to_unix_micros(reading.meter_time) - to_unix_micros(reading.head_end_time));
  EXPECT_LT(reading.offset_us(), 0);  // the meter's 2024 is behind the head-end
}

TEST(DlmsClockOps, ClockWithoutDeviationIsBadResponse) {
  SessionRig rig(ClientRole::reader);
  rig.meter->clock = axdr::from_utc(utc(2024, 3, 10, 12, 0), 0, axdr::ClockStatus{0});
  rig.meter->clock.deviation = axdr::kDeviationNotSpecified;
  EXPECT_THROW(run(rig.session->read_clock()), drivers::BadResponse);
}

TEST(DlmsClockOps, SetClockAsReaderIsRefusedBeforeAnythingIsSent) {
  for (const auto role : {ClientRole::reader, ClientRole::public_client}) {
    SessionRig rig(role);
    rig.meter->clock = axdr::from_utc(utc(2024, 3, 10, 12, 0), -60, axdr::ClockStatus{0});
    const auto requests_before = rig.meter->requests.size();
    try {
      run(rig.session->set_clock());
      FAIL() << "the " << session::to_text(role) << " client set the clock";
    } catch (const drivers::Refused& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(std::string(session::to_text(role))), std::string::npos) << message;
      EXPECT_NE(message.find("manager"), std::string::npos) << message;
      EXPECT_NE(message.find("read/write"), std::string::npos) << message;
    }
    EXPECT_EQ(rig.meter->requests.size(), requests_before);
    EXPECT_EQ(rig.meter->sets_received, 0);
    EXPECT_FALSE(any_set_sent(*rig.meter));
  }
}

TEST(DlmsClockOps, SetClockAsManagerWritesHeadEndTimeAndReturnsTheReadBack) {
  SessionRig rig(ClientRole::manager);
  rig.meter->clock = axdr::from_utc(utc(2020, 1, 1, 0, 0), -60,
                                    axdr::ClockStatus{axdr::ClockStatus::kDaylightSavingActive});
  const auto before = utc_now();
  const auto reading = run(rig.session->set_clock());
  const auto after = utc_now();
  EXPECT_EQ(rig.meter->sets_received, 1);
  EXPECT_EQ(rig.meter->sets_applied, 1);
  // The meter's deviation and DST bit are kept.
  EXPECT_EQ(rig.meter->clock.deviation, -60);
  EXPECT_TRUE(rig.meter->clock.status.daylight_saving_active());
  // Written with hundredths truncated: within a second of the head-end's time.
  EXPECT_GE(reading.meter_time, before - 1s);
  EXPECT_LE(reading.meter_time, after);
  EXPECT_LT(std::abs(reading.offset_us()), 1'000'000);
  // The read-back is the last request: SET, then GET of the clock.
  ASSERT_GE(rig.meter->requests.size(), 2u);
  EXPECT_EQ(rig.meter->requests[rig.meter->requests.size() - 2][0], kSetRequestTag);
  ASSERT_TRUE(rig.meter->last_get.has_value());
  EXPECT_EQ(rig.meter->last_get->attribute.class_id, 8);
}

TEST(DlmsClockOps, MeterRefusingTheSetIsAccessDenied) {
  SessionRig rig(ClientRole::manager);
  rig.meter->clock = axdr::from_utc(utc(2020, 1, 1, 0, 0), 0, axdr::ClockStatus{0});
  rig.meter->refuse_sets = true;
  try {
    run(rig.session->set_clock());
    FAIL() << "a refused SET succeeded";
  } catch (const session::AccessDenied& e) {
    EXPECT_EQ(e.kind(), "access_denied");
  }
  EXPECT_EQ(rig.meter->sets_received, 1);
  EXPECT_EQ(rig.meter->sets_applied, 0);
}

// --- instantaneous ---

TEST(DlmsInstantaneous, InstantaneousRegistersOnlyNamedLikeModbus) {
  SessionRig rig(ClientRole::reader);
  const auto scaler_unit = [](std::int8_t scaler, std::uint8_t unit) {
    return axdr::Data::make_structure(
        {axdr::Data::make_integer(scaler), axdr::Data::make_enum(unit)});
  };
  rig.meter->registers["1.0.32.7.0.255"_obis] = {axdr::Data::make_double_long_unsigned(1201),
                                                 scaler_unit(-1, 35)};
  rig.meter->registers["1.0.2.7.0.255"_obis] = {axdr::Data::make_double_long_unsigned(1500),
                                                scaler_unit(0, 27)};
  // An energy register: read_registers' business, not an instantaneous value.
  rig.meter->registers["1.0.1.8.0.255"_obis] = {axdr::Data::make_double_long_unsigned(5),
                                                scaler_unit(0, 30)};
  const auto values = run(rig.session->read_instantaneous());
  ASSERT_EQ(values.size(), 2u);
  // The object list's order: Watts Rec Poly before Volts A.
  EXPECT_EQ(values[0].quantity, "watts.received");
  EXPECT_EQ(values[0].phase, "total");
  EXPECT_DOUBLE_EQ(values[0].value, 1.5);
  EXPECT_EQ(values[0].unit, "kW");
  EXPECT_EQ(values[1].quantity, "volts");
  EXPECT_EQ(values[1].phase, "A");
  EXPECT_DOUBLE_EQ(values[1].value, 120.1);
  EXPECT_EQ(values[1].unit, "V");
  for (const auto& v : values) {
    EXPECT_EQ(v.meter_id, 7);
    EXPECT_EQ(v.source, "dlms");
    EXPECT_EQ(v.read_at, values[0].read_at);
  }
}

// --- identity ---

TEST(DlmsIdentity, IdentificationObjectsAsNamedFields) {
  SessionRig rig(ClientRole::public_client);
  auto& data = rig.meter->data_objects;
  data["0.0.0.2.1.255"_obis] = axdr::Data::make_visible_string("2.05.11");
  data["0.0.0.2.8.255"_obis] = axdr::Data::make_octet_string({0xDE, 0xAD, 0xBE, 0xEF});
  data["0.0.96.11.0.255"_obis] = axdr::Data::make_visible_string("JS2-0012345");
  data["0.0.96.11.3.255"_obis] = axdr::Data::make_visible_string("Substation 4");
  data["1.0.0.4.2.255"_obis] = axdr::Data::make_double_long_unsigned(400);
  data["1.0.0.4.5.255"_obis] = axdr::Data::make_double_long_unsigned(5);
  // Not an identity object: never asked for.
  data["1.0.0.8.4.255"_obis] = axdr::Data::make_double_long_unsigned(5);
  const auto identity = run(rig.session->read_identity());
  using Field = std::pair<std::string, std::string>;
  const std::vector<Field> expected{
      {"Register firmware version", "2.05.11"},
      {"Register firmware signature", "deadbeef"},
      {"AMETEK Meter Serial Number", "JS2-0012345"},
      {"Meter Location", "Substation 4"},
      {"Ch.0 Transformer ratio - Current Primary", "400"},
      {"Ch.0 Transformer ratio - Current Secondary", "5"},
  };
  EXPECT_EQ(identity.fields, expected);  // the manual's order, undefined ones skipped
}

// --- Ethernet log ---

void load_ethernet_log(FakeCosemServer& meter) {
  meter.clock = axdr::from_utc(utc(2020, 7, 8, 0, 0), 0, axdr::ClockStatus{0});
  // As the manual lists them (L16720-L16727): the status with class 8 and the serial
  // number's OBIS.
  meter.capture_objects[kEthernetLog] = axdr::Data::make_array(
      {capture_object(8, kClockObis), capture_object(8, "0.0.96.11.0.255"_obis)});
  const auto e = [](UtcTime at, std::uint32_t status) {
    return axdr::Data::make_structure(
        {stamp(at, 0), axdr::Data::make_double_long_unsigned(status)});
  };
  meter.profiles[kEthernetLog] = axdr::Data::make_array({
      e(utc(2020, 6, 26, 10, 33, 28), 0),
      e(utc(2020, 6, 26, 11, 48, 52), 0),
      e(utc(2020, 6, 26, 11, 50, 7), 1),
      e(utc(2020, 6, 26, 13, 41, 32), 0),
      e(utc(2020, 6, 26, 14, 16, 33), 0),
      e(utc(2020, 7, 7, 14, 9, 26), 0),
  });
}

TEST(DlmsEthernetLog, EntriesBecomeLogEvents) {
  SessionRig rig(ClientRole::reader);
  load_ethernet_log(*rig.meter);
  const auto events = run(rig.session->read_events(std::nullopt));
  ASSERT_EQ(events.size(), 6u);
  const auto& disconnect = events[2];
  EXPECT_EQ(disconnect.meter_id, 7);
  EXPECT_EQ(disconnect.log, "ethernet");
  EXPECT_EQ(disconnect.event_time, utc(2020, 6, 26, 11, 50, 7));
  EXPECT_EQ(disconnect.code, "1");
  EXPECT_EQ(disconnect.description, "Ethernet Disconnect");
  EXPECT_EQ(events[0].code, "0");
  EXPECT_EQ(events[0].description, "Ethernet Connect");
  // raw is the entry as received, in hex: structure(2), octet-string(12) ..., the status
  // as double-long-unsigned 1.
  const auto encoded = axdr::encode(rig.meter->profiles[kEthernetLog].as_array()[2]);
  EXPECT_EQ(disconnect.raw.size(), encoded.size() * 2);
  EXPECT_EQ(disconnect.raw.substr(0, 8), "0202090c");
  EXPECT_EQ(disconnect.raw.substr(disconnect.raw.size() - 10), "0600000001");
}

TEST(DlmsEthernetLog, OnlyEntriesAfterTheGivenTime) {
  SessionRig rig(ClientRole::reader);
  load_ethernet_log(*rig.meter);
  const auto events = run(rig.session->read_events(utc(2020, 6, 26, 13, 41, 32)));
  ASSERT_EQ(events.size(), 2u);  // the entry at exactly `after` is already stored
  EXPECT_EQ(events[0].event_time, utc(2020, 6, 26, 14, 16, 33));
  EXPECT_EQ(events[1].event_time, utc(2020, 7, 7, 14, 9, 26));
}

TEST(DlmsEthernetLog, MissingLogIsNotPresent) {
  SessionRig rig(ClientRole::reader);
  EXPECT_THROW(run(rig.session->read_events(std::nullopt)), drivers::NotPresent);
}

// --- capabilities ---

ConnectionProfile profile_with(std::string options) {
  ConnectionProfile p;
  p.name = "ethernet-dlms";
  p.protocol = Protocol::dlms;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.options_json = std::move(options);
  return p;
}

TEST(DlmsCapabilities, DriverDeclaresEveryImplementedOperation) {
  const auto caps = DlmsDriver{}.capabilities();
  for (const auto c : {Capability::read_registers, Capability::read_instantaneous,
                       Capability::read_clock, Capability::set_clock, Capability::read_identity,
                       Capability::read_load_profile, Capability::read_events})
    EXPECT_TRUE(caps.has(c)) << to_text(c);
  EXPECT_FALSE(caps.has(Capability::read_status));
  EXPECT_FALSE(caps.has(Capability::write_presets));
}

TEST(DlmsCapabilities, OnlyTheManagerProfileSetsTheClock) {
  const DlmsDriver driver;
  const auto manager =
      driver.capabilities_for(profile_with(R"({"client":"manager","password":"ClientId1"})"));
  EXPECT_TRUE(manager.has(Capability::set_clock));
  EXPECT_TRUE(manager.has(Capability::read_load_profile));

  const auto reader = driver.capabilities_for(profile_with(R"({"password":"ClientId2"})"));
  EXPECT_FALSE(reader.has(Capability::set_clock));
  EXPECT_TRUE(reader.has(Capability::read_clock));
  EXPECT_TRUE(reader.has(Capability::read_load_profile));
  EXPECT_TRUE(reader.has(Capability::read_events));

  const auto public_client = driver.capabilities_for(profile_with(R"({"client":"public"})"));
  EXPECT_EQ(public_client.list(),
            (std::vector<Capability>{Capability::read_clock, Capability::read_identity}));

  // An unusable profile (manager without password) claims no more than the public client.
  const auto broken = driver.capabilities_for(profile_with(R"({"client":"manager"})"));
  EXPECT_FALSE(broken.has(Capability::set_clock));
  EXPECT_FALSE(broken.has(Capability::read_load_profile));
}

}  // namespace
}  // namespace jemhead::dlms
