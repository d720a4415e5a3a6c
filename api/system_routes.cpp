// /health, /metrics, /api/v1/openapi.yaml and /api/v1/audit.
#include <boost/json.hpp>

#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

net::HttpResponse health(ApiContext& ctx, Call&) {
  // Open to anyone (load balancers, the demo), so it says nothing beyond up/down/version.
  bool db_ok = false;
  int schema = 0;
  try {
    db_ok = ctx.repo.ping();
    schema = ctx.repo.schema_version();
  } catch (const std::exception&) {
    db_ok = false;
  }
  return json_response(db_ok ? 200 : 503, json::object{{"status", db_ok ? "ok" : "degraded"},
                                                       {"version", ctx.options.version},
                                                       {"schema_version", schema},
                                                       {"db", db_ok ? "ok" : "unavailable"}});
}

net::HttpResponse metrics(ApiContext& ctx, Call&) {
  net::HttpResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.metrics.scrape(ctx.repo.stats());
  return r;
}

net::HttpResponse openapi(ApiContext&, Call&) {
  net::HttpResponse r;
  r.content_type = "application/yaml";
  r.body = std::string(openapi_yaml());
  return r;
}

net::HttpResponse audit(ApiContext& ctx, Call& call) {
  allow_query(call, {"after", "limit", "actor", "target", "from", "to"});
  storage::AuditFilter filter;
  const auto& q = call.request.query;
  if (auto it = q.find("actor"); it != q.end()) filter.actor = it->second;
  if (auto it = q.find("target"); it != q.end()) filter.target = it->second;
  filter.time.from = query_time(call, "from");
  filter.time.to = query_time(call, "to");
  const auto page = page_from_query(call);
  json::array items;
  std::int64_t last = 0;
  for (const auto& e : ctx.repo.audit(filter, page)) {
    boost::system::error_code ec;
    auto detail = json::parse(e.detail_json, ec);
    items.push_back(json::object{{"id", e.id},
                                 {"at", format_iso8601(e.at)},
                                 {"actor", e.actor},
                                 {"action", e.action},
                                 {"target", e.target},
                                 {"detail", ec ? json::value(json::object{}) : std::move(detail)}});
    last = e.id;
  }
  return json_response(200, page_body(std::move(items), last, page.limit));
}

}  // namespace

void add_system_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", "/health", std::nullopt, bind(health)});
  router.add({"GET", "/metrics", Role::viewer, bind(metrics)});
  router.add({"GET", "/api/v1/openapi.yaml", Role::viewer, bind(openapi)});
  router.add({"GET", "/api/v1/audit", Role::admin, bind(audit)});
}

}  // namespace jemhead::api
