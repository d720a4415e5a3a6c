// The Modbus driver as the head-end sees it: registered among the built-in drivers with
// exactly its five capabilities, validating profiles (options and point map), and opening
// sessions from a connection profile against a slave on loopback TCP.
#include "drivers/protocol/modbus/driver.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "drivers/builtin_drivers.hpp"
#include "drivers/protocol/modbus/factory_map.hpp"
#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/point_map_json.hpp"
#include "drivers/protocol/modbus/profile_config.hpp"
#include "fake_slave.hpp"
#include "io_thread.hpp"

namespace jemhead::modbus {
namespace {

using testing::FakeSlave;
using testing::IoThread;

ConnectionProfile tcp_profile(std::uint16_t port, std::string options = "{}") {
  ConnectionProfile p;
  p.name = "modbus-tcp";
  p.protocol = Protocol::modbus;
  p.transport = Transport::tcp;
  p.host = "127.0.0.1";
  p.port = port;
  p.retries = 0;
  p.retry_delay_s = 0;
  p.timeout_ms = 500;
  p.options_json = std::move(options);
  return p;
}

TEST(ModbusDriver, DeclaresExactlyTheFiveModbusCapabilities) {
  drivers::DriverRegistry registry;
  drivers::register_builtin_drivers(registry);
  const auto* driver = registry.find(Protocol::modbus);
  ASSERT_NE(driver, nullptr);
  EXPECT_EQ(driver->capabilities().list(),
            (std::vector<Capability>{Capability::read_registers, Capability::read_instantaneous,
                                     Capability::read_status, Capability::write_presets,
                                     Capability::control_outputs}));
  std::string why;
  auto profile = tcp_profile(502);
  profile.is_default = true;
  EXPECT_TRUE(registry.route({profile}, Capability::read_registers, why));
  EXPECT_FALSE(registry.route({profile}, Capability::read_load_profile, why));
  EXPECT_NE(why.find("cannot read_load_profile"), std::string::npos) << why;
}

TEST(ModbusDriver, FactoryDefaultMapIsEmbeddedAndValid) {
  auto load = load_modbus_profile(tcp_profile(502));
  ASSERT_TRUE(load.ok()) << load.problems.summary();
  EXPECT_EQ(load.config.map_source, "factory default");
  EXPECT_EQ(load.config.map.counters.points.size(), 4u);
  EXPECT_EQ(load.config.map.analogs.points.size(), 18u);
  EXPECT_EQ(load.config.framing, TcpFraming::mbap);
  EXPECT_EQ(load.config.unit_id, 1);
}

TEST(ModbusDriver, ValidationNamesEveryBadField) {
  ModbusDriver driver;
  auto v = driver.validate_options(tcp_profile(
      502, R"({"framing":"udp","crc_order":"sideways","map":{"format":"x"},"bogus":1})"));
  std::set<std::string> fields;
  for (const auto& e : v.errors()) fields.insert(e.field);
  EXPECT_TRUE(fields.count("options/framing")) << v.summary();
  EXPECT_TRUE(fields.count("options/crc_order")) << v.summary();
  EXPECT_TRUE(fields.count("options/bogus")) << v.summary();
  bool map_error = false;
  for (const auto& f : fields) map_error = map_error || f.rfind("options/map/", 0) == 0;
  EXPECT_TRUE(map_error) << v.summary();
}

TEST(ModbusDriver, SerialProfilesCannotUseMbap) {
  auto p = tcp_profile(0, R"({"framing":"mbap"})");
  p.transport = Transport::serial;
  p.device = "/dev/null";
  auto load = load_modbus_profile(p);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.problems.errors()[0].field, "options/framing");
}

TEST(ModbusDriver, MissingMapFileIsNamed) {
  auto load = load_modbus_profile(tcp_profile(502, R"({"map_file":"/nonexistent/map.json"})"));
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.problems.errors()[0].field.rfind("options/map_file", 0), 0u)
      << load.problems.summary();
}

TEST(ModbusDriver, OpensASessionFromAProfileWithAnInlineMapAndUnitId) {
  IoThread io;
  FakeSlave slave(io.io(), {false, 9, CrcOrder::low_byte_first});
  auto map = parse_point_map(factory_default_map_json()).map;
  map.counters.points.resize(2);
  map.analogs.points.clear();
  const auto first = encode_counter(map.counters.points[0], 5'000'000);
  const auto second = encode_counter(map.counters.points[1], 12'000);
  slave.holding = {{0, first[0]}, {1, first[1]}, {2, second[0]}, {3, second[1]}};
  const auto options = boost::json::serialize(
      boost::json::object{{"unit_id", 9}, {"map", boost::json::parse(point_map_to_json(map))}});

  ModbusDriver driver;
  Meter meter;
  meter.id = 42;
  auto readings = io.run([&]() -> drivers::Task<std::vector<RegisterReading>> {
    auto session =
        co_await driver.open(meter, tcp_profile(slave.port(), options), io.io().get_executor());
    auto out = co_await session->read_registers();
    co_await session->close();
    co_return out;
  }());
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(readings[0].meter_id, 42);
  EXPECT_EQ(readings[0].description, "Watthour Delivered");
  EXPECT_DOUBLE_EQ(readings[0].value, 5'000'000);
  EXPECT_DOUBLE_EQ(readings[1].value, 12'000);
}

TEST(ModbusDriver, OpenRefusesAnInvalidProfile) {
  IoThread io;
  ModbusDriver driver;
  const auto profile = tcp_profile(502, R"({"max_read_registers": 1000})");
  auto open = [&]() -> drivers::Task<bool> {
    Meter meter;
    auto session = co_await driver.open(meter, profile, io.io().get_executor());
    co_return session != nullptr;
  };
  EXPECT_THROW(io.run(open()), drivers::ConfigurationError);
}

// The base Session says "unsupported" for what a driver does not implement.
class BareSession final : public drivers::Session {
 public:
  drivers::Task<void> close() override { co_return; }
};

TEST(DriverSession, DefaultOperationsAreUnsupported) {
  IoThread io;
  BareSession session;
  try {
    io.run(session.read_status());
    FAIL() << "no exception";
  } catch (const drivers::Unsupported& e) {
    EXPECT_EQ(e.kind(), "unsupported");
    EXPECT_NE(std::string(e.what()).find("read status"), std::string::npos);
  }
  EXPECT_THROW(io.run(session.read_registers()), drivers::Unsupported);
  EXPECT_THROW(io.run(session.control_outputs({})), drivers::Unsupported);
}

}  // namespace
}  // namespace jemhead::modbus
