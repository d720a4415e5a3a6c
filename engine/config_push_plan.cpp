#include "engine/config_push_plan.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace jemhead::engine {

namespace json = boost::json;

config::MeterConfiguration parse_document(const std::string& text) {
  return config::from_json_text(text).config;
}

config::MeterConfiguration previous_document(storage::Store& repo, std::int64_t meter_id,
                                             std::int64_t version,
                                             const config::MeterConfiguration& target) {
  if (version > 1)
    if (const auto v = repo.config_version(meter_id, version - 1))
      return parse_document(v->document_json);
  config::MeterConfiguration defaults;
  defaults.hardware = target.hardware;
  return defaults;
}

namespace {

std::vector<std::string> document_sections() {
  std::vector<std::string> out;
  for (const auto& [key, value] : config::to_json(config::MeterConfiguration{}))
    out.emplace_back(key);
  return out;
}

std::vector<std::string> confirmation_reasons(const config::ImpactReport& impact,
                                              const std::vector<std::string>& sections) {
  const auto requested = [&](const std::string& path) {
    const auto s = config::section_of(path);
    return std::find(sections.begin(), sections.end(), s) != sections.end();
  };
  std::vector<std::string> out;
  for (const auto& r : impact.reinitialized)
    for (const auto& path : r.because)
      if (requested(path)) {
        std::string t = "re-initialises ";
        t += to_text(r.data);
        t += " (";
        t += path;
        t += ")";
        out.push_back(std::move(t));
        break;
      }
  for (const auto& d : impact.destructive)
    if (requested(d.path)) out.push_back(d.path + ": " + d.why);
  return out;
}

json::array presets_json(const std::vector<drivers::RegisterPreset>& presets) {
  json::array a;
  for (const auto& p : presets) a.push_back(json::object{{"point", p.point}, {"value", p.value}});
  return a;
}
json::array outputs_json(const std::vector<drivers::OutputCommand>& outputs) {
  json::array a;
  for (const auto& o : outputs) a.push_back(json::object{{"output", o.output}, {"on", o.on}});
  return a;
}

// The version a request names (404 when it does not exist), or the latest (409 when there
// is none).
ConfigVersion requested_version(storage::Repository& repo, const ConfigPushRequest& request) {
  if (request.version) {
    auto version = repo.config_version(request.meter_id, *request.version);
    if (!version)
      throw ConfigPushRejected(404, "meter " + std::to_string(request.meter_id) +
                                        " has no configuration version " +
                                        std::to_string(*request.version));
    return std::move(*version);
  }
  auto version = repo.latest_config_version(request.meter_id);
  if (!version)
    throw ConfigPushRejected(
        409, "meter " + std::to_string(request.meter_id) + " has no configuration version to push");
  return std::move(*version);
}

// Sections: named ones must exist (hardware describes the meter and is never written);
// none named: every section the version changes.
std::vector<std::string> requested_sections(const ConfigPushRequest& request,
                                            const config::ImpactReport& impact) {
  std::vector<std::string> sections;
  if (!request.sections) {
    for (const auto& s : impact.sections)
      if (s.writable_by_push) sections.push_back(s.section);
    return sections;
  }
  const auto known = document_sections();
  std::vector<std::pair<std::string, std::string>> problems;
  for (std::size_t i = 0; i < request.sections->size(); ++i) {
    const auto& s = (*request.sections)[i];
    const auto where = "sections/" + std::to_string(i);
    if (s == "hardware")
      problems.emplace_back(where, "hardware describes the meter; a push never writes it");
    else if (std::find(known.begin(), known.end(), s) == known.end())
      problems.emplace_back(where, "unknown section '" + s.substr(0, 64) + "'");
    else if (std::find(sections.begin(), sections.end(), s) == sections.end())
      sections.push_back(s);
  }
  if (!problems.empty())
    throw ConfigPushRejected(422, "the push request is invalid", std::move(problems));
  return sections;
}

}  // namespace

std::string confirmation_error(const config::ImpactReport& impact,
                               const std::vector<std::string>& sections) {
  const auto reasons = confirmation_reasons(impact, sections);
  if (reasons.empty()) return {};
  std::string error = "destructive changes need confirm: ";
  for (std::size_t i = 0; i < reasons.size(); ++i) error += (i ? "; " : "") + reasons[i];
  return error;
}

Operations operations_of(const ConfigPush& push) {
  Operations ops;
  boost::system::error_code ec;
  const auto v = json::parse(push.impact_json, ec);
  if (ec || !v.is_object()) return ops;
  const auto* o = v.as_object().if_contains("requested_operations");
  if (!o || !o->is_object()) return ops;
  const auto& r = o->as_object();
  if (const auto* c = r.if_contains("clock"); c && c->is_bool()) ops.clock = c->as_bool();
  if (const auto* p = r.if_contains("presets"); p && p->is_array())
    for (const auto& e : p->as_array())
      if (e.is_object() && e.as_object().contains("point") && e.as_object().contains("value"))
        ops.presets.push_back(
            {json::value_to<std::string>(e.at("point")), e.at("value").to_number<double>()});
  if (const auto* p = r.if_contains("outputs"); p && p->is_array())
    for (const auto& e : p->as_array())
      if (e.is_object() && e.as_object().contains("output") && e.as_object().contains("on"))
        ops.outputs.push_back({json::value_to<std::string>(e.at("output")), e.at("on").as_bool()});
  return ops;
}

ConfigPush record_push(const ConfigPushContext& ctx, const ConfigPushRequest& request) {
  auto& repo = ctx.repo;
  const auto meter = repo.find_meter(request.meter_id);
  if (!meter) throw ConfigPushRejected(404, "no meter " + std::to_string(request.meter_id));
  const auto version = requested_version(repo, request);
  const auto parsed = config::from_json_text(version.document_json);
  if (!parsed.problems.empty()) {
    std::vector<std::pair<std::string, std::string>> problems;
    for (const auto& p : parsed.problems) problems.emplace_back(p.path, p.rule + ": " + p.message);
    std::string what = "version ";
    what += std::to_string(version.version);
    what += " does not validate (";
    what += std::to_string(problems.size());
    what += " problem(s))";
    throw ConfigPushRejected(422, what, std::move(problems));
  }
  const auto& target = parsed.config;
  const auto from = previous_document(repo, request.meter_id, version.version, target);
  const auto impact = config::analyse_impact(from, target);
  const auto sections = requested_sections(request, impact);

  // Operations the meter's profiles cannot do are refused now (409), as "read now" does.
  const auto profiles = repo.list_connections(request.meter_id);
  const auto need = [&](bool wanted, Capability c) {
    if (!wanted) return;
    std::string why;
    if (!ctx.drivers.route(profiles, c, why)) throw ConfigPushRejected(409, why);
  };
  need(request.clock, Capability::set_clock);
  need(!request.presets.empty(), Capability::write_presets);
  need(!request.outputs.empty(), Capability::control_outputs);

  ConfigPush push;
  push.meter_id = request.meter_id;
  push.version = version.version;
  push.sections = sections;
  push.confirmed = request.confirm;
  push.requested_by = request.requested_by;
  push.requested_at = utc_now();
  push.status = ConfigPushStatus::queued;
  auto impact_json = config::to_json(impact);
  impact_json["requested_operations"] = json::object{{"clock", request.clock},
                                                     {"presets", presets_json(request.presets)},
                                                     {"outputs", outputs_json(request.outputs)}};
  push.impact_json = json::serialize(impact_json);
  if (!request.confirm) {
    push.error = confirmation_error(impact, sections);
    if (!push.error.empty()) {
      push.status = ConfigPushStatus::refused;
      push.finished_at = push.requested_at;
    }
  }
  AuditEntry audit;
  audit.at = push.requested_at;
  audit.actor = request.requested_by;
  audit.action = "config.push";
  audit.target = target_of(request.meter_id);
  json::array section_list;
  for (const auto& s : sections) section_list.emplace_back(s);
  repo.transact([&](storage::Store& s) {
    push = s.insert_config_push(push);
    audit.detail_json = json::serialize(json::object{{"push", push.id},
                                                     {"version", push.version},
                                                     {"sections", section_list},
                                                     {"confirm", request.confirm},
                                                     {"clock", request.clock},
                                                     {"presets", presets_json(request.presets)},
                                                     {"outputs", outputs_json(request.outputs)},
                                                     {"status", to_text(push.status)},
                                                     {"error", push.error}});
    s.append_audit(audit);
  });
  return push;
}

}  // namespace jemhead::engine
