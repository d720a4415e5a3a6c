#include "api/reading_json.hpp"

#include <boost/json.hpp>

namespace jemhead::api {

namespace json = boost::json;

json::object to_json(const RegisterReading& r) {
  return {{"register_id", r.register_id},
          {"description", r.description},
          {"value", r.value},
          {"unit", r.unit},
          {"read_at", format_iso8601(r.read_at)},
          {"source", r.source}};
}

json::object to_json(const InstantaneousValue& v) {
  return {{"quantity", v.quantity},
          {"phase", v.phase},
          {"value", v.value},
          {"unit", v.unit},
          {"read_at", format_iso8601(v.read_at)},
          {"source", v.source}};
}

json::object to_json(const StatusSnapshot& s) {
  json::array points;
  for (const auto& p : s.points)
    points.push_back(json::object{{"name", p.name}, {"active", p.active}});
  return {{"read_at", format_iso8601(s.read_at)}, {"points", std::move(points)}};
}

json::object to_json(const OperationError& e) {
  json::object o{{"type", e.type}, {"message", e.message}};
  if (e.exception_code) o["exception_code"] = *e.exception_code;
  if (e.function_code) o["function_code"] = *e.function_code;
  return o;
}

json::object to_json(const drivers::OutputState& s) {
  return {{"output", s.output}, {"channel", s.channel}, {"on", s.on}};
}

std::optional<StatusSnapshot> status_snapshot_from_json(std::string_view text) {
  std::error_code ec;
  const auto doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return std::nullopt;
  const auto& o = doc.as_object();
  const auto* at = o.if_contains("read_at");
  const auto* points = o.if_contains("points");
  if (!at || !at->is_string() || !points || !points->is_array()) return std::nullopt;
  StatusSnapshot s;
  const auto time = parse_iso8601(std::string_view(at->as_string()));
  if (!time) return std::nullopt;
  s.read_at = *time;
  for (const auto& p : points->as_array()) {
    const auto* po = p.if_object();
    if (!po) return std::nullopt;
    const auto* name = po->if_contains("name");
    const auto* active = po->if_contains("active");
    if (!name || !name->is_string() || !active || !active->is_bool()) return std::nullopt;
    s.points.push_back({std::string(name->as_string()), active->as_bool()});
  }
  return s;
}

}  // namespace jemhead::api
