#include "sim/pqdif/pqdif_control_api.hpp"

#include <boost/json.hpp>

#include "sim/control_replies.hpp"
#include "sim/pqdif/pq_observations.hpp"
#include "sim/pqdif/pqdif_truth_json.hpp"
#include "sim/pqdif/push/pqdif_pusher.hpp"
#include "sim/pqdif/push/push_truth_json.hpp"

namespace jemhead::sim {

namespace json = boost::json;

namespace {

json::value web_json(const PqdifService& service, std::string_view serial) {
  const std::string url = service.web_url(serial);
  return url.empty() ? json::value(nullptr) : json::value(url);
}

json::value export_json(const PqdifService& service, std::string_view serial) {
  const std::string dir = service.export_directory(serial);
  return dir.empty() ? json::value(nullptr) : json::value(dir);
}

net::HttpResponse truth(const PqdifService& service, PqdifRecorder& recorder,
                        const std::string& serial, const net::HttpRequest& request) {
  const UtcTime now = service.now(serial);
  json::object out;
  out["serial"] = serial;
  out["simulated_time"] = format_iso8601(now);
  out["web"] = web_json(service, serial);
  out["export_directory"] = export_json(service, serial);
  out["mode"] = recorder.spec().mode == PqdifFileMode::single ? "single" : "multiple";
  out["compressed"] = recorder.spec().compressed;
  auto name = request.query.find("name");
  recorder.read(now, [&](const std::deque<PqdifFile>& files) {
    if (name == request.query.end()) {
      out["files"] = pqdif_files_json(files);
      return;
    }
    std::deque<PqdifFile> one;
    for (const auto& f : files)
      if (f.name == name->second) one.push_back(f);
    out["files"] = pqdif_files_json(one);
  });
  const auto push = service.pusher().status(serial);
  if (push) add_push_state(out["files"], *push);
  out["push"] = push ? push_status_json(*push) : json::value(nullptr);
  return reply(200, out);
}

net::HttpResponse trigger(const PqdifService& service, PqdifRecorder& recorder,
                          const std::string& serial, const net::HttpRequest& request) {
  std::string problem;
  auto body = object_body(request, problem);
  if (!body) return error(400, problem);
  PqEventKind kind{};
  const auto* k = body->if_contains("kind");
  if (body->size() != 1 || !k || !k->is_string() ||
      !parse_pq_event_kind(std::string_view(k->as_string()), kind))
    return error(400, "body must be {\"kind\": \"sag\"|\"swell\"|\"rvc\"|\"interruption\"}");
  const PqEvent e = recorder.trigger(kind, service.now(serial));
  json::object out;
  out["event"] = pq_event_json(e);
  out["data_type"] = event_data_type(e, recorder.spec());
  // When its file appears: once recorded (single mode) or at the next midnight.
  UtcTime ready =
      event_recording_end(e, recorder.spec(), service.fleet().find(serial)->spec().frequency);
  if (recorder.spec().mode == PqdifFileMode::multiple) {
    constexpr std::int64_t kDay = 86'400'000'000;
    const std::int64_t us = to_unix_micros(e.trigger);
    ready = from_unix_micros((us / kDay + 1) * kDay);
    out["data_type"] = 128;
  }
  out["file_ready"] = format_iso8601(ready);
  return reply(200, out);
}

// The Test button (part4 §3.7): a sample file sent now; 200 with the outcome either way,
// since a failed test is the answer the user asked for.
net::HttpResponse push_test(const PqdifService& service, const std::string& serial) {
  const PushTestResult r = service.pusher().push_test(serial);
  json::object out;
  out["name"] = r.name;
  out["size"] = r.size;
  out["sent"] = r.error.empty();
  out["push_error"] = r.error.empty() ? json::value(nullptr) : json::value(r.error);
  return reply(200, out);
}

}  // namespace

json::value pqdif_endpoints_json(const PqdifService& service) {
  json::array meters;
  for (const auto& m : service.fleet().meters()) {
    const auto& serial = m->spec().serial;
    if (!m->spec().pqdif && !m->spec().web) continue;
    meters.push_back(json::object{{"serial", serial},
                                  {"web", web_json(service, serial)},
                                  {"export_directory", export_json(service, serial)},
                                  {"recorder", service.recorder(serial) != nullptr}});
  }
  return json::object{{"meters", std::move(meters)}};
}

std::optional<net::HttpResponse> PqdifControlApi::handle(const net::HttpRequest& request) const {
  const std::string_view path = request.path;
  if (path == "/pqdif") {
    if (request.method != "GET") return method_not_allowed("GET");
    return reply(200, pqdif_endpoints_json(service_));
  }
  const auto sub = meter_subroute(path);
  if (!sub) return std::nullopt;
  const auto route = sub->route;
  if (route != "/pqdif" && route != "/pqdif/trigger" && route != "/pqdif/push-test")
    return std::nullopt;
  const std::string serial(sub->serial);
  if (!service_.fleet().find(serial)) return std::nullopt;  // the main API answers 404
  PqdifRecorder* recorder = service_.recorder(serial);
  if (!recorder)
    return error(
        404, "meter " + serial + " records no PQDIF files (add a pqdif: key in the fleet file)");
  if (route == "/pqdif/push-test") {
    if (request.method != "POST") return method_not_allowed("POST");
    if (!service_.pusher().pushes(serial))
      return error(
          409, "meter " + serial + " has no Remote Server push (pqdif: push: in the fleet file)");
    return push_test(service_, serial);
  }
  if (route == "/pqdif/trigger") {
    if (request.method != "POST") return method_not_allowed("POST");
    return trigger(service_, *recorder, serial, request);
  }
  if (request.method != "GET") return method_not_allowed("GET");
  return truth(service_, *recorder, serial, request);
}

}  // namespace jemhead::sim
