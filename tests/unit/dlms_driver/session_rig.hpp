#pragma once
// A DlmsSession on the in-memory COSEM server, associated as the given client, plus the
// builders the session tests share: the manual's load profile example (part7 §6.5) and
// its Ethernet log (§6.6) as the meter would hold them.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/driver/driver_session.hpp"
#include "drivers/protocol/dlms/driver/event_log_reader.hpp"
#include "drivers/protocol/dlms/driver/load_profile_reader.hpp"
#include "tests/unit/dlms_session/fake_cosem_server.hpp"
#include "tests/unit/dlms_session/run_on_io_context.hpp"

namespace jemhead::dlms::testing {

using session::testing::FakeCosemServer;
using session::testing::run;

struct SessionRig {
  explicit SessionRig(session::ClientRole role, session::CosemClientOptions options = {}) {
    auto server = std::make_unique<FakeCosemServer>(session::client_sap(role));
    meter = server.get();
    auto client = std::make_unique<session::CosemClient>(*server, std::move(options));
    const std::string password = role == session::ClientRole::reader    ? "ClientId2"
                                 : role == session::ClientRole::manager ? "ClientId1"
                                                                        : "";
    run(client->associate(role, password));
    session = std::make_unique<DlmsSession>(7, std::move(server), std::move(client));
  }
  FakeCosemServer* meter = nullptr;
  std::unique_ptr<DlmsSession> session;
};

inline UtcTime utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  using namespace std::chrono;
  const sys_days date{year{y} / month{mo} / day{d}};
  return time_point_cast<Micros>(date + hours{h} + minutes{mi} + seconds{s});
}

// A buffer timestamp for `instant` in local time at `deviation`; with `state_deviation`
// false the deviation field says "not specified", as meters that keep local time send it.
inline axdr::Data stamp(UtcTime instant, std::int16_t deviation, bool state_deviation = true) {
  auto value = axdr::from_utc(instant, deviation, axdr::ClockStatus{0});
  if (!state_deviation) value.deviation = axdr::kDeviationNotSpecified;
  return axdr::to_octet_string_data(value);
}

inline axdr::Data capture_object(std::uint16_t cls, cosem::Obis obis, std::int8_t attribute = 2) {
  const auto& b = obis.bytes();
  return axdr::Data::make_structure({axdr::Data::make_long_unsigned(cls),
                                     axdr::Data::make_octet_string(axdr::Bytes(b.begin(), b.end())),
                                     axdr::Data::make_integer(attribute),
                                     axdr::Data::make_long_unsigned(0)});
}

inline constexpr cosem::Obis kClockObis{0, 0, 1, 0, 0, 255};
// The "Operating Status" capture object: the manual prints no OBIS (L15159); any IC1
// object in that column is the status.
inline constexpr cosem::Obis kOperatingStatus{0, 0, 96, 10, 1, 255};

}  // namespace jemhead::dlms::testing
