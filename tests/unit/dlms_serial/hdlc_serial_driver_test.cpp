// The DLMS driver over HDLC on serial and modem lines, end to end against jemsim's HDLC
// server on a real pseudo-terminal: registers read through a serial profile equal the
// simulator's truth, long answers come segmented, a wrong physical address times out,
// the meter's one association is shared with its TCP port, and a modem line dials,
// carries the session and hangs up.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "core/meter.hpp"
#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/driver/driver.hpp"
#include "sim/dlms/cosem_objects.hpp"
#include "sim/dlms/dlms_service.hpp"
#include "sim/fleet.hpp"
#include "tests/unit/dlms_serial/fake_modem.hpp"
#include "tests/unit/transport/pty_pair.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::sim {
namespace {

using namespace std::chrono_literals;
using transport::testing::Runner;

// Each test case runs as its own process under ctest: the symlink names carry the pid.
std::string link_pattern() {
  return "/tmp/jemsim-hdlcserial-" + std::to_string(::getpid()) + "-{serial}.tty";
}

std::string fleet_text() {
  std::string text = R"(
seed: 5
time_factor: 3600
start_time: "2026-03-01T00:00:00Z"
meters:
  list:
    - serial: "50000001"
      dlms:
        tcp: { listen: "127.0.0.1:0" }
        physical_address: 321
        hdlc: { link: ")";
  text += link_pattern();
  text += R"(" }
    - serial: "50000002"
      dlms:
        hdlc: { max_info: 32 }
)";
  return text;
}

// Fleet + DLMS service in-process; 2 simulated hours, then time stands still.
class LiveHdlc {
 public:
  LiveHdlc()
      : spec_(parse_fleet(fleet_text(), "hdlc.yaml")),
        fleet_(spec_, utc_now(), RealClock::now() - std::chrono::seconds(2)),
        service_(fleet_) {
    const auto now = RealClock::now();
    for (const auto& m : fleet_.meters()) m->set_time_factor(0, now);
    service_.start();
  }
  std::string device(const char* serial) { return service_.endpoint(serial)->hdlc->device; }
  std::string link(const char* serial) { return service_.endpoint(serial)->hdlc->link; }
  dlms_server::DlmsMeterServer& server(const char* serial) { return *service_.server(serial); }
  DlmsService& service() { return service_; }

 private:
  FleetSpec spec_;
  Fleet fleet_;
  DlmsService service_;
};

ConnectionProfile serial_profile(const std::string& device, const std::string& options) {
  ConnectionProfile p;
  p.name = "serial-dlms";
  p.protocol = Protocol::dlms;
  p.transport = Transport::serial;
  p.device = device;
  p.baud = 38400;  // the pty ignores it, but the link waits each frame's wire time
  p.timeout_ms = 2000;
  p.options_json = options;
  return p;
}

std::unique_ptr<drivers::Session> open(Runner& runner, const ConnectionProfile& profile) {
  static const dlms::DlmsDriver driver;
  Meter meter;
  meter.id = 7;
  return runner.run(driver.open(meter, profile, runner.executor()));
}

// Every reading equals the served value in kWh (scaler 0, Wh), exactly: time is frozen.
void expect_truth(const std::vector<RegisterReading>& readings,
                  dlms_server::DlmsMeterServer& server) {
  const auto truth = dlms_server::dlms_snapshot(server.meter(), RealClock::now());
  ASSERT_GE(readings.size(), truth.registers.size());
  std::size_t matched = 0;
  for (const auto& want : truth.registers) {
    for (const auto& got : readings) {
      if (got.register_id != want.obis.to_string()) continue;
      EXPECT_EQ(got.value, want.value / 1000.0) << got.register_id;
      EXPECT_EQ(got.unit, "kWh");
      ++matched;
    }
  }
  EXPECT_EQ(matched, truth.registers.size());
  EXPECT_GT(matched, 0u);
}

TEST(DlmsSerialHdlc, RegistersReadOverASerialLineEqualTheTruth) {
  LiveHdlc sim;
  Runner runner;
  auto& server = sim.server("50000001");
  // The symlink names the pty, and the profile uses it like a fixed device path.
  EXPECT_EQ(sim.link("50000001"),
            link_pattern().replace(link_pattern().find("{serial}"), 8, "50000001"));
  auto session = open(runner, serial_profile(sim.link("50000001"),
                                             R"({"password":"ClientId2","physical_address":321})"));
  EXPECT_TRUE(sim.service().endpoint("50000001")->hdlc->connected);
  const auto readings = runner.run(session->read_registers());
  expect_truth(readings, server);
  runner.run(session->close());
  EXPECT_FALSE(sim.service().endpoint("50000001")->hdlc->connected);
  const auto& c = server.counters();
  EXPECT_EQ(c.connections_accepted.load(), 1u);
  EXPECT_EQ(c.connections_closed.load(), 1u);
  EXPECT_GT(c.hdlc_frames_in.load(), 3u);  // SNRM, AARQ, GETs, RLRQ, DISC
  EXPECT_EQ(c.hdlc_bad_frames.load(), 0u);
  EXPECT_EQ(c.associations_accepted.load(), 1u);
  EXPECT_EQ(c.releases.load(), 1u);
}

TEST(DlmsSerialHdlc, LongAnswersComeSegmentedAtTheNegotiatedInfoSize) {
  LiveHdlc sim;
  Runner runner;
  // This meter's info field is 32 bytes: the AARE and the identity strings need segments.
  auto session =
      open(runner, serial_profile(sim.device("50000002"), R"({"password":"ClientId2"})"));
  const auto readings = runner.run(session->read_registers());
  expect_truth(readings, sim.server("50000002"));
  runner.run(session->close());
  EXPECT_GT(sim.server("50000002").counters().hdlc_segments_out.load(), 0u);
}

TEST(DlmsSerialHdlc, AWrongPhysicalAddressTimesOutClearly) {
  LiveHdlc sim;
  Runner runner;
  auto profile = serial_profile(
      sim.device("50000001"),
      R"({"password":"ClientId2","physical_address":322,"inter_frame_timeout_ms":100})");
  profile.timeout_ms = 250;
  try {
    open(runner, profile);
    FAIL() << "a meter answered at the wrong address";
  } catch (const drivers::Timeout& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no UA to SNRM"), std::string::npos) << what;
    EXPECT_NE(what.find("1/322"), std::string::npos) << what;
  }
  EXPECT_GT(sim.server("50000001").counters().hdlc_foreign_frames.load(), 0u);
  EXPECT_EQ(sim.server("50000001").counters().connections_accepted.load(), 0u);
}

TEST(DlmsSerialHdlc, TheOneAssociationIsSharedWithTheTcpPort) {
  LiveHdlc sim;
  Runner runner;
  const auto tcp = sim.service().endpoint("50000001")->tcp;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(tcp.substr(tcp.rfind(':') + 1))));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  for (int i = 0; i < 200 && !sim.server("50000001").busy(); ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(sim.server("50000001").busy());
  try {
    open(runner, serial_profile(sim.device("50000001"),
                                R"({"password":"ClientId2","physical_address":321})"));
    FAIL() << "a second association was allowed";
  } catch (const drivers::ConnectionFailed& e) {
    EXPECT_NE(std::string(e.what()).find("DM"), std::string::npos) << e.what();
  }
  EXPECT_EQ(sim.server("50000001").counters().connections_refused.load(), 1u);
  ::close(fd);
}

TEST(DlmsSerialHdlc, AModemLineDialsCarriesTheSessionAndHangsUp) {
  LiveHdlc sim;
  transport::testing::PtyPair modem_line;
  transport::testing::FakeModemScript script;
  script.bridge_device = sim.device("50000001");
  transport::testing::FakeModem modem(modem_line, script);
  Runner runner;
  auto profile = serial_profile(
      modem_line.device(), R"({"password":"ClientId2","physical_address":321,"dial_timeout_s":5})");
  profile.transport = Transport::modem;
  profile.phone = "5551234";
  profile.modem_init = "ATZ";
  auto session = open(runner, profile);
  const auto readings = runner.run(session->read_registers());
  expect_truth(readings, sim.server("50000001"));
  runner.run(session->close());
  EXPECT_EQ(modem.commands(), (std::vector<std::string>{"ATZ", "ATD5551234", "+++", "ATH"}));
  EXPECT_EQ(sim.server("50000001").counters().connections_closed.load(), 1u);
}

}  // namespace
}  // namespace jemhead::sim
