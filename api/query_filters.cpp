#include "api/query_filters.hpp"

#include <charconv>

#include "api/problem.hpp"
#include "core/time.hpp"

namespace jemhead::api {

namespace {

std::optional<UtcTime> time_filter(const Call& call, const std::string& name) {
  const auto* v = query_value(call, name);
  if (!v) return std::nullopt;
  auto t = parse_iso8601(*v);
  if (!t) bad_filter(name, "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z");
  return t;
}

}  // namespace

void bad_filter(const std::string& name, const std::string& message) {
  throw ApiError(422, "query parameter " + name + ": " + message, {{name, message}});
}

const std::string* query_value(const Call& call, const std::string& name) {
  auto it = call.request.query.find(name);
  return it == call.request.query.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> meter_filter(const Call& call) {
  const auto* v = query_value(call, "meter");
  if (!v) return std::nullopt;
  std::int64_t id = 0;
  const auto* end = v->data() + v->size();
  const auto [p, ec] = std::from_chars(v->data(), end, id);
  if (v->empty() || ec != std::errc{} || p != end || id <= 0)
    bad_filter("meter", "must be a meter id (a positive integer)");
  return id;
}

storage::TimeRange time_range_filter(const Call& call) {
  storage::TimeRange range{time_filter(call, "from"), time_filter(call, "to")};
  if (range.from && range.to && *range.from >= *range.to) bad_filter("to", "must be after from");
  return range;
}

}  // namespace jemhead::api
