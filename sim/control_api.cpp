#include "sim/control_api.hpp"

#include <boost/json.hpp>

#include "sim/control_replies.hpp"
#include "sim/load_profile/lp_truth_json.hpp"
#include "sim/truth_json.hpp"

namespace jemhead::sim {

namespace json = boost::json;

ControlApi::ControlApi(Fleet& fleet, Now now) : fleet_(fleet), now_(std::move(now)) {}

net::HttpResponse ControlApi::handle(const net::HttpRequest& request) const {
  const std::string_view path = request.path;
  if (path == "/health") {
    if (request.method != "GET") return method_not_allowed("GET");
    return reply(200, json::object{{"status", "ok"}, {"meters", fleet_.size()}});
  }
  if (path == "/meters" || path == "/meters/") {
    if (request.method != "GET") return method_not_allowed("GET");
    json::array list;
    for (const auto& m : fleet_.meters()) list.emplace_back(identity_json(*m));
    return reply(200, json::object{{"meters", std::move(list)}});
  }
  if (path == "/time_factor") {
    if (request.method != "POST") return method_not_allowed("POST");
    std::string problem;
    const auto factor = number_body(request, "time_factor", 0, 1e6, problem);
    if (!factor) return error(400, problem);
    const auto now = now_();
    for (const auto& m : fleet_.meters()) m->set_time_factor(*factor, now);
    return reply(200, json::object{{"time_factor", *factor}, {"meters", fleet_.size()}});
  }
  if (path == "/advance") {
    if (request.method != "POST") return method_not_allowed("POST");
    std::string problem;
    // Up to ten years at once; backwards is a clock set, not an advance.
    const auto seconds = number_body(request, "seconds", 0, 10 * 366 * 86400.0, problem);
    if (!seconds) return error(400, problem);
    const auto by = Micros{static_cast<std::int64_t>(*seconds * 1e6)};
    const auto now = now_();
    for (const auto& m : fleet_.meters()) m->advance(by, now);
    return reply(200, json::object{{"advanced_s", *seconds}, {"meters", fleet_.size()}});
  }
  constexpr std::string_view kPrefix = "/meters/";
  if (path.starts_with(kPrefix)) {
    std::string_view rest = path.substr(kPrefix.size());
    const auto slash = rest.find('/');
    const std::string_view serial = rest.substr(0, slash);
    SimMeter* meter = fleet_.find(serial);
    if (!meter)
      return error(404, "no meter with serial '" + std::string(serial.substr(0, 64)) + "'");
    return meter_route(request, *meter,
                       slash == std::string_view::npos ? std::string_view{} : rest.substr(slash));
  }
  return error(404, "no such route");
}

net::HttpResponse ControlApi::load_profile_route(const net::HttpRequest& request,
                                                 SimMeter& meter) const {
  if (request.method != "GET") return method_not_allowed("GET");
  int profile = 1;
  if (auto p = request.query.find("profile"); p != request.query.end()) {
    if (p->second != "1" && p->second != "2") return error(400, "'profile' must be 1 or 2");
    profile = p->second == "1" ? 1 : 2;
  }
  std::optional<UtcTime> bounds[2];
  const char* names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i)
    if (auto q = request.query.find(names[i]); q != request.query.end()) {
      bounds[i] = parse_iso8601(q->second);
      if (!bounds[i]) {
        std::string message = "'";
        message += names[i];
        message += "' must be an ISO 8601 date and time";
        return error(400, message);
      }
    }
  json::object out;
  bool installed = true;
  meter.read_load_profile(now_(), [&](const SimMeter::LoadProfileView& view) {
    installed = view.recorder.profile(profile - 1).installed();
    if (installed) out = lp_intervals_json(view, profile - 1, bounds[0], bounds[1]);
  });
  if (!installed)
    return error(404, "load profile " + std::to_string(profile) +
                          " has no channels on this meter (load_profile.profile" +
                          std::to_string(profile) + ".channels)");
  out["serial"] = meter.spec().serial;
  return reply(200, out);
}

net::HttpResponse ControlApi::meter_route(const net::HttpRequest& request, SimMeter& meter,
                                          std::string_view rest) const {
  const auto now = now_();
  if (rest.empty() || rest == "/") {
    if (request.method != "GET") return method_not_allowed("GET");
    json::object out = identity_json(meter);
    out["clock"] = clock_json(meter, now);
    out["load_profile"] = lp_layout_json(meter.spec());
    return reply(200, out);
  }
  if (rest == "/load-profile") return load_profile_route(request, meter);
  if (rest == "/truth") {
    if (request.method != "GET") return method_not_allowed("GET");
    auto at = request.query.find("at");
    if (at == request.query.end()) return reply(200, truth_json(meter, meter.truth_now(now)));
    auto instant = parse_iso8601(at->second);
    if (!instant) return error(400, "'at' must be an ISO 8601 date and time");
    auto truth = meter.truth_at(*instant, now);
    if (!truth)
      return error(422, "'at' must lie between the model epoch " + format_iso8601(meter.epoch()) +
                            " and the current simulated time " +
                            format_iso8601(meter.simulated_now(now)));
    return reply(200, truth_json(meter, *truth));
  }
  if (rest == "/clock") {
    if (request.method == "GET") return reply(200, clock_json(meter, now));
    if (request.method != "POST") return method_not_allowed("GET, POST");
    std::string problem;
    auto body = object_body(request, problem);
    if (!body) return error(400, problem);
    const json::value* t = body->if_contains("time");
    if (!t || !t->is_string() || body->size() != 1)
      return error(400, "body must be {\"time\": \"ISO 8601\"}");
    auto when = parse_iso8601(std::string_view(t->as_string()));
    if (!when) return error(400, "'time' must be an ISO 8601 date and time");
    meter.set_clock(*when, now);
    return reply(200, clock_json(meter, now));
  }
  return error(404, "no such route");
}

}  // namespace jemhead::sim
