// A group's configuration template (issue 8): immutable versions per group. PUT with
// "apply": true also writes a new configuration version for every meter of the group:
// the template with the meter's overrides merged (JSON merge patch), source "template".
// A meter whose result does not validate is skipped and listed with its problems, so one
// meter's bad override never blocks the rest of the group.
#include <algorithm>
#include <boost/json.hpp>

#include "api/config_api_support.hpp"
#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr const char* kTemplate = "/api/v1/groups/{id}/config-template";
constexpr const char* kTemplateVersions = "/api/v1/groups/{id}/config-template/versions";

std::string group_target(std::int64_t id) {
  return "group/" + std::to_string(id);
}

Group load_group(storage::Store& s, std::int64_t id) {
  auto g = s.find_group(id);
  if (!g) throw ApiError(404, "no group with id " + std::to_string(id));
  return *g;
}

std::vector<Meter> members(storage::Store& s, std::int64_t group_id) {
  storage::MeterFilter filter;
  filter.group_id = group_id;
  storage::Page page;
  page.limit = 500;
  std::vector<Meter> out;
  for (;;) {
    auto batch = s.list_meters(filter, page);
    if (batch.empty()) break;
    page.after_id = batch.back().id;
    const bool last = batch.size() < page.limit;
    for (auto& m : batch) out.push_back(std::move(m));
    if (last) break;
  }
  return out;
}

net::HttpResponse get_template(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "group");
  load_group(ctx.repo, id);
  const auto latest = ctx.repo.latest_template_version(id);
  if (!latest) {
    std::string detail = "group ";
    detail += std::to_string(id);
    detail += " has no configuration template yet";
    throw ApiError(404, detail);
  }
  return json_response(200, template_json(*latest, true));
}

net::HttpResponse list_template_versions(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "group");
  load_group(ctx.repo, id);
  json::array items;
  for (const auto& v : ctx.repo.template_versions(id)) items.push_back(template_json(v, false));
  return json_response(200, json::object{{"items", std::move(items)}});
}

struct ApplyOutcome {
  json::array applied;
  json::array skipped;
};

// Writes the template version `t` (with its normalised document) to every member meter.
ApplyOutcome apply_template(storage::Store& s, Call& call, const ConfigTemplateVersion& t,
                            const json::value& document, const std::string& reason) {
  ApplyOutcome out;
  for (const auto& meter : members(s, t.group_id)) {
    const auto overrides = s.config_overrides(meter.id);
    auto merged = merge_patch(document, stored_document(overrides.patch_json));
    auto checked = check_document(std::move(merged), nullptr);
    if (!checked.problems.empty()) {
      out.skipped.push_back(json::object{{"meter_id", meter.id},
                                         {"serial", meter.serial},
                                         {"problems", problems_json(checked.problems)}});
      continue;
    }
    auto v =
        new_config_version(call, meter.id, reason, checked.normalised, ConfigSource::template_);
    v.template_version = t.version;
    const auto stored = s.insert_config_version(v);
    s.append_audit(audit_entry(call, "config.template_apply", meter_target(meter.id),
                               json::object{{"version", stored.version},
                                            {"group_id", t.group_id},
                                            {"template_version", t.version}}));
    out.applied.push_back(json::object{
        {"meter_id", meter.id}, {"serial", meter.serial}, {"version", stored.version}});
  }
  return out;
}

// PUT {document, reason, apply}: a new template version; passwords sent masked keep the
// latest template's.
net::HttpResponse put_template(ApiContext& ctx, Call& call) {
  require_json_body(call);
  const auto id = path_id(call, "id", "group");
  const auto body = parse_json_object(call.request.body);
  allow_members(body, {"document", "reason", "apply"});
  auto document = document_member(body);
  const auto reason = string_member(body, "reason");
  bool apply = false;
  if (const auto* a = body.if_contains("apply"); a && !a->is_null()) {
    if (!a->is_bool())
      throw ApiError(422, "apply must be a boolean", {{"apply", "must be a boolean"}});
    apply = a->as_bool();
  }

  config::Problems problems;
  ConfigTemplateVersion stored;
  ApplyOutcome outcome;
  ctx.repo.transact([&](storage::Store& s) {
    load_group(s, id);
    const auto latest = s.latest_template_version(id);
    std::optional<json::value> reference;
    if (latest) reference = stored_document(latest->document_json);
    auto checked = check_document(std::move(document), reference ? &*reference : nullptr);
    if (!checked.problems.empty()) {
      problems = std::move(checked.problems);
      return;
    }
    ConfigTemplateVersion t;
    t.group_id = id;
    t.author = call.principal.name;
    t.reason = reason;
    t.document_json = json::serialize(checked.normalised);
    stored = s.insert_template_version(t);
    if (apply) outcome = apply_template(s, call, stored, checked.normalised, reason);
    s.append_audit(audit_entry(call, "config_template.update", group_target(id),
                               json::object{{"version", stored.version},
                                            {"reason", reason},
                                            {"apply", apply},
                                            {"applied", outcome.applied.size()},
                                            {"skipped", outcome.skipped.size()}}));
  });
  if (!problems.empty()) return config_problems_response("configuration template", problems);
  auto out = template_json(stored, true);
  out["applied"] = std::move(outcome.applied);
  out["skipped"] = std::move(outcome.skipped);
  std::string location = "/api/v1/groups/";
  location += std::to_string(id);
  location += "/config-template";
  return created_response(out, location);
}

}  // namespace

void add_config_template_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", kTemplate, Role::viewer, bind(get_template)});
  router.add({"PUT", kTemplate, Role::operator_, bind(put_template)});
  router.add({"GET", kTemplateVersions, Role::viewer, bind(list_template_versions)});
}

}  // namespace jemhead::api
