// /api/v1/groups and /api/v1/groups/{id}.
#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/meter_json.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr const char* kCollection = "/api/v1/groups";
constexpr const char* kItem = "/api/v1/groups/{id}";

std::string group_target(std::int64_t id) {
  return "group/" + std::to_string(id);
}

Group load(storage::Store& s, std::int64_t id) {
  auto g = s.find_group(id);
  if (!g) throw ApiError(404, "no group with id " + std::to_string(id));
  return *g;
}

net::HttpResponse list_all(ApiContext& ctx, Call& call) {
  allow_query(call, {"after", "limit"});
  const auto page = page_from_query(call);
  json::array items;
  std::int64_t last = 0;
  for (const auto& g : ctx.repo.list_groups(page)) {
    items.push_back(to_json(g));
    last = g.id;
  }
  return json_response(200, page_body(std::move(items), last, page.limit));
}

net::HttpResponse create_one(ApiContext& ctx, Call& call) {
  require_json_body(call);
  auto group = decode_group(call.request.body, Group{});
  group.created_at = utc_now();
  Group stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto id = s.insert_group(group);
    stored = load(s, id);
    s.append_audit(
        audit_entry(call, "group.create", group_target(id), parse_json_object(call.request.body)));
  });
  fleet_changed(ctx);
  return created_response(to_json(stored),
                          std::string(kCollection) + "/" + std::to_string(stored.id));
}

net::HttpResponse get_one(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  return json_response(200, to_json(load(ctx.repo, path_id(call, "id", "group"))));
}

net::HttpResponse update_one(ApiContext& ctx, Call& call, bool replace) {
  require_json_body(call);
  const auto id = path_id(call, "id", "group");
  Group stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = load(s, id);
    auto group = decode_group(call.request.body, replace ? Group{} : existing);
    group.id = id;
    group.created_at = existing.created_at;
    if (!s.update_group(group)) throw ApiError(404, "no group with id " + std::to_string(id));
    stored = load(s, id);
    s.append_audit(audit_entry(call, replace ? "group.update" : "group.patch", group_target(id),
                               changed_fields(to_json(existing), to_json(stored))));
  });
  fleet_changed(ctx);
  return json_response(200, to_json(stored));
}

net::HttpResponse delete_one(ApiContext& ctx, Call& call) {
  const auto id = path_id(call, "id", "group");
  ctx.repo.transact([&](storage::Store& s) {
    const auto existing = load(s, id);
    // The store refuses (Conflict -> 409) while meters still belong to the group.
    if (!s.delete_group(id)) throw ApiError(404, "no group with id " + std::to_string(id));
    s.append_audit(
        audit_entry(call, "group.delete", group_target(id), json::object{{"name", existing.name}}));
  });
  fleet_changed(ctx);
  return no_content();
}

}  // namespace

void add_group_routes(Router& router, ApiContext& ctx) {
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
