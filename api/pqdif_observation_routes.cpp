// A stored PQDIF file's parsed content (issue 6), as the parser (engine/pqdif_parser) left
// it; a file still 'pending' has none yet:
//   GET /api/v1/pqdif/{id}/observations            observations in file order, each with its
//                                                  channel instances and their series' metadata
//   GET /api/v1/pqdif/{id}/observations/{index}    one observation's values per series;
//       channels=0,3    only these channel instances (as numbered in the listing)
//       max_points=N    at most N values per series, for plotting: min/max per bucket, the
//                       series of one channel instance thinned at the same indexes (so each
//                       value keeps its time), see pqdif_decimation.hpp
#include <boost/json.hpp>
#include <charconv>
#include <map>

#include "api/pqdif_content_json.hpp"
#include "api/pqdif_decimation.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "core/pqdif/tags.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxPoints = 1'000'000;

[[noreturn]] void bad_parameter(const std::string& name, const std::string& message) {
  throw ApiError(400, "query parameter " + name + ": " + message, {{name, message}});
}

PqdifStoredFile find_file(ApiContext& ctx, Call& call) {
  const auto id = path_id(call, "id", "PQDIF file");
  auto f = ctx.repo.find_pqdif_file(id);
  if (!f) throw ApiError(404, "no PQDIF file with id " + std::to_string(id));
  return std::move(*f);
}

std::optional<std::int64_t> non_negative(std::string_view text) {
  std::int64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || p != end || v < 0) return std::nullopt;
  return v;
}

std::vector<std::uint32_t> channels_param(const Call& call, std::int64_t channel_count) {
  std::vector<std::uint32_t> channels;
  const auto it = call.request.query.find("channels");
  if (it == call.request.query.end()) return channels;
  std::string_view rest = it->second;
  while (true) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    const auto n = non_negative(item);
    if (!n || *n >= channel_count) {
      std::string message = "'";
      message += item.substr(0, 16);
      message += "' is not a channel instance of the observation (0..";
      message += std::to_string(channel_count - 1);
      message += ')';
      bad_parameter("channels", message);
    }
    channels.push_back(static_cast<std::uint32_t>(*n));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return channels;
}

std::optional<std::size_t> max_points_param(const Call& call) {
  const auto it = call.request.query.find("max_points");
  if (it == call.request.query.end()) return std::nullopt;
  const auto n = non_negative(it->second);
  if (!n || *n < 2 || *n > static_cast<std::int64_t>(kMaxPoints))
    bad_parameter("max_points", "must be an integer from 2 to " + std::to_string(kMaxPoints));
  return static_cast<std::size_t>(*n);
}

net::HttpResponse list_observations(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto f = find_file(ctx, call);
  json::array observations;
  for (const auto& o : ctx.repo.list_pqdif_observations(f.id))
    observations.push_back(pqdif_observation_listing_json(o));
  json::object body;
  body["file_id"] = f.id;
  body["parse_status"] = to_text(f.parse.status);
  body["parse_error"] = f.parse.error;
  body["observations"] = std::move(observations);
  return json_response(200, body);
}

// The series of one channel instance that share a length are thinned together; time
// series only follow (their extremes are their ends, which say nothing).
void decimate(std::vector<PqdifSeriesRow>& series, std::size_t max_points) {
  const auto time = pqdif::kValueTypeTime.to_string();
  std::map<std::pair<std::uint32_t, std::size_t>, std::vector<PqdifSeriesRow*>> groups;
  for (auto& s : series) groups[{s.channel_index, s.values.size()}].push_back(&s);
  for (auto& [key, members] : groups) {
    const auto n = key.second;
    if (n <= max_points) continue;
    std::vector<std::span<const double>> values;
    for (const auto* s : members)
      if (s->value_type != time) values.emplace_back(s->values);
    const auto keep = decimation_indexes(n, values, max_points);
    for (auto* s : members) {
      std::vector<double> thinned;
      thinned.reserve(keep.size());
      for (auto i : keep) thinned.push_back(s->values[i]);
      s->values = std::move(thinned);
    }
  }
}

net::HttpResponse observation_values(ApiContext& ctx, Call& call) {
  allow_query(call, {"channels", "max_points"});
  const auto f = find_file(ctx, call);
  const auto& index_text = call.params.at("index");
  const auto index = non_negative(index_text);
  const auto o = index ? ctx.repo.find_pqdif_observation(f.id, *index) : std::nullopt;
  if (!o)
    throw ApiError(404, "PQDIF file " + std::to_string(f.id) + " (parse status " +
                            std::string(to_text(f.parse.status)) + ") has no observation '" +
                            index_text.substr(0, 32) + "'");
  const auto channels = channels_param(call, o->channel_count);
  const auto max_points = max_points_param(call);

  auto series = ctx.repo.pqdif_series(o->id, channels);
  if (max_points) decimate(series, *max_points);
  json::array items;
  for (const auto& s : series) {
    auto j = pqdif_series_json(s);
    j["decimated"] = static_cast<std::int64_t>(s.values.size()) != s.value_count;
    j["values"] = pqdif_values_json(s.values);
    items.push_back(std::move(j));
  }
  auto body = pqdif_observation_json(*o);
  body["file_id"] = f.id;
  body["max_points"] = max_points ? json::value(*max_points) : json::value(nullptr);
  body["series"] = std::move(items);
  return json_response(200, body);
}

}  // namespace

void add_pqdif_observation_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", "/api/v1/pqdif/{id}/observations", Role::viewer, bind(list_observations)});
  router.add(
      {"GET", "/api/v1/pqdif/{id}/observations/{index}", Role::viewer, bind(observation_values)});
}

}  // namespace jemhead::api
