#include "bench/fleet/fleet_processes.hpp"

#include <csignal>
#include <stdexcept>

namespace jemhead::bench {

namespace json = boost::json;

namespace {

// A 10,000-meter jemsim binds 10,000 listeners and jemhead loads 10,000 meters from its
// configuration before either writes its ready file.
constexpr std::chrono::minutes kStartTimeout{5};

std::string fleet_yaml(std::size_t meters) {
  // integration_step 60: the energy model's cost does not matter here, only the Modbus
  // path. No map: every slave serves the factory default map, as jemhead assumes for a
  // profile that names none.
  return "seed: 7\n"
         "start_time: \"2026-07-01T09:00:00Z\"\n"
         "control: { listen: \"127.0.0.1:0\" }\n"
         "meters:\n"
         "  count: " +
         std::to_string(meters) +
         "\n"
         "  serial_base: 60000001\n"
         "  integration_step: 60\n"
         "  modbus: { tcp: { listen: \"127.0.0.1:0\" } }\n";
}

std::uint16_t port_of(const std::string& endpoint) {
  return static_cast<std::uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
}

}  // namespace

JemsimFleet::JemsimFleet(const testing::TempDir& dir, std::size_t meters) {
  const auto fleet_path = dir.file("jemsim.yaml");
  const auto ready_path = dir.file("jemsim.ready");
  testing::write_file(fleet_path, fleet_yaml(meters));
  process_ = std::make_unique<testing::Process>(
      std::vector<std::string>{testing::jemsim_binary(), "--fleet", fleet_path, "--ready-file",
                               ready_path},
      dir.file("jemsim.log"), dir.path());
  const auto ready = json::parse(testing::wait_for_file(ready_path, *process_, kStartTimeout));
  for (const auto& m : ready.at("modbus").at("meters").as_array()) {
    const auto& tcp = m.at("tcp");
    if (!tcp.is_string()) throw std::runtime_error("jemsim meter without a Modbus TCP endpoint");
    meters_.push_back({std::string(m.at("serial").as_string()),
                       port_of(std::string(tcp.as_string())),
                       static_cast<int>(m.at("unit_id").as_int64())});
  }
  if (meters_.size() != meters)
    throw std::runtime_error("jemsim reports " + std::to_string(meters_.size()) + " of " +
                             std::to_string(meters) + " Modbus meters");
  const auto control = testing::HttpTarget::parse(std::string(ready.at("control").as_string()));
  const auto frozen = control.call("POST", "/time_factor", R"({"time_factor":0})");
  if (frozen.status != 200)
    throw std::runtime_error("jemsim refused to freeze time: " + frozen.body);
}

std::string head_end_yaml(const testing::TempDir& dir, const HeadEndConfig& config) {
  // data_dir <dir>/var (SQLite), the API on 127.0.0.1:0 and the integration tests' tokens.
  std::string yaml = testing::daemon_config(dir);
  yaml += "engine: {max_sessions: " + std::to_string(config.max_sessions) + "}\n";
  if (config.meters.empty()) return yaml;
  yaml += "fleet:\n  groups:\n    - {name: bench";
  if (!config.group_schedules.empty()) yaml += ", schedules: " + config.group_schedules;
  yaml += "}\n  meters:\n";
  // One flow-style line per meter keeps 10,000 meters well under the 4 MiB config limit.
  for (const auto& m : config.meters)
    yaml += "    - {serial: \"" + m.serial +
            "\", group: bench, connections: [{name: modbus-tcp, protocol: modbus, transport: tcp, "
            "host: 127.0.0.1, port: " +
            std::to_string(m.tcp_port) + ", address: " + std::to_string(m.unit_id) +
            ", timeout_ms: 5000, retries: 0, default: true}]}\n";
  return yaml;
}

Jemhead::Jemhead(const HeadEndConfig& config) {
  const auto config_path = dir_.file("jemhead.yaml");
  const auto ready_path = dir_.file("jemhead.ready");
  testing::write_file(config_path, head_end_yaml(dir_, config));
  process_ = std::make_unique<testing::Process>(
      std::vector<std::string>{testing::jemhead_binary(), "serve", "--config", config_path,
                               "--ready-file", ready_path},
      dir_.file("jemhead.log"), dir_.path());
  const auto ready = json::parse(testing::wait_for_file(ready_path, *process_, kStartTimeout));
  api_ = testing::HttpTarget::parse(std::string(ready.at("api").as_array().at(0).as_string()));
}

Jemhead::~Jemhead() {
  try {
    if (process_->running()) stop();
  } catch (...) {
    // the Process destructor kills it
  }
}

int Jemhead::stop() {
  process_->signal(SIGTERM);
  const auto code = process_->wait(std::chrono::seconds(60));
  if (!code) throw std::runtime_error("jemhead did not stop within 60 s");
  return *code;
}

}  // namespace jemhead::bench
