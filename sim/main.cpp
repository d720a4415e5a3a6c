// jemsim: a fleet of simulated JEMStar II meters with a control/truth endpoint on
// loopback. Exit codes: 0 after a clean stop, 2 for a bad command line or fleet file,
// 1 when it cannot run (e.g. the port is taken).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json.hpp>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "net/http_server.hpp"
#include "net/open_files.hpp"
#include "sim/alarms/alarm_control_api.hpp"
#include "sim/alarms/alarm_targets.hpp"
#include "sim/command_line.hpp"
#include "sim/control_api.hpp"
#include "sim/dlms/dlms_control_api.hpp"
#include "sim/dlms/dlms_service.hpp"
#include "sim/dlms/dlms_truth_json.hpp"
#include "sim/fleet.hpp"
#include "sim/fleet_file.hpp"
#include "sim/modbus/modbus_control_api.hpp"
#include "sim/modbus/modbus_service.hpp"
#include "sim/modbus/modbus_truth_json.hpp"
#include "sim/pqdif/pqdif_control_api.hpp"
#include "sim/pqdif/pqdif_service.hpp"
#include "sim/ready_file.hpp"

namespace {

using namespace jemhead;
using namespace jemhead::sim;

FleetSpec fleet_from(const CommandLine& cl) {
  if (!cl.fleet_file.empty()) return load_fleet_file(cl.fleet_file);
  FleetSpec spec = generated_fleet(*cl.meters, cl.seed.value_or(1));
  if (cl.time_factor)
    for (auto& m : spec.meters) m.time_factor = *cl.time_factor;
  if (cl.listen) {
    std::string error;
    if (!parse_loopback_listen(*cl.listen, spec.control_address, spec.control_port, error))
      throw std::invalid_argument("--listen: " + error);
  }
  return spec;
}

std::string url_of(const net::Endpoint& ep) {
  const bool v6 = ep.address.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + ep.address + "]" : ep.address) + ":" + std::to_string(ep.port);
}

int run(const CommandLine& cl, const FleetSpec& spec) {
  Fleet fleet(spec, utc_now(), RealClock::now());
  ControlApi api(fleet);
  // Modbus slaves (only meters with a `modbus:` key): listeners and ptys open before the
  // ready file is written, so whoever waits for it can connect at once.
  ModbusService modbus(fleet, spec.rtu_buses);
  modbus.start();
  ModbusControlApi modbus_api(modbus);
  // DLMS servers (only meters with a `dlms:` key), listening before the ready file too.
  DlmsService dlms(fleet);
  dlms.start();
  DlmsControlApi dlms_api(dlms);
  // PQ recorders (meters with `pqdif:`) and meter web servers (meters with `web:`).
  PqdifService pqdif(fleet);
  pqdif.start();
  PqdifControlApi pqdif_api(pqdif);
  // Alarm notification (meters with `alarms:`): web POSTs and e-mails.
  AlarmService alarms(alarm_targets(fleet, pqdif));
  alarms.start();
  AlarmControlApi alarm_api(alarms);

  boost::asio::io_context io;
  net::HttpServerOptions options;
  options.listen = {net::Endpoint{spec.control_address, spec.control_port}};
  options.body_limit = ControlApi::kMaxBodyBytes;
  net::HttpServer server(
      io, options,
      [&api, &modbus_api, &dlms_api, &pqdif_api, &alarm_api](const net::HttpRequest& r) {
        if (auto answered = modbus_api.handle(r)) return *answered;
        if (auto answered = dlms_api.handle(r)) return *answered;
        if (auto answered = pqdif_api.handle(r)) return *answered;
        if (auto answered = alarm_api.handle(r)) return *answered;
        return api.handle(r);
      });
  server.start();
  const std::string url = url_of(server.bound().front());

  std::mutex mutex;
  std::condition_variable stop_changed;
  bool stop = false;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("received {}, stopping", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    std::lock_guard lock(mutex);
    stop = true;
    stop_changed.notify_all();
  });
  auto work = boost::asio::make_work_guard(io);
  std::thread io_thread([&io] { io.run(); });

  spdlog::info("{} meters from {}, start {}, control {}", fleet.size(),
               cl.fleet_file.empty() ? "--meters" : cl.fleet_file, format_iso8601(fleet.start()),
               url);
  if (!cl.ready_file.empty()) {
    std::string ready = ready_json(::getpid(), url, fleet.size());
    auto doc = boost::json::parse(ready).as_object();
    // The pty devices and TCP ports, as GET /modbus and GET /dlms report them.
    if (!modbus.empty()) doc["modbus"] = modbus_endpoints_json(modbus);
    if (!dlms.empty()) doc["dlms"] = dlms_endpoints_json(dlms);
    if (!pqdif.empty()) doc["pqdif"] = pqdif_endpoints_json(pqdif);
    ready = boost::json::serialize(doc) + "\n";
    write_file_atomically(cl.ready_file, ready);
  }

  {
    std::unique_lock lock(mutex);
    stop_changed.wait(lock, [&] { return stop; });
  }
  server.stop(std::chrono::milliseconds(2000));  // from this thread: may wait for the drain
  modbus.stop();
  dlms.stop();
  alarms.stop();
  pqdif.stop();
  signals.cancel();
  work.reset();
  io.stop();
  io_thread.join();
  spdlog::info("jemsim stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  jemhead::net::raise_open_file_limit();  // a listener per simulated meter
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %^%l%$ jemsim: %v", spdlog::pattern_time_type::utc);
  CommandLine cl;
  FleetSpec spec;
  try {
    cl = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    if (cl.help) {
      std::cout << usage();
      return 0;
    }
    spec = fleet_from(cl);
  } catch (const FleetError& e) {
    std::cerr << "jemsim: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "jemsim: " << e.what() << "\n" << usage();
    return 2;
  }
  try {
    return run(cl, spec);
  } catch (const std::exception& e) {
    std::cerr << "jemsim: " << e.what() << "\n";
    return 1;
  }
}
