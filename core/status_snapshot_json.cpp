#include "core/status_snapshot_json.hpp"

#include <boost/json.hpp>

namespace jemhead {

namespace json = boost::json;

json::object to_json(const StatusSnapshot& s) {
  json::array points;
  for (const auto& p : s.points)
    points.push_back(json::object{{"name", p.name}, {"active", p.active}});
  return {{"read_at", format_iso8601(s.read_at)}, {"points", std::move(points)}};
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

}  // namespace jemhead
