#include "sim/alarms/alarm_control_api.hpp"

#include <boost/json.hpp>

#include "sim/alarms/alarm_truth_json.hpp"
#include "sim/control_replies.hpp"

namespace jemhead::sim {

namespace json = boost::json;

namespace {

struct RaiseRequest {
  std::string type;
  AlarmProperties properties;
  std::string file;
  std::size_t count = 1;
};

// The body of trigger (no count) or burst (count required); nullopt with `problem` set.
std::optional<RaiseRequest> raise_request(const net::HttpRequest& request, bool burst,
                                          std::string& problem) {
  auto body = object_body(request, problem);
  if (!body) return std::nullopt;
  RaiseRequest r;
  for (const auto& [key, value] : *body) {
    if (key == "type" && value.is_string()) {
      r.type = std::string(value.as_string());
    } else if (key == "file" && value.is_string()) {
      r.file = std::string(value.as_string());
    } else if (key == "properties" && value.is_object()) {
      for (const auto& [k, v] : value.as_object()) {
        if (!v.is_string()) {
          problem = "properties must map keys to strings";
          return std::nullopt;
        }
        r.properties.emplace_back(std::string(k), std::string(v.as_string()));
      }
    } else if (key == "count" && burst && value.is_int64() && value.as_int64() >= 1 &&
               value.as_int64() <= static_cast<std::int64_t>(AlarmControlApi::kMaxBurst)) {
      r.count = static_cast<std::size_t>(value.as_int64());
    } else {
      problem = "unexpected or invalid key '" + std::string(key) + "'";
      if (key == "count") problem += burst ? " (1 to 100000)" : " (use /alarms/burst for several)";
      return std::nullopt;
    }
  }
  if (r.type.empty()) {
    problem = "body must carry \"type\": OU, SS, PQ, RE, BAT, TS, CFG or PQD";
    return std::nullopt;
  }
  if (burst && !body->contains("count")) {
    problem = "body must carry \"count\": 1 to 100000";
    return std::nullopt;
  }
  return r;
}

json::value settings_json(const AlarmSpec& spec) {
  json::object o;
  json::array events;
  for (const auto& e : spec.events) events.push_back(json::value(e));
  o["events"] = std::move(events);
  o["web"] =
      spec.web
          ? json::value(json::object{
                {"url", spec.web->url},
                {"style", spec.web->style == AlarmJsonStyle::sample ? "sample" : "documented"}})
          : json::value(nullptr);
  if (spec.mail) {
    json::array to;
    for (const auto& t : spec.mail->to) to.push_back(json::value(t));
    o["mail"] = json::object{{"server", spec.mail->server},
                             {"port", spec.mail->port},
                             {"to", std::move(to)},
                             {"frequency_min", spec.mail->frequency_min}};
  } else {
    o["mail"] = nullptr;
  }
  return o;
}

net::HttpResponse raise(AlarmService& service, const std::string& serial,
                        const net::HttpRequest& request, bool burst) {
  std::string problem;
  auto r = raise_request(request, burst, problem);
  if (!r) return error(400, problem);
  std::vector<std::uint64_t> ids;
  try {
    ids = service.raise(serial, r->type, r->properties, r->count, r->file);
  } catch (const AlarmRequestError& e) {
    return error(e.status, e.what());
  }
  json::object out;
  out["count"] = ids.size();
  out["first_id"] = ids.front();
  out["last_id"] = ids.back();
  if (!burst)
    if (auto a = service.log().get(ids.front())) out["alarm"] = sim_alarm_json(*a);
  return reply(200, out);
}

}  // namespace

std::optional<net::HttpResponse> AlarmControlApi::handle(const net::HttpRequest& request) const {
  if (request.path == "/alarms") {
    if (request.method != "GET") return method_not_allowed("GET");
    auto serial = request.query.find("serial");
    const auto alarms =
        service_.log().list(serial == request.query.end() ? std::string_view{} : serial->second);
    return reply(200, json::object{{"alarms", sim_alarms_json(alarms)}});
  }
  const auto sub = meter_subroute(request.path);
  if (!sub) return std::nullopt;
  const auto route = sub->route;
  if (route != "/alarms" && route != "/alarms/trigger" && route != "/alarms/burst")
    return std::nullopt;
  const std::string serial(sub->serial);
  const AlarmSpec* spec = service_.spec(serial);
  if (!spec)
    return error(404, "meter " + serial + " sends no alarms (add alarms: in the fleet file)");
  if (route == "/alarms") {
    if (request.method != "GET") return method_not_allowed("GET");
    json::object out;
    out["serial"] = serial;
    out["settings"] = settings_json(*spec);
    out["alarms"] = sim_alarms_json(service_.log().list(serial));
    return reply(200, out);
  }
  if (request.method != "POST") return method_not_allowed("POST");
  return raise(service_, serial, request, route == "/alarms/burst");
}

}  // namespace jemhead::sim
