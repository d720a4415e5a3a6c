#include "sim/control_replies.hpp"

#include <boost/json.hpp>
#include <iomanip>
#include <sstream>

namespace jemhead::sim {

namespace json = boost::json;

net::HttpResponse reply(int status, const json::value& body) {
  net::HttpResponse r;
  r.status = status;
  r.body = json::serialize(body);
  r.body += '\n';
  return r;
}

net::HttpResponse error(int status, const std::string& message) {
  return reply(status, json::object{{"error", message}});
}

net::HttpResponse method_not_allowed(const char* allowed) {
  auto r = error(405, std::string("method not allowed; use ") + allowed);
  r.headers.emplace_back("allow", allowed);
  return r;
}

std::optional<json::object> object_body(const net::HttpRequest& request, std::string& problem) {
  if (request.body.size() > kMaxControlBodyBytes) {
    problem = "body larger than " + std::to_string(kMaxControlBodyBytes) + " bytes";
    return std::nullopt;
  }
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 8;
  json::value v = json::parse(request.body, ec, {}, options);
  if (ec || !v.is_object()) {
    problem = "body must be a JSON object";
    return std::nullopt;
  }
  return v.as_object();
}

std::optional<double> number_body(const net::HttpRequest& request, const std::string& key,
                                  double min, double max, std::string& problem) {
  auto body = object_body(request, problem);
  if (!body) return std::nullopt;
  const json::value* v = body->if_contains(key);
  if (!v || !v->is_number() || body->size() != 1) {
    problem = "body must be {\"" + key + "\": number}";
    return std::nullopt;
  }
  const double n = v->to_number<double>();
  if (!(n >= min && n <= max)) {  // NaN fails too
    std::ostringstream text;
    text << key << " must be " << std::fixed << std::setprecision(0) << min << " to " << max;
    problem = text.str();
    return std::nullopt;
  }
  return n;
}

std::optional<MeterSubroute> meter_subroute(std::string_view path) {
  constexpr std::string_view kPrefix = "/meters/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  const std::string_view rest = path.substr(kPrefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  return MeterSubroute{rest.substr(0, slash), rest.substr(slash)};
}

}  // namespace jemhead::sim
