#include "bench/dlms/lp_fleet.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/time.hpp"

namespace jemhead::bench {

namespace json = boost::json;

namespace {

// Midnight, so the first interval is a whole one and `days` days hold days × 96 of them.
constexpr const char* kStartTime = "2025-01-01T00:00:00Z";

std::string fleet_yaml(std::size_t meters) {
  // integration_step 60: the recorder integrates with 60-second steps anyway, and the
  // registers' model is not what is measured.
  std::string yaml =
      "seed: 5\n"
      "time_factor: 0\n"
      "start_time: \"";
  yaml += kStartTime;
  yaml +=
      "\"\n"
      "control: { listen: \"127.0.0.1:0\" }\n"
      "meters:\n"
      "  count: ";
  yaml += std::to_string(meters);
  yaml +=
      "\n"
      "  serial_base: 62000001\n"
      "  integration_step: 60\n"
      "  dlms:\n"
      "    tcp: { listen: \"127.0.0.1:0\" }\n"
      "    passwords: { reader: \"";
  yaml += kReaderPassword;
  yaml +=
      "\", manager: \"bench-manager\" }\n"
      "  load_profile:\n"
      "    profile1: { interval_minutes: 15 }\n"
      "    profile2: { channels: [] }\n";
  return yaml;
}

json::value call_json(const testing::Jemsim& sim, const std::string& method,
                      const std::string& path, const std::string& body = {}) {
  const auto reply = sim.call(method, path, body);
  if (reply.status != 200)
    throw std::runtime_error("jemsim " + method + " " + path + ": HTTP " +
                             std::to_string(reply.status) + " " + reply.body.substr(0, 300));
  return reply.json();
}

std::uint16_t port_of(const std::string& endpoint) {
  return static_cast<std::uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
}

// Reads one interval through the truth route: the recorder first catches up with simulated
// time (docs/simulator.md "Recording is lazy"), which is the expensive part.
void record(const testing::Jemsim& sim, const std::string& at, LpMeter& meter) {
  const auto truth =
      call_json(sim, "GET",
                "/meters/" + meter.serial + "/load-profile?profile=1&from=" + at + "&to=" + at)
          .as_object();
  meter.intervals = truth.at("entries_in_use").to_number<std::uint64_t>();
  meter.channels = truth.at("channels").as_array().size();
}

}  // namespace

LpFleet::LpFleet(const testing::TempDir& dir, std::size_t meters, int days, std::size_t threads)
    : sim_(dir, fleet_yaml(meters)) {
  const auto listing = call_json(sim_, "GET", "/dlms");
  for (const auto& m : listing.at("meters").as_array()) {
    const auto& tcp = m.at("tcp");
    if (!tcp.is_string()) throw std::runtime_error("jemsim meter without a DLMS TCP endpoint");
    meters_.push_back(
        {std::string(m.at("serial").as_string()), port_of(std::string(tcp.as_string())), 0, 0});
  }
  if (meters_.size() != meters)
    throw std::runtime_error("jemsim reports " + std::to_string(meters_.size()) + " of " +
                             std::to_string(meters) + " DLMS meters");
  call_json(sim_, "POST", "/advance", "{\"seconds\":" + std::to_string(days * 86400LL) + "}");

  const auto start = parse_iso8601(kStartTime);
  const auto end = format_iso8601(*start + std::chrono::days(days));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < meters_.size(); i = next++) {
      try {
        record(sim_, end, meters_[i]);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < std::max<std::size_t>(threads, 1); ++t) workers.emplace_back(work);
  for (auto& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
}

DlmsServerCounts LpFleet::counts(const std::string& serial) const {
  const auto truth = call_json(sim_, "GET", "/meters/" + serial + "/dlms");
  const auto& c = truth.at("counters").as_object();
  auto n = [&](const char* key) { return c.at(key).to_number<std::uint64_t>(); };
  DlmsServerCounts counts;
  counts.get_requests = n("get_requests");
  counts.set_requests = n("set_requests");
  counts.datablocks_sent = n("datablocks_sent");
  counts.associations = n("associations_accepted") + n("associations_rejected");
  counts.releases = n("releases");
  return counts;
}

}  // namespace jemhead::bench
