#include "tests/integration/engine/engine_rig.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <limits>
#include <sstream>

#include "core/time.hpp"

namespace jemhead::testing {

namespace json = boost::json;

std::int64_t wall_now_us() {
  return to_unix_micros(utc_now());
}

std::int64_t next_fire_after(std::int64_t us, std::int64_t period_us) {
  return (us / period_us + 1) * period_us;
}

std::string iso(std::int64_t unix_us) {
  return format_iso8601(from_unix_micros(unix_us));
}

std::string sim_fleet_yaml(int count, double time_factor) {
  std::ostringstream out;
  out << "seed: 4242\n"
      << "time_factor: " << time_factor << "\n"
      << "control: { listen: \"127.0.0.1:0\" }\n"
      << "meters:\n"
      << "  count: " << count << "\n"
      << "  serial_base: 60000001\n"
      << "  pt_ratio: 60\n"
      << "  ct_ratio: 120\n"
      << "  integration_step: 60\n"
      << "  modbus:\n"
      << "    tcp: { listen: \"127.0.0.1:0\" }\n";
  return out.str();
}

std::vector<SimModbusMeter> sim_modbus_meters(const Jemsim& sim) {
  const auto r = sim.call("GET", "/modbus");
  if (r.status != 200) throw std::runtime_error("GET /modbus: " + r.body);
  std::vector<SimModbusMeter> out;
  const auto body = r.json();
  for (const auto& m : body.at("meters").as_array()) {
    const std::string tcp(m.at("tcp").as_string());
    const auto colon = tcp.rfind(':');
    out.push_back({std::string(m.at("serial").as_string()), tcp.substr(0, colon),
                   std::stoi(tcp.substr(colon + 1)),
                   static_cast<int>(m.at("unit_id").to_number<std::int64_t>())});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.serial < b.serial; });
  return out;
}

std::string fleet_section(const std::vector<SimModbusMeter>& meters, const ScheduleSetup& setup) {
  std::ostringstream out;
  out << "fleet:\n"
      << "  groups:\n"
      << "    - name: sim-fleet\n"
      << "      schedules:\n"
      << "        registers: { cron: \"" << setup.cron << "\" }\n"
      << "        status: { cron: \"" << setup.cron << "\" }\n"
      << "  meters:\n";
  for (const auto& m : meters) {
    out << "    - serial: \"" << m.serial << "\"\n"
        << "      group: sim-fleet\n"
        << "      connections:\n"
        << "        - { name: modbus-tcp, protocol: modbus, transport: tcp, default: true,\n"
        << "            host: " << m.host << ", port: " << m.port << ", address: " << m.unit_id
        << ",\n"
        << "            timeout_ms: " << setup.timeout_ms << ", retries: " << setup.retries
        << ", retry_delay_s: 0 }\n";
  }
  return out.str();
}

SimTimeline SimTimeline::sample(const Jemsim& sim, const std::string& serial) {
  SimTimeline best;
  best.half_round_trip_us_ = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < 3; ++i) {
    const auto before = wall_now_us();
    const auto r = sim.call("GET", "/meters/" + serial + "/clock");
    const auto after = wall_now_us();
    if (r.status != 200) throw std::runtime_error("GET clock of " + serial + ": " + r.body);
    const auto clock = r.json().as_object();
    const auto simulated = parse_iso8601(clock.at("simulated_time").as_string());
    const auto epoch = parse_iso8601(clock.at("epoch").as_string());
    if (!simulated || !epoch) throw std::runtime_error("bad clock: " + r.body);
    if ((after - before) / 2 < best.half_round_trip_us_) {
      best.half_round_trip_us_ = (after - before) / 2;
      best.wall_anchor_us_ = before + best.half_round_trip_us_;
      best.sim_anchor_us_ = to_unix_micros(*simulated);
      best.factor_ = clock.at("time_factor").to_number<double>();
      best.epoch_us_ = to_unix_micros(*epoch);
    }
  }
  return best;
}

std::int64_t SimTimeline::sim_us_at(std::int64_t wall_us) const {
  return std::max(epoch_us_,
                  sim_anchor_us_ + static_cast<std::int64_t>(
                                       static_cast<double>(wall_us - wall_anchor_us_) * factor_));
}

std::vector<double> truth_counters(const Jemsim& sim, const std::string& serial,
                                   std::int64_t sim_us) {
  const auto r = sim.call("GET", "/meters/" + serial + "/modbus?at=" + iso(sim_us));
  if (r.status != 200)
    throw std::runtime_error("truth of " + serial + " at " + iso(sim_us) + ": " + r.body);
  std::vector<double> out;
  const auto body = r.json();
  for (const auto& c : body.at("points").at("counters").as_array())
    out.push_back(c.at("value").to_number<double>());
  return out;
}

bool expect_batch_within_truth(const Jemsim& sim, const SimTimeline& timeline,
                               const std::string& serial, const RegisterBatch& batch,
                               std::int64_t margin_us) {
  const auto margin = margin_us + timeline.uncertainty_us();
  const auto low = truth_counters(sim, serial, timeline.sim_us_at(batch.read_at_us - margin));
  const auto high = truth_counters(sim, serial, timeline.sim_us_at(batch.read_at_us + margin));
  const std::string where = "meter " + serial + ", batch read at " + iso(batch.read_at_us);
  bool ok = true;
  EXPECT_EQ(batch.rows, low.size()) << where;
  EXPECT_EQ(batch.values.size(), low.size()) << where;
  ok = ok && batch.rows == low.size() && batch.values.size() == low.size();
  double spread = 0;
  for (std::size_t i = 0; i < low.size(); ++i) {
    const auto id = "counter." + std::to_string(i + 1);
    const auto it = batch.values.find(id);
    if (it == batch.values.end()) {
      ADD_FAILURE() << where << ": no " << id;
      ok = false;
      continue;
    }
    EXPECT_LE(low[i], it->second) << where << ", " << id;
    EXPECT_LE(it->second, high[i]) << where << ", " << id;
    ok = ok && low[i] <= it->second && it->second <= high[i];
    spread += high[i] - low[i];
  }
  // Energy flows one way or the other: the window must have moved, else it proves little.
  EXPECT_GT(spread, 0) << where << ": the truth did not change across the window";
  return ok && spread > 0;
}

int count_batches_outside_truth(const Jemsim& sim,
                                const std::map<std::string, SimTimeline>& timelines,
                                const std::vector<BatchOfMeter>& batches) {
  constexpr std::size_t kThreads = 4;
  const auto compare = [&](std::size_t from) {
    int broken = 0;
    for (std::size_t i = from; i < batches.size(); i += kThreads) {
      const auto& [serial, batch] = batches[i];
      broken += !expect_batch_within_truth(sim, timelines.at(serial), serial, *batch);
    }
    return broken;
  };
  std::vector<std::future<int>> workers;
  for (std::size_t t = 0; t < kThreads; ++t)
    workers.push_back(std::async(std::launch::async, compare, t));
  int broken = 0;
  for (auto& w : workers) broken += w.get();
  return broken;
}

}  // namespace jemhead::testing
