// CosemClient GET/SET against the fake COSEM server: registers with scaler_unit, the clock
// both ways, datablock reassembly of a load profile, the range request's bytes, and the
// meter's refusals.
#include <gtest/gtest.h>

#include <chrono>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/session/cosem_client.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"
#include "tests/support/hex.hpp"
#include "tests/unit/dlms_session/fake_cosem_server.hpp"
#include "tests/unit/dlms_session/run_on_io_context.hpp"

namespace jemhead::dlms::session {
namespace {

using namespace std::chrono_literals;
using cosem::operator""_obis;
using jemhead::testing::hex;
using jemhead::testing::to_hex;
using testing::FakeCosemServer;
using testing::run;

constexpr cosem::Obis kLoadProfile1 = "1.0.99.1.0.255"_obis;
constexpr cosem::Obis kWhDelivered = "1.0.1.8.0.255"_obis;

UtcTime at(int year, unsigned month, unsigned day, std::chrono::seconds time_of_day = 0s) {
  return UtcTime{std::chrono::sys_days{std::chrono::year{year} / month / day}} + time_of_day;
}

// One day of 15-minute intervals ending 00:15 ... 24:00 UTC: timestamp (octet-string(12),
// deviation 0), status, four Float32 channels with distinct values.
axdr::Data one_day_of_load_profile() {
  std::vector<axdr::Data> entries;
  for (int i = 0; i < 96; ++i) {
    const auto end = at(2024, 1, 2) + (i + 1) * 15min;
    const auto stamp = axdr::from_utc(std::chrono::time_point_cast<Micros>(end), 0);
    std::vector<axdr::Data> row{axdr::to_octet_string_data(stamp),
                                axdr::Data::make_long_unsigned(i == 40 ? 0x0004 : 0x0001)};
    for (int channel = 0; channel < 4; ++channel)
      row.push_back(axdr::Data::make_float32(static_cast<float>(i * 10 + channel) + 0.25f));
    entries.push_back(axdr::Data::make_structure(std::move(row)));
  }
  return axdr::Data::make_array(std::move(entries));
}

struct Associated {
  explicit Associated(ClientRole role, CosemClientOptions options = {})
      : meter(client_sap(role)), client(meter, std::move(options)) {
    meter.clock = axdr::from_utc(at(2024, 3, 10, 12h), -60);  // 13:00 local, UTC+1
    meter.registers[kWhDelivered] = {
        axdr::Data::make_double_long_unsigned(123456),
        axdr::Data::make_structure({axdr::Data::make_integer(-3), axdr::Data::make_enum(30)})};
    meter.profiles[kLoadProfile1] = one_day_of_load_profile();
    const std::string password = role == ClientRole::manager  ? "ClientId1"
                                 : role == ClientRole::reader ? "ClientId2"
                                                              : "";
    run(client.associate(role, password));
  }
  FakeCosemServer meter;
  CosemClient client;
};

TEST(DlmsSessionGet, RegisterReadAppliesTheReportedScalerAndUnit) {
  Associated s(ClientRole::reader);
  const RegisterReading r = run(s.client.read_register(kWhDelivered));
  EXPECT_EQ(r.value, axdr::Data::make_double_long_unsigned(123456));
  EXPECT_EQ(r.scaler_unit, (cosem::ScalerUnit{-3, 30}));
  EXPECT_DOUBLE_EQ(r.scaled.value, 0.123456);  // 123.456 Wh in kWh
  EXPECT_EQ(r.scaled.unit, "kWh");
  EXPECT_FALSE(r.scaled.overridden);
  ASSERT_TRUE(s.meter.last_get.has_value());
  EXPECT_EQ(s.meter.last_get->attribute.attribute_id, 3);
  EXPECT_EQ(s.meter.last_get->attribute.class_id, 3);
}

TEST(DlmsSessionGet, RegisterReadFollowsTheMetersScalingOverride) {
  CosemClientOptions options;
  options.scaling.set(kWhDelivered, {std::int8_t{0}, std::nullopt});
  Associated s(ClientRole::reader, options);
  const RegisterReading r = run(s.client.read_register(kWhDelivered));
  EXPECT_DOUBLE_EQ(r.scaled.value, 123.456);
  EXPECT_TRUE(r.scaled.overridden);
}

TEST(DlmsSessionGet, DataAccessResultsBecomeTypedErrors) {
  Associated s(ClientRole::reader);
  try {
    run(s.client.get(3, "1.0.2.8.0.255"_obis, 2));
    FAIL() << "GET of an undefined object succeeded";
  } catch (const AccessDenied&) {
    FAIL() << "object-undefined is not access denied";
  } catch (const DataAccessFailed& e) {
    EXPECT_EQ(e.kind(), "data_access");
    EXPECT_EQ(e.result(), apdu::DataAccessResult::object_undefined);
    EXPECT_NE(std::string(e.what()).find("object-undefined"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("1.0.2.8.0.255"), std::string::npos) << e.what();
  }

  Associated open(ClientRole::public_client);
  try {
    run(open.client.read_register(kWhDelivered));
    FAIL() << "the public client read a register";
  } catch (const AccessDenied& e) {
    EXPECT_EQ(e.kind(), "access_denied");
    EXPECT_EQ(e.code, 3);
  }
}

TEST(DlmsSessionGet, FiveBlockLoadProfileIsReassembledExactly) {
  const axdr::Data buffer = one_day_of_load_profile();
  const std::size_t size = axdr::encode(buffer).size();
  // The fake cuts blocks to what fits the PDU size we propose: size it for five blocks.
  CosemClientOptions options;
  options.max_receive_pdu_size = static_cast<std::uint16_t>((size + 4) / 5 + 16);
  Associated s(ClientRole::reader, options);
  const axdr::Data received = run(s.client.get(7, kLoadProfile1, 2));
  EXPECT_EQ(s.meter.blocks_sent, 5);
  EXPECT_EQ(s.meter.get_next_received, 4);
  EXPECT_EQ(received, buffer);
  EXPECT_EQ(received.as_array().size(), 96u);
}

TEST(DlmsSessionGet, RangeRequestCarriesFromAndToAsClockDateTimes) {
  Associated s(ClientRole::reader);
  const axdr::Data got =
      run(s.client.get_range(kLoadProfile1, at(2024, 1, 2, 15min), at(2024, 1, 2, 1h)));
  ASSERT_TRUE(s.meter.last_get.has_value());
  const auto& request = *s.meter.last_get;
  EXPECT_EQ(request.attribute.class_id, 7);
  EXPECT_EQ(cosem::Obis(request.attribute.instance_id), kLoadProfile1);
  EXPECT_EQ(request.attribute.attribute_id, 2);
  ASSERT_TRUE(request.access.has_value());
  EXPECT_EQ(request.access->selector, 1);
  // range_descriptor {restricting object {8, 0.0.1.0.0.255, 2, 0}, from, to, all columns};
  // 2024-01-02 is a Tuesday (2), deviation 0, clock status not specified.
  EXPECT_EQ(to_hex(request.access->parameters),
            to_hex(hex("02 04"
                       " 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00"
                       " 09 0C 07 E8 01 02 02 00 0F 00 00 00 00 FF"
                       " 09 0C 07 E8 01 02 02 01 00 00 00 00 00 FF"
                       " 01 00")));
  // 00:15, 00:30, 00:45, 01:00: both bounds included by the meter.
  ASSERT_EQ(got.as_array().size(), 4u);
  EXPECT_EQ(got.as_array()[0], one_day_of_load_profile().as_array()[0]);
  EXPECT_EQ(got.as_array()[3], one_day_of_load_profile().as_array()[3]);
}

TEST(DlmsSessionGet, RangeBoundsAreWrittenInTheMetersLocalTime) {
  Associated s(ClientRole::reader);
  // Deviation -60 (Blue Book: UTC = local + deviation): 00:15 UTC is 01:15 local.
  const axdr::Data got =
      run(s.client.get_range(kLoadProfile1, at(2024, 1, 2, 15min), at(2024, 1, 2, 30min), -60));
  const auto range = std::get<apdu::RangeDescriptor>(
      apdu::decode_range_descriptor(s.meter.last_get->access->parameters));
  EXPECT_EQ(to_hex(range.from_value), "09 0C 07 E8 01 02 02 01 0F 00 00 FF C4 FF");
  EXPECT_EQ(to_hex(range.to_value), "09 0C 07 E8 01 02 02 01 1E 00 00 FF C4 FF");
  EXPECT_EQ(got.as_array().size(), 2u);  // the same instants, so the same two entries
}

TEST(DlmsSessionGet, InvokeIdMismatchIsBadResponse) {
  Associated s(ClientRole::reader);
  s.meter.wrong_invoke_id = true;
  EXPECT_THROW(run(s.client.read_clock()), drivers::BadResponse);
  EXPECT_THROW(run(s.client.get(7, kLoadProfile1, 2)), drivers::BadResponse);
}

TEST(DlmsSessionClock, ReadAndSetRoundTripKeepsTheMetersDeviation) {
  Associated s(ClientRole::manager);
  const ClockReading before = run(s.client.read_clock());
  EXPECT_EQ(before.local.time.hour, 13);
  EXPECT_EQ(before.local.deviation, -60);
  EXPECT_EQ(before.utc, std::optional<UtcTime>(at(2024, 3, 10, 12h)));

  const UtcTime target = at(2024, 3, 10, 12h + 5min + 30s);
  const axdr::CosemDateTime written = run(s.client.set_clock(target));
  EXPECT_EQ(s.meter.sets_applied, 1);
  EXPECT_EQ(s.meter.clock, written);
  EXPECT_EQ(s.meter.clock.deviation, -60);
  EXPECT_EQ(s.meter.clock.time.hour, 13);
  EXPECT_EQ(s.meter.clock.time.minute, 5);
  EXPECT_EQ(s.meter.clock.time.second, 30);

  const ClockReading after = run(s.client.read_clock());
  EXPECT_EQ(after.utc, std::optional<UtcTime>(target));
}

TEST(DlmsSessionClock, FixedDeviationIsWrittenAsGiven) {
  Associated s(ClientRole::manager);
  run(s.client.set_clock(at(2024, 7, 1, 8h), ClockDeviationPolicy::fixed(0)));
  EXPECT_EQ(s.meter.clock.deviation, 0);
  EXPECT_EQ(s.meter.clock.time.hour, 8);
  EXPECT_EQ(s.meter.clock.date.month, 7);
}

TEST(DlmsSessionClock, ReadOnlyClientSetIsAccessDeniedAndWritesNothing) {
  Associated s(ClientRole::reader);
  const axdr::CosemDateTime before = s.meter.clock;
  try {
    run(s.client.set_clock(at(2024, 3, 10, 13h), ClockDeviationPolicy::fixed(-60)));
    FAIL() << "the read-only client set the clock";
  } catch (const AccessDenied& e) {
    EXPECT_EQ(e.kind(), "access_denied");
    EXPECT_EQ(e.result(), apdu::DataAccessResult::read_write_denied);
  }
  EXPECT_EQ(s.meter.requests.back().at(0), apdu::kSetRequestTag);  // the meter refused it
  EXPECT_EQ(s.meter.sets_applied, 0);
  EXPECT_EQ(s.meter.clock, before);
}

TEST(DlmsSessionSet, RequestBeyondTheMetersPduSizeIsNotSent) {
  Associated s(ClientRole::manager);
  const auto sent = s.meter.requests.size();
  EXPECT_THROW(run(s.client.set(1, "0.0.96.1.0.255"_obis, 2,
                                axdr::Data::make_octet_string(axdr::Bytes(300, 0x41)))),
               drivers::Unsupported);
  EXPECT_EQ(s.meter.requests.size(), sent);
}

}  // namespace
}  // namespace jemhead::dlms::session
