// /api/v1/meters/{id}/connections and /api/v1/meters/{id}/connections/{cid}.
#include <boost/json.hpp>

#include "api/connection_json.hpp"
#include "api/json_reader.hpp"
#include "api/meter_access.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr const char* kCollection = "/api/v1/meters/{id}/connections";
constexpr const char* kItem = "/api/v1/meters/{id}/connections/{cid}";

std::string connection_target(std::int64_t id) {
  return "connection/" + std::to_string(id);
}

void require_meter(storage::Store& s, std::int64_t meter_id) {
  if (!s.find_meter(meter_id)) throw ApiError(404, "no meter with id " + std::to_string(meter_id));
}

// A profile is addressed through its meter: one of another meter is "not found" here.
ConnectionProfile load(storage::Store& s, std::int64_t meter_id, std::int64_t id) {
  auto p = s.find_connection(id);
  if (!p || p->meter_id != meter_id)
    throw ApiError(404, "meter " + std::to_string(meter_id) +
                            " has no connection profile with id " + std::to_string(id));
  return *p;
}

net::HttpResponse list_all(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto meter_id = path_id(call, "id", "meter");
  require_meter(ctx.repo, meter_id);
  json::array items;
  for (const auto& p : ctx.repo.list_connections(meter_id)) items.push_back(to_json(p));
  return json_response(200, json::object{{"items", std::move(items)}});
}

// The request's profile after the driver has checked its protocol options.
ConnectionProfile decode_checked(ApiContext& ctx, const Call& call, ConnectionProfile base,
                                 std::string_view previous_options_json = {}) {
  auto profile = decode_connection(call.request.body, std::move(base), previous_options_json);
  if (ctx.options.meter_access) {
    auto problems = ctx.options.meter_access->validate_options(profile);
    if (!problems.ok()) throw_invalid(std::move(problems), "connection profile");
  }
  return profile;
}

net::HttpResponse create_one(ApiContext& ctx, Call& call) {
  require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  ConnectionProfile base;
  base.meter_id = meter_id;
  ConnectionProfile stored;
  ctx.repo.transact([&](storage::Store& s) {
    require_meter(s, meter_id);
    const auto profile = decode_checked(ctx, call, base);
    const auto id = s.insert_connection(profile);
    stored = load(s, meter_id, id);
    auto detail = parse_json_object(call.request.body);
    detail["meter_id"] = meter_id;
    s.append_audit(audit_entry(call, "connection.create", connection_target(id), detail));
  });
  fleet_changed(ctx);
  return created_response(to_json(stored), "/api/v1/meters/" + std::to_string(meter_id) +
                                               "/connections/" + std::to_string(stored.id));
}

net::HttpResponse get_one(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto meter_id = path_id(call, "id", "meter");
  return json_response(
      200, to_json(load(ctx.repo, meter_id, path_id(call, "cid", "connection profile"))));
}

// PUT replaces every writable field; a "***" secret in options keeps the stored value.
net::HttpResponse update_one(ApiContext& ctx, Call& call) {
  require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  const auto id = path_id(call, "cid", "connection profile");
  ConnectionProfile stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = load(s, meter_id, id);
    ConnectionProfile base;
    base.id = id;
    base.meter_id = meter_id;
    const auto profile = decode_checked(ctx, call, base, existing.options_json);
    if (!s.update_connection(profile))
      throw ApiError(404, "no connection profile with id " + std::to_string(id));
    stored = load(s, meter_id, id);
    s.append_audit(audit_entry(call, "connection.update", connection_target(id),
                               changed_fields(to_json(existing), to_json(stored))));
  });
  fleet_changed(ctx);
  return json_response(200, to_json(stored));
}

net::HttpResponse delete_one(ApiContext& ctx, Call& call) {
  const auto meter_id = path_id(call, "id", "meter");
  const auto id = path_id(call, "cid", "connection profile");
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = load(s, meter_id, id);
    if (!s.delete_connection(id))
      throw ApiError(404, "no connection profile with id " + std::to_string(id));
    s.append_audit(audit_entry(call, "connection.delete", connection_target(id),
                               json::object{{"meter_id", meter_id}, {"name", existing.name}}));
  });
  fleet_changed(ctx);
  return no_content();
}

}  // namespace

void add_connection_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", kCollection, Role::viewer, bind(list_all)});
  router.add({"POST", kCollection, Role::operator_, bind(create_one)});
  router.add({"GET", kItem, Role::viewer, bind(get_one)});
  router.add({"PUT", kItem, Role::operator_, bind(update_one)});
  router.add({"DELETE", kItem, Role::operator_, bind(delete_one)});
}

}  // namespace jemhead::api
