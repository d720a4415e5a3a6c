#include "bench/engine_client.hpp"

#include <stdexcept>

namespace jemhead::bench {

namespace json = boost::json;

namespace {

json::value get_json(const testing::HttpTarget& api, const std::string& path) {
  const auto reply = api.call("GET", path, {}, testing::kViewerToken);
  if (reply.status != 200)
    throw std::runtime_error("GET " + path + ": HTTP " + std::to_string(reply.status) + " " +
                             reply.body.substr(0, 500));
  return reply.json();
}

UtcTime time_at(const json::object& o, const char* key) {
  const auto parsed = parse_iso8601(std::string(o.at(key).as_string()));
  if (!parsed) throw std::runtime_error(std::string("job run: bad ") + key);
  return *parsed;
}

}  // namespace

EngineCounts engine_counts(const testing::HttpTarget& api) {
  const auto body = get_json(api, "/api/v1/engine").as_object();
  EngineCounts counts;
  counts.waiting = body.at("waiting").to_number<std::size_t>();
  counts.running = body.at("running").to_number<std::size_t>();
  counts.jobs_finished = body.at("jobs_finished").to_number<std::uint64_t>();
  return counts;
}

std::string collect_now(const testing::HttpTarget& api, const std::vector<std::string>& kinds) {
  json::array list;
  for (const auto& k : kinds) list.emplace_back(k);
  const auto reply =
      api.call("POST", "/api/v1/collect", json::serialize(json::object{{"kinds", std::move(list)}}),
               testing::kOperatorToken);
  if (reply.status / 100 != 2)
    throw std::runtime_error("POST /api/v1/collect: HTTP " + std::to_string(reply.status) + " " +
                             reply.body.substr(0, 500));
  return reply.body;
}

std::vector<JobRunView> job_runs(const testing::HttpTarget& api) {
  std::vector<JobRunView> runs;
  std::string after;
  for (;;) {
    const auto page = get_json(api, "/api/v1/jobs?order=oldest&limit=1000" +
                                        (after.empty() ? "" : "&after=" + after))
                          .as_object();
    for (const auto& item : page.at("items").as_array()) {
      const auto& o = item.as_object();
      JobRunView run;
      run.id = o.at("id").as_int64();
      run.meter_id = o.at("meter_id").as_int64();
      for (const auto& kind : o.at("kinds").as_array()) {
        if (!run.kind.empty()) run.kind += ',';
        run.kind += std::string_view(kind.as_string());
      }
      run.outcome = std::string(o.at("outcome").as_string());
      run.trigger = std::string(o.at("trigger").as_string());
      run.values = o.at("values").to_number<std::int64_t>();
      run.bytes = o.at("bytes").to_number<std::int64_t>();
      if (const auto* error = o.if_contains("error"); error && error->is_string())
        run.error = std::string(error->as_string());
      run.started_at = time_at(o, "started_at");
      if (const auto* finished = o.if_contains("finished_at"); finished && finished->is_string())
        run.finished_at = time_at(o, "finished_at");
      if (const auto* nominal = o.if_contains("nominal_at"); nominal && nominal->is_string())
        run.nominal_at = time_at(o, "nominal_at");
      runs.push_back(std::move(run));
    }
    const auto* next = page.if_contains("next_after");
    if (!next || next->is_null()) return runs;
    after = std::to_string(next->to_number<std::int64_t>());
  }
}

}  // namespace jemhead::bench
