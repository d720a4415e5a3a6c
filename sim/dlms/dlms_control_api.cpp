#include "sim/dlms/dlms_control_api.hpp"

#include "sim/control_replies.hpp"
#include "sim/dlms/dlms_truth_json.hpp"

namespace jemhead::sim {

std::optional<net::HttpResponse> DlmsControlApi::handle(const net::HttpRequest& request) const {
  const std::string_view path = request.path;
  if (path == "/dlms") {
    if (request.method != "GET") return method_not_allowed("GET");
    return reply(200, dlms_endpoints_json(service_));
  }
  constexpr std::string_view kPrefix = "/meters/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  const std::string_view rest = path.substr(kPrefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || rest.substr(slash) != "/dlms") return std::nullopt;
  const std::string_view serial = rest.substr(0, slash);
  if (!service_.fleet().find(serial)) return std::nullopt;  // the main API answers 404
  auto* server = service_.server(serial);
  auto endpoint = service_.endpoint(serial);
  if (!server || !endpoint)
    return error(404, "meter " + std::string(serial) +
                          " has no DLMS server (add a dlms: key in the fleet file)");
  if (request.method != "GET") return method_not_allowed("GET");
  const auto snapshot = dlms_server::dlms_snapshot(server->meter(), RealClock::now());
  return reply(200, dlms_truth_json(*server, snapshot, *endpoint));
}

}  // namespace jemhead::sim
