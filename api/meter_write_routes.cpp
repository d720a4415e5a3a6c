// Writing to meters (operator role, audited, read back):
//   POST /api/v1/meters/{id}/presets  {"values": [{"point": "1", "value": 1234.5}, ...]}
//   POST /api/v1/meters/{id}/outputs  {"outputs": [{"output": "Ch3", "on": true}, ...]}
// The job result carries the values read back after the write; the read-back registers
// are stored like any other read. Every attempt is audited, refused or failed ones too.
#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/meter_data_support.hpp"
#include "api/problem.hpp"
#include "api/reading_json.hpp"
#include "api/routes.hpp"
#include "api/write_command_json.hpp"
#include "engine/reading_store.hpp"

namespace jemhead::api {

namespace json = boost::json;
using engine::store_registers;

namespace {

constexpr std::size_t kMaxItems = 300;  // a meter has at most 300 counters

const json::array& list_field(const json::object& body, const char* key, Validation& errors) {
  static const json::array empty;
  const auto* list = body.if_contains(key);
  for (const auto& [k, v] : body)
    if (k != key) errors.fail(std::string(k).substr(0, 64), "unknown field");
  if (!list || !list->is_array() || list->as_array().empty() ||
      list->as_array().size() > kMaxItems) {
    errors.fail(key, "must be a list of 1 to " + std::to_string(kMaxItems) + " items");
    return empty;
  }
  return list->as_array();
}

std::vector<drivers::RegisterPreset> decode_presets(const std::string& body_text) {
  const auto body = parse_json_object(body_text);
  Validation errors;
  std::vector<drivers::RegisterPreset> out;
  std::size_t i = 0;
  for (const auto& item : list_field(body, "values", errors))
    if (auto preset = preset_item(item, "values", i++, errors)) out.push_back(std::move(*preset));
  if (!errors.ok()) throw ApiError(422, "presets are invalid: " + errors.summary(), errors.take());
  return out;
}

std::vector<drivers::OutputCommand> decode_outputs(const std::string& body_text) {
  const auto body = parse_json_object(body_text);
  Validation errors;
  std::vector<drivers::OutputCommand> out;
  std::size_t i = 0;
  for (const auto& item : list_field(body, "outputs", errors))
    if (auto command =
            output_item(item, "outputs", i++, errors, "must be an output point number or name"))
      out.push_back(std::move(*command));
  if (!errors.ok())
    throw ApiError(422, "output commands are invalid: " + errors.summary(), errors.take());
  return out;
}

// Finishes the job run, stores what was read back and audits the attempt, together.
template <typename Outcome, typename Store>
json::object finish_write(ApiContext& ctx, Call& call, JobRun& run, const Outcome& outcome,
                          const char* action, json::array read_back, Store store_read_back) {
  run.finished_at = utc_now();
  run.outcome = !outcome.error ? "ok" : outcome.error->type == "refused" ? "refused" : "failed";
  run.error = outcome.error ? outcome.error->type + ": " + outcome.error->message : "";
  run.values = static_cast<std::int64_t>(read_back.size());
  auto body = job_json(run);
  body["profile"] = outcome.profile;
  body["error"] = outcome.error ? json::value(to_json(*outcome.error)) : json::value(nullptr);
  body["read_back"] = std::move(read_back);
  ctx.repo.transact([&](storage::Store& s) {
    s.update_job_run(run);
    store_read_back(s);
    auto detail = parse_json_object(call.request.body);
    detail["job_id"] = run.id;
    detail["outcome"] = run.outcome;
    detail["profile"] = outcome.profile;
    if (outcome.error) detail["error"] = to_json(*outcome.error);
    s.append_audit(audit_entry(call, action, "meter/" + std::to_string(run.meter_id), detail));
  });
  return body;
}

net::HttpResponse write_presets(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  auto presets = decode_presets(call.request.body);
  const auto target = load_meter_target(ctx, meter_id);
  const auto& access = meter_access(ctx);
  const auto profile = access.route(target.profiles, Capability::write_presets);
  auto run = start_job(ctx, meter_id, "presets");
  const auto outcome = access.write_presets(target.meter, profile, std::move(presets));
  json::array read_back;
  for (const auto& r : outcome.read_back) read_back.push_back(to_json(r));
  auto body =
      finish_write(ctx, call, run, outcome, "meter.presets", std::move(read_back),
                   [&](storage::Store& s) { store_registers(s, meter_id, outcome.read_back); });
  return json_response(200, body);
}

net::HttpResponse control_outputs(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  auto commands = decode_outputs(call.request.body);
  const auto target = load_meter_target(ctx, meter_id);
  const auto& access = meter_access(ctx);
  const auto profile = access.route(target.profiles, Capability::control_outputs);
  auto run = start_job(ctx, meter_id, "outputs");
  const auto outcome = access.control_outputs(target.meter, profile, std::move(commands));
  json::array read_back;
  for (const auto& s : outcome.read_back) read_back.push_back(to_json(s));
  auto body = finish_write(ctx, call, run, outcome, "meter.outputs", std::move(read_back),
                           [](storage::Store&) {});
  return json_response(200, body);
}

}  // namespace

void add_meter_write_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"POST", "/api/v1/meters/{id}/presets", Role::operator_, bind(write_presets)});
  router.add({"POST", "/api/v1/meters/{id}/outputs", Role::operator_, bind(control_outputs)});
}

}  // namespace jemhead::api
