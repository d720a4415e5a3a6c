#include "sim/dlms/dlms_control_api.hpp"

#include "sim/control_replies.hpp"
#include "sim/dlms/dlms_truth_json.hpp"

namespace jemhead::sim {

namespace {

constexpr std::int64_t kMaxFaultTimes = 1'000'000;

// {"drop_after_blocks": N, "times": T}: T (default 1) transfers cut after block N;
// {} or N = 0 clears. A bad body changes nothing.
net::HttpResponse set_fault(dlms_server::DlmsMeterServer& server, const net::HttpRequest& request) {
  std::string problem;
  auto body = object_body(request, problem);
  if (!body) return error(400, problem);
  dlms_server::DlmsFault fault{0, 1};
  for (const auto& [key, value] : *body) {
    if (key == "drop_after_blocks") {
      if (!value.is_int64() || value.as_int64() < 0 || value.as_int64() > 0xFFFFFFFF)
        return error(400, "drop_after_blocks must be a whole number 0 to 4294967295");
      fault.drop_after_blocks = static_cast<std::uint32_t>(value.as_int64());
    } else if (key == "times") {
      if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > kMaxFaultTimes)
        return error(400, "times must be a whole number 1 to 1000000");
      fault.times = static_cast<std::uint32_t>(value.as_int64());
    } else {
      std::string text = "unknown key '";
      text += std::string(key.substr(0, 64));
      text += "'; use drop_after_blocks, times";
      return error(400, text);
    }
  }
  server.set_fault(fault);
  return reply(200, dlms_fault_json(server.fault()));
}

}  // namespace

std::optional<net::HttpResponse> DlmsControlApi::handle(const net::HttpRequest& request) const {
  const std::string_view path = request.path;
  if (path == "/dlms") {
    if (request.method != "GET") return method_not_allowed("GET");
    return reply(200, dlms_endpoints_json(service_));
  }
  const auto sub = meter_subroute(path);
  if (!sub) return std::nullopt;
  const auto [serial, route] = *sub;
  if (route != "/dlms" && route != "/dlms/faults") return std::nullopt;
  if (!service_.fleet().find(serial)) return std::nullopt;  // the main API answers 404
  auto* server = service_.server(serial);
  auto endpoint = service_.endpoint(serial);
  if (!server || !endpoint)
    return error(404, "meter " + std::string(serial) +
                          " has no DLMS server (add a dlms: key in the fleet file)");
  if (route == "/dlms/faults") {
    if (request.method == "GET") return reply(200, dlms_fault_json(server->fault()));
    if (request.method != "POST") return method_not_allowed("GET, POST");
    return set_fault(*server, request);
  }
  if (request.method != "GET") return method_not_allowed("GET");
  const auto snapshot = dlms_server::dlms_snapshot(server->meter(), RealClock::now());
  return reply(200, dlms_truth_json(*server, snapshot, *endpoint));
}

}  // namespace jemhead::sim
