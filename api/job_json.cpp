#include "api/job_json.hpp"

#include <boost/json.hpp>

#include "core/json_values.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

json::array split_kinds(const std::string& text) {
  json::array out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

json::value text_or_null(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

// Written by the engine; a row it did not write (or a damaged one) shows no results
// rather than failing the whole page.
json::value results_value(const std::string& text) {
  std::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_array() ? v : json::value(json::array{});
}

}  // namespace

json::object job_run_json(const JobRun& run) {
  json::object o;
  o["id"] = run.id;
  o["meter_id"] = run.meter_id;
  o["kinds"] = split_kinds(run.kind);
  o["trigger"] = run.trigger;
  o["nominal_at"] = iso8601_or_null(run.nominal_at);
  o["started_at"] = format_iso8601(run.started_at);
  o["finished_at"] = iso8601_or_null(run.finished_at);
  o["outcome"] = run.outcome;
  o["profile"] = run.profile;
  o["attempts"] = run.attempts;
  o["values"] = run.values;
  o["bytes"] = run.bytes;
  o["error_type"] = text_or_null(run.error_type);
  o["error"] = text_or_null(run.error);
  o["results"] = results_value(run.results_json);
  return o;
}

}  // namespace jemhead::api
