#pragma once
// The JSON replies and request bodies of jemsim's control endpoint, shared by every route
// table (fleet, Modbus, ...) so errors look the same everywhere: {"error": "..."}.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "net/http_server.hpp"

namespace jemhead::sim {

inline constexpr std::size_t kMaxControlBodyBytes = 4096;

net::HttpResponse reply(int status, const boost::json::value& body);
net::HttpResponse error(int status, const std::string& message);
net::HttpResponse method_not_allowed(const char* allowed);  // 405 with an Allow header

// A small JSON object body (at most kMaxControlBodyBytes, depth 8); nullopt with `problem`
// set otherwise.
std::optional<boost::json::object> object_body(const net::HttpRequest& request,
                                               std::string& problem);

// A body of exactly {"<key>": number} with the number in [min, max]; nullopt with
// `problem` set otherwise.
std::optional<double> number_body(const net::HttpRequest& request, const std::string& key,
                                  double min, double max, std::string& problem);

// "/meters/<serial>/<route>" split into the serial and the route ("/modbus", "/dlms/faults",
// ...): what each protocol's route table answers. nullopt for other paths and for a meter
// path without a route.
struct MeterSubroute {
  std::string_view serial;
  std::string_view route;
};
std::optional<MeterSubroute> meter_subroute(std::string_view path);

}  // namespace jemhead::sim
