#pragma once
// jemsim's control/truth endpoint: plain HTTP JSON on loopback so tests can read what
// each meter generated and steer the simulation.
//
//   GET  /health                     {"status":"ok","meters":N}
//   GET  /meters                     identities
//   GET  /meters/{serial}            identity + clock
//   GET  /meters/{serial}/truth      now, or ?at=ISO8601 (a past simulated instant)
//   POST /meters/{serial}/clock      {"time": ISO8601}: set the meter's clock
//   GET  /meters/{serial}/load-profile  ?profile=1|2&from=ISO&to=ISO: recorded intervals
//   POST /time_factor                {"time_factor": x}: speed of simulated time, all meters
//
// Errors are {"error": "..."} with 400 (bad input), 404, 405 or 422 (an instant the
// model cannot evaluate).
#include <functional>

#include "net/http_server.hpp"
#include "sim/control_replies.hpp"
#include "sim/fleet.hpp"

namespace jemhead::sim {

class ControlApi {
 public:
  using Now = std::function<RealClock::time_point()>;
  explicit ControlApi(
      Fleet& fleet, Now now = [] { return RealClock::now(); });

  net::HttpResponse handle(const net::HttpRequest& request) const;

  static constexpr std::size_t kMaxBodyBytes = kMaxControlBodyBytes;

 private:
  net::HttpResponse meter_route(const net::HttpRequest& request, SimMeter& meter,
                                std::string_view rest) const;
  net::HttpResponse load_profile_route(const net::HttpRequest& request, SimMeter& meter) const;
  Fleet& fleet_;
  Now now_;
};

}  // namespace jemhead::sim
