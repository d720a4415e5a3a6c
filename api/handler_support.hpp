#pragma once
// What every route handler needs: the shared context, JSON responses, path-id and
// query-parameter parsing with clear errors, and the audit entry written in the same
// transaction as the change it records.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "api/api_metrics.hpp"
#include "api/rest_api.hpp"
#include "api/router.hpp"
#include "storage/repository.hpp"

namespace jemhead::api {

struct ApiContext {
  storage::Repository& repo;
  ApiOptions options;
  ApiMetrics metrics;
};

net::HttpResponse json_response(int status, const boost::json::value& body);
net::HttpResponse no_content();
// 201 Created with the new resource's JSON and its Location.
net::HttpResponse created_response(const boost::json::value& body, const std::string& location);

// The numeric path parameter `name`; anything else names no resource (ApiError 404).
std::int64_t path_id(const Call& call, const std::string& name, std::string_view what);

// ApiError 400 for a query parameter not in `allowed` (a typo must not silently widen a
// filter).
void allow_query(const Call& call, std::initializer_list<std::string_view> allowed);
storage::Page page_from_query(const Call& call);  // after (>= 0), limit (1..1000, default 100)
std::optional<std::int64_t> query_int(const Call& call, const std::string& name);
std::optional<bool> query_bool(const Call& call, const std::string& name);
std::optional<UtcTime> query_time(const Call& call, const std::string& name);

// Write bodies must be JSON (ApiError 415 otherwise).
void require_json_body(const Call& call);

// {"items": [...], "next_after": id-of-last-item or null when the page was not full}.
boost::json::object page_body(boost::json::array items, std::int64_t last_id, std::size_t limit);
// page_body of `records` (each with an `id`), each as `to_json` makes it.
template <typename Records, typename ToJson>
boost::json::object records_page(const Records& records, ToJson to_json,
                                 const storage::Page& page) {
  boost::json::array items;
  std::int64_t last = 0;
  for (const auto& r : records) {
    items.push_back(to_json(r));
    last = r.id;
  }
  return page_body(std::move(items), last, page.limit);
}

AuditEntry audit_entry(const Call& call, std::string action, std::string target,
                       const boost::json::value& detail);
// Tells the collection engine (when there is one) that meters, groups or connection
// profiles changed, after the change committed.
void fleet_changed(ApiContext& ctx);

// {"before": {...}, "after": {...}} holding only the top-level fields that differ
// (updated_at left out: it always differs and the audit entry has its own time).
boost::json::object changed_fields(const boost::json::object& before,
                                   const boost::json::object& after);

}  // namespace jemhead::api
