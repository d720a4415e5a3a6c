// /api/v1/meters and /api/v1/meters/{id}.
#include <boost/json.hpp>
#include <unordered_map>

#include "api/json_reader.hpp"
#include "api/meter_json.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr const char* kCollection = "/api/v1/meters";
constexpr const char* kItem = "/api/v1/meters/{id}";

std::string meter_target(std::int64_t id) {
  return "meter/" + std::to_string(id);
}

// A meter may only name a group that exists; said as a field error, not a bare 409.
void check_group(storage::Store& s, const Meter& m) {
  if (m.group_id && !s.find_group(*m.group_id))
    throw ApiError(422,
                   "meter is invalid: group_id: no group with id " + std::to_string(*m.group_id),
                   {{"group_id", "no group with id " + std::to_string(*m.group_id)}});
}

Meter fresh_meter() {
  Meter m;
  m.identification = default_identification();
  return m;
}

Meter load(storage::Store& s, std::int64_t id) {
  auto m = s.find_meter(id);
  if (!m) throw ApiError(404, "no meter with id " + std::to_string(id));
  return *m;
}

net::HttpResponse list_all(ApiContext& ctx, Call& call) {
  allow_query(call, {"after", "limit", "group_id", "mid", "enabled", "serial_prefix", "q"});
  storage::MeterFilter filter;
  filter.group_id = query_int(call, "group_id");
  filter.mid = query_bool(call, "mid");
  filter.enabled = query_bool(call, "enabled");
  const auto& q = call.request.query;
  if (auto it = q.find("serial_prefix"); it != q.end()) filter.serial_prefix = it->second;
  if (auto it = q.find("q"); it != q.end()) filter.text = it->second;
  const auto page = page_from_query(call);
  const auto meters = ctx.repo.list_meters(filter, page);
  // Health rows exist only for meters that failed lately: one query for the page, not one
  // per meter.
  std::unordered_map<std::int64_t, MeterHealth> health;
  if (!meters.empty())
    for (auto& h : ctx.repo.list_meter_health()) health.emplace(h.meter_id, std::move(h));
  json::array items;
  std::int64_t last = 0;
  for (const auto& m : meters) {
    const auto it = health.find(m.id);
    items.push_back(to_json(m, it == health.end() ? std::nullopt : std::optional(it->second)));
    last = m.id;
  }
  auto body = page_body(std::move(items), last, page.limit);
  body["total"] = ctx.repo.count_meters(filter);
  return json_response(200, body);
}

net::HttpResponse create_one(ApiContext& ctx, Call& call) {
  require_json_body(call);
  auto meter = decode_meter(call.request.body, fresh_meter());
  meter.created_at = meter.updated_at = utc_now();
  Meter stored;
  ctx.repo.transact([&](storage::Store& s) {
    check_group(s, meter);
    const auto id = s.insert_meter(meter);
    stored = load(s, id);
    s.append_audit(
        audit_entry(call, "meter.create", meter_target(id), parse_json_object(call.request.body)));
  });
  fleet_changed(ctx);
  return created_response(to_json(stored, std::nullopt),
                          std::string(kCollection) + "/" + std::to_string(stored.id));
}

net::HttpResponse get_one(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "meter");
  return json_response(200, to_json(load(ctx.repo, id), ctx.repo.meter_health(id)));
}

// PUT replaces every writable field (absent ones take their defaults); PATCH changes only
// the fields present.
net::HttpResponse update_one(ApiContext& ctx, Call& call, bool replace) {
  require_json_body(call);
  const auto id = path_id(call, "id", "meter");
  Meter stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = load(s, id);
    auto meter = decode_meter(call.request.body, replace ? fresh_meter() : existing);
    meter.id = id;
    meter.created_at = existing.created_at;
    meter.updated_at = utc_now();
    check_group(s, meter);
    if (!s.update_meter(meter)) throw ApiError(404, "no meter with id " + std::to_string(id));
    stored = load(s, id);
    s.append_audit(audit_entry(call, replace ? "meter.update" : "meter.patch", meter_target(id),
                               changed_fields(to_json(existing), to_json(stored))));
  });
  fleet_changed(ctx);
  return json_response(200, to_json(stored, ctx.repo.meter_health(id)));
}

net::HttpResponse delete_one(ApiContext& ctx, Call& call) {
  const auto id = path_id(call, "id", "meter");
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = load(s, id);
    if (!s.delete_meter(id)) throw ApiError(404, "no meter with id " + std::to_string(id));
    s.append_audit(audit_entry(call, "meter.delete", meter_target(id),
                               json::object{{"serial", existing.serial}}));
  });
  fleet_changed(ctx);
  return no_content();
}

}  // namespace

void add_meter_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", kCollection, Role::viewer, bind(list_all)});
  router.add({"POST", kCollection, Role::operator_, bind(create_one)});
  router.add({"GET", kItem, Role::viewer, bind(get_one)});
  router.add({"PUT", kItem, Role::operator_,
              [&ctx](Call& c) { return update_one(ctx, c, /*replace=*/true); }});
  router.add({"PATCH", kItem, Role::operator_,
              [&ctx](Call& c) { return update_one(ctx, c, /*replace=*/false); }});
  router.add({"DELETE", kItem, Role::admin, bind(delete_one)});
}

}  // namespace jemhead::api
