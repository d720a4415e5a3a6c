// Interop: OUR Modbus master (the driver's session and ModbusMaster) against pymodbus's
// slave, an independent implementation, over Modbus TCP, RTU over TCP and RTU on a pty.
// The pymodbus datastore is seeded with known words; every decoded value must equal the
// value worked out by hand from the manual's formulas, and every write (FC05, FC15, FC16)
// must land in pymodbus's datastore (which the server dumps to a file after each write, so
// writes are checked without our master reading its own work back).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "core/connection_profile.hpp"
#include "core/meter.hpp"
#include "drivers/driver_errors.hpp"
#include "drivers/protocol/modbus/driver.hpp"
#include "drivers/protocol/modbus/mbap_channel.hpp"
#include "drivers/protocol/modbus/session.hpp"
#include "drivers/transport/tcp_link.hpp"
#include "tests/integration/support/process.hpp"
#include "tests/unit/modbus_driver/io_thread.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using modbus::testing::IoThread;

// Counters at 40011 (protocol address 10) and analogs at 30006 (address 5), so a wrong
// reference-to-address rule reads the wrong words rather than passing by luck.
constexpr const char* kMap = R"({
  "format": "jemhead.modbus.point_map/1", "name": "interop",
  "pt_ratio": 1, "ct_ratio": 1,
  "allow_register_presets": true, "allow_output_control": true,
  "counters": {"start_address": 40011, "points": [
    {"point": 1, "name": "Wh del", "unit": "Wh", "scale_factor": 0.001},
    {"point": 2, "name": "varh net", "unit": "varh", "scale_factor": 1, "signed": true},
    {"point": 3, "name": "Wh rec", "unit": "Wh", "scale_factor": 10},
    {"point": 4, "name": "Ah", "unit": "Ah", "scale_factor": 1}]},
  "analogs": {"start_address": 30006, "points": [
    {"point": 1, "quantity": "volts", "phase": "a", "scale_factor": 1,
     "full_scale": 150, "unit": "V"},
    {"point": 2, "quantity": "watts", "phase": "polyphase", "direction": "received",
     "scale_factor": 10, "full_scale": 31800, "unit": "W"},
    {"point": 3, "quantity": "watts", "phase": "b", "direction": "bidirectional",
     "scale_factor": 1, "full_scale": 10600, "unit": "W"}]},
  "coils": {"start_address": 1, "points": [
    {"point": 1, "name": "relay", "channel": 3}, {"point": 2, "channel": 4}]},
  "discrete_inputs": {"start_address": 10001, "points": [
    {"point": 1, "source": "meter_status", "status": "battery", "polarity": "active_low"},
    {"point": 2, "name": "door", "source": "digital_input", "channel": 1},
    {"point": 3, "source": "digital_input", "channel": 2}]}
})";

// The words pymodbus serves: protocol address = index.
constexpr const char* kSpec = R"({
  "holding": [0,0,0,0,0,0,0,0,0,0,
              1, 57920,  65535, 65336,  16, 0,  4660, 22136],
  "input": [0,0,0,0,0,  16384, 3000, 53536],
  "discrete": [0, 1, 0],
  "coils": [1, 0]
})";

bool pymodbus_available() {
  return std::system("/usr/bin/python3 -c 'import pymodbus, serial_asyncio' >/dev/null 2>&1") == 0;
}

json::object read_json(const std::string& path) {
  return json::parse(read_file(path)).as_object();
}

std::vector<std::int64_t> words(const json::object& state, const char* table) {
  std::vector<std::int64_t> out;
  for (const auto& v : state.at(table).as_array()) out.push_back(v.as_int64());
  return out;
}

// One pymodbus slave in a child process, ready when its ready file appears.
struct PymodbusSlave {
  TempDir dir;
  std::unique_ptr<Process> process;
  json::object ready;

  explicit PymodbusSlave(const std::string& framing) {
    write_file(dir.file("spec.json"), kSpec);
    process = std::make_unique<Process>(
        std::vector<std::string>{"/usr/bin/python3",
                                 std::string(JEMHEAD_SOURCE_DIR) +
                                     "/tests/integration/modbus_interop/pymodbus_server.py",
                                 dir.file("spec.json"), dir.file("ready.json"),
                                 dir.file("state.json"), framing},
        dir.file("pymodbus.log"));
    ready = json::parse(wait_for_file(dir.file("ready.json"), *process)).as_object();
  }
  ~PymodbusSlave() {
    process->signal(SIGTERM);
    process->wait(5s);
  }
  json::object state() const { return read_json(dir.file("state.json")); }
  std::uint16_t port() const { return static_cast<std::uint16_t>(ready.at("port").as_int64()); }
};

ConnectionProfile profile_for(const PymodbusSlave& slave, const std::string& framing) {
  ConnectionProfile p;
  p.name = "interop";
  p.protocol = Protocol::modbus;
  p.address = 1;
  p.retries = 0;
  p.retry_delay_s = 0;
  p.timeout_ms = 2000;
  json::object options{{"map", json::parse(kMap)}};
  if (framing == "rtu_pty") {
    p.transport = Transport::serial;
    p.device = std::string(slave.ready.at("device").as_string());
    p.baud = 19200;
  } else {
    p.transport = Transport::tcp;
    p.host = "127.0.0.1";
    p.port = slave.port();
    if (framing == "rtu_tcp") options["framing"] = "rtu";
  }
  p.options_json = json::serialize(options);
  return p;
}

class PymodbusInterop : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!pymodbus_available()) GTEST_SKIP() << "python3-pymodbus is not importable";
    slave = std::make_unique<PymodbusSlave>(GetParam());
    Meter meter;
    meter.id = 1;
    meter.serial = "interop";
    session = io.run(driver.open(meter, profile_for(*slave, GetParam()), io.io().get_executor()));
  }
  void TearDown() override {
    if (session) io.run(session->close());
  }

  IoThread io;
  modbus::ModbusDriver driver;
  std::unique_ptr<PymodbusSlave> slave;
  std::unique_ptr<drivers::Session> session;
};

TEST_P(PymodbusInterop, CountersDecodeToTheSeededValues) {
  const auto registers = io.run(session->read_registers());
  ASSERT_EQ(registers.size(), 4u);
  // 0x0001E240 = 123456 kWh-scaled (scale 0.001) -> Wh.
  EXPECT_EQ(registers[0].register_id, "counter.1");
  EXPECT_DOUBLE_EQ(registers[0].value, 123456000.0);
  EXPECT_EQ(registers[0].unit, "Wh");
  // 0xFFFFFF38 signed = -200.
  EXPECT_DOUBLE_EQ(registers[1].value, -200.0);
  // 0x00100000 = 1048576, scale 10.
  EXPECT_DOUBLE_EQ(registers[2].value, 104857.6);
  // 0x12345678: high word first.
  EXPECT_DOUBLE_EQ(registers[3].value, 305419896.0);
  EXPECT_EQ(registers[3].register_id, "counter.4");
}

TEST_P(PymodbusInterop, AnalogsDecodeWithTheManualsFormula) {
  const auto values = io.run(session->read_instantaneous());
  ASSERT_EQ(values.size(), 3u);
  // raw x full_scale / (32767 x scale_factor)
  EXPECT_DOUBLE_EQ(values[0].value, 16384.0 * 150 / 32767);
  EXPECT_EQ(values[0].unit, "V");
  EXPECT_EQ(values[0].phase, "A");
  EXPECT_DOUBLE_EQ(values[1].value, 3000.0 * 31800 / (32767 * 10.0));
  EXPECT_EQ(values[1].phase, "total");
  // 53536 = 0xD120 = -12000 as int16.
  EXPECT_DOUBLE_EQ(values[2].value, -12000.0 * 10600 / 32767);
  EXPECT_EQ(values[2].phase, "B");
}

TEST_P(PymodbusInterop, DiscreteInputsApplyPolarity) {
  const auto status = io.run(session->read_status());
  ASSERT_EQ(status.points.size(), 3u);
  EXPECT_EQ(status.points[0].name, "status.battery");
  EXPECT_TRUE(status.points[0].active);  // bit 0, active low
  EXPECT_EQ(status.points[1].name, "door");
  EXPECT_TRUE(status.points[1].active);  // bit 1, active high
  EXPECT_EQ(status.points[2].name, "input.2");
  EXPECT_FALSE(status.points[2].active);
}

TEST_P(PymodbusInterop, PresetsLandInThePymodbusDatastore) {  // FC16
  const auto back = io.run(session->write_presets({{"1", 5000000.0}, {"counter.4", 70000.0}}));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_DOUBLE_EQ(back[0].value, 5000000.0);
  EXPECT_DOUBLE_EQ(back[1].value, 70000.0);
  const auto holding = words(slave->state(), "holding");
  ASSERT_EQ(holding.size(), 18u);
  EXPECT_EQ(holding[10], 0);  // 5000000 Wh x 0.001 = 5000
  EXPECT_EQ(holding[11], 5000);
  EXPECT_EQ(holding[12], 65535);  // counters 2 and 3 untouched
  EXPECT_EQ(holding[13], 65336);
  EXPECT_EQ(holding[14], 16);
  EXPECT_EQ(holding[15], 0);
  EXPECT_EQ(holding[16], 1);  // 70000 = 0x00011170, high word first
  EXPECT_EQ(holding[17], 0x1170);
}

TEST_P(PymodbusInterop, OutputCommandsLandInThePymodbusDatastore) {  // FC05
  const auto states = io.run(session->control_outputs({{"relay", false}, {"2", true}}));
  ASSERT_EQ(states.size(), 2u);
  EXPECT_FALSE(states[0].on);
  EXPECT_TRUE(states[1].on);
  EXPECT_EQ(states[1].channel, 4);
  EXPECT_EQ(words(slave->state(), "coils"), (std::vector<std::int64_t>{0, 1}));
}

// FC15 and a raw FC16 through the master itself (the driver's session has no use for FC15),
// and pymodbus's exception 02 surfacing as a ProtocolException. Modbus TCP only: the
// framing underneath is covered by the parameterised tests.
TEST(PymodbusInteropMaster, MultipleCoilsRegistersAndExceptions) {
  if (!pymodbus_available()) GTEST_SKIP() << "python3-pymodbus is not importable";
  PymodbusSlave slave("mbap");
  IoThread io;
  transport::TcpLinkOptions link;
  link.host = "127.0.0.1";
  link.port = slave.port();
  link.connect_timeout = 2000ms;
  modbus::ModbusMaster master(
      io.io().get_executor(),
      std::make_unique<modbus::MbapChannel>(
          std::make_unique<transport::TcpLink>(io.io().get_executor(), link), 1),
      modbus::MasterOptions{2000ms, 0, 0ms});

  io.run(master.write(modbus::WriteMultipleCoilsRequest{0, {false, true}}));
  EXPECT_EQ(words(slave.state(), "coils"), (std::vector<std::int64_t>{0, 1}));
  io.run(master.write(modbus::WriteMultipleRegistersRequest{0, {0xABCD, 0x0102, 7}}));
  const auto holding = words(slave.state(), "holding");
  EXPECT_EQ(holding[0], 0xABCD);
  EXPECT_EQ(holding[1], 0x0102);
  EXPECT_EQ(holding[2], 7);

  // Read back through pymodbus's FC01/FC03 answers: what was written, bit for bit.
  const auto bits = io.run(master.read_bits({modbus::FunctionCode::read_coils, 0, 2}));
  EXPECT_EQ(bits, (std::vector<bool>{false, true}));

  // An address beyond the datastore: pymodbus answers exception 02 (illegal data address).
  bool threw = false;
  try {
    io.run(master.read_registers({modbus::FunctionCode::read_holding_registers, 100, 2}));
  } catch (const drivers::ProtocolException& e) {
    threw = true;
    EXPECT_EQ(e.code, 2);
    EXPECT_EQ(e.function, 3);
  }
  EXPECT_TRUE(threw);
  master.close();  // the io thread is idle: no operation is in flight
}

INSTANTIATE_TEST_SUITE_P(Framings, PymodbusInterop, ::testing::Values("mbap", "rtu_tcp", "rtu_pty"),
                         [](const ::testing::TestParamInfo<std::string>& framing) {
                           return framing.param;
                         });

}  // namespace
}  // namespace jemhead::testing
