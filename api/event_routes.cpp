// The meter's stored log entries (what `events` jobs collected, e.g. the DLMS Ethernet
// connection log, and the status edges):
//   GET /api/v1/meters/{id}/events?log=&from=&to=&after=&limit=
// Oldest stored first (by id), keyset paging by id. `log` keeps one log's entries; the
// filter runs over the repository's pages, at most kMaxScanned entries per request, so a
// huge other log cannot make one request unbounded (`next_after` then continues the scan).
#include <boost/json.hpp>

#include "api/handler_support.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxScanned = 20000;

json::object event_json(const LogEvent& e) {
  return json::object{{"id", e.id},
                      {"log", e.log},
                      {"time", format_iso8601(e.event_time)},
                      {"code", e.code},
                      {"description", e.description},
                      {"raw", e.raw}};
}

net::HttpResponse get_events(ApiContext& ctx, Call& call) {
  allow_query(call, {"log", "from", "to", "after", "limit"});
  const auto meter_id = path_id(call, "id", "meter");
  if (!ctx.repo.find_meter(meter_id))
    throw ApiError(404, "no meter with id " + std::to_string(meter_id));
  const auto log_it = call.request.query.find("log");
  const std::string log = log_it == call.request.query.end() ? std::string() : log_it->second;
  const storage::TimeRange range{query_time(call, "from"), query_time(call, "to")};
  const auto wanted = page_from_query(call);
  json::array items;
  storage::Page page{wanted.after_id, wanted.limit};
  bool more = false;
  for (std::size_t scanned = 0; items.size() < wanted.limit;) {
    const auto events = ctx.repo.events(meter_id, range, page);
    for (const auto& e : events) {
      page.after_id = e.id;
      ++scanned;
      if (log.empty() || e.log == log) items.push_back(event_json(e));
      if (items.size() == wanted.limit) break;
    }
    more = events.size() == page.limit || items.size() == wanted.limit;
    if (events.size() < page.limit || scanned >= kMaxScanned) break;
  }
  json::object out;
  out["items"] = std::move(items);
  out["next_after"] = more ? json::value(page.after_id) : json::value(nullptr);
  return json_response(200, out);
}

}  // namespace

void add_event_routes(Router& router, ApiContext& ctx) {
  router.add({"GET", "/api/v1/meters/{id}/events", Role::viewer,
              [&ctx](Call& c) { return get_events(ctx, c); }});
}

}  // namespace jemhead::api
