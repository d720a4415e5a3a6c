// Stored load profile, as JSON or as the CSV JEMWare exports:
//   GET /api/v1/meters/{id}/load-profile?profile=1|2&from=&to=&channels=1,3&format=json|csv
// Intervals lying within [from, to] (interval end > from and <= to), default the last day
// collected: up to the profile's collection checkpoint (where the newest collection ended),
// or up to now before the first. A meter whose clock runs ahead of the head-end still shows
// its newest intervals. Missing intervals (an outage) are never filled: between two stored
// intervals they are reported as a gap.
#include <boost/json.hpp>
#include <charconv>
#include <map>

#include "api/problem.hpp"
#include "api/routes.hpp"
#include "core/interval_flag_names.hpp"
#include "engine/load_profile_collection.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

// One request returns at most this many intervals (the range is refused beyond it).
constexpr std::int64_t kMaxIntervals = 20000;
constexpr std::uint32_t kAssumedPeriodS = 900;  // when no layout is stored yet
constexpr auto kDefaultRange = std::chrono::hours(24);

struct Interval {
  UtcTime end{};
  std::uint32_t status = 0;
  std::map<std::uint16_t, double> values;  // channel -> value
};

struct Gap {
  UtcTime from{};  // end of the last stored interval before it
  UtcTime to{};    // start of the first stored interval after it
  std::int64_t missing = 0;
};

struct LoadProfileView {
  std::uint8_t profile = 1;
  std::uint32_t capture_period_s = 0;
  std::vector<LoadProfileChannel> channels;  // as asked, in the order asked
  std::vector<Interval> intervals;
  std::vector<Gap> gaps;
};

std::uint8_t profile_from_query(const Call& call) {
  const auto profile = query_int(call, "profile");
  if (profile && *profile != 1 && *profile != 2)
    throw ApiError(400, "query parameter profile: must be 1 or 2", {{"profile", "must be 1 or 2"}});
  return static_cast<std::uint8_t>(profile.value_or(1));
}

std::vector<std::uint16_t> channels_from_query(const Call& call) {
  std::vector<std::uint16_t> channels;
  const auto it = call.request.query.find("channels");
  if (it == call.request.query.end()) return channels;
  const std::string& text = it->second;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int n = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
    if (ec != std::errc{} || end != item.data() + item.size() || n < 1 || n > 16)
      throw ApiError(400, "query parameter channels: a comma-separated list of channels 1..16",
                     {{"channels", "'" + item.substr(0, 16) + "' is not a channel 1..16"}});
    if (std::find(channels.begin(), channels.end(), n) == channels.end())
      channels.push_back(static_cast<std::uint16_t>(n));
    start = comma + 1;
  }
  return channels;
}

bool csv_from_query(const Call& call) {
  const auto it = call.request.query.find("format");
  if (it == call.request.query.end() || it->second == "json") return false;
  if (it->second == "csv") return true;
  throw ApiError(400, "query parameter format: must be json or csv",
                 {{"format", "must be json or csv"}});
}

// The stored layout's channels picked by `wanted` (all when empty); a channel the layout
// does not have is a 422. Without a stored layout, channels are known by number only.
std::vector<LoadProfileChannel> pick_channels(const std::optional<LoadProfileLayout>& layout,
                                              const std::vector<std::uint16_t>& wanted,
                                              const std::vector<LoadProfileValue>& values) {
  std::vector<LoadProfileChannel> all;
  if (layout) {
    all = layout->channels;
  } else {
    std::vector<std::uint16_t> seen;
    for (const auto& v : values)
      if (std::find(seen.begin(), seen.end(), v.channel) == seen.end()) seen.push_back(v.channel);
    std::sort(seen.begin(), seen.end());
    for (auto n : seen) {
      LoadProfileChannel c;
      c.channel = n;
      all.push_back(c);
    }
  }
  if (wanted.empty()) return all;
  std::vector<LoadProfileChannel> picked;
  for (auto n : wanted) {
    auto it = std::find_if(all.begin(), all.end(), [n](const auto& c) { return c.channel == n; });
    if (it == all.end() && layout)
      throw ApiError(422,
                     "channel " + std::to_string(n) + " is not in the profile's layout (" +
                         std::to_string(layout->channels.size()) + " channels)",
                     {{"channels", "no channel " + std::to_string(n) + " in this profile"}});
    if (it != all.end()) {
      picked.push_back(*it);
    } else {
      LoadProfileChannel c;
      c.channel = n;
      picked.push_back(c);
    }
  }
  return picked;
}

LoadProfileView load_view(ApiContext& ctx, const Call& call, std::int64_t meter_id) {
  LoadProfileView view;
  view.profile = profile_from_query(call);
  const auto wanted = channels_from_query(call);
  auto to = query_time(call, "to");
  auto from = query_time(call, "from");
  if (!to && from) to = *from + kDefaultRange;
  if (!to) {
    const auto collected =
        ctx.repo.checkpoint(meter_id, engine::load_profile_checkpoint_key(view.profile));
    if (collected) to = parse_iso8601(*collected);
    if (!to) to = utc_now();
  }
  if (!from) from = *to - kDefaultRange;
  if (*from >= *to) throw ApiError(422, "from must be before to", {{"from", "must be before to"}});

  std::optional<LoadProfileLayout> layout;
  for (auto& l : ctx.repo.load_profile_layouts(meter_id))
    if (l.profile == view.profile) layout = std::move(l);
  view.capture_period_s = layout ? layout->capture_period_s : 0;
  const auto period =
      std::chrono::seconds(view.capture_period_s > 0 ? view.capture_period_s : kAssumedPeriodS);
  const auto span = *to - *from;
  if (span / period > kMaxIntervals) {
    const auto allowed = std::chrono::duration_cast<std::chrono::hours>(period * kMaxIntervals);
    throw ApiError(
        422,
        "the range from " + format_iso8601(*from) + " to " + format_iso8601(*to) +
            " holds more than " + std::to_string(kMaxIntervals) +
            " intervals at this profile's capture period of " + std::to_string(period.count()) +
            " s; ask for at most " + std::to_string(allowed.count()) + " hours at a time",
        {{"to",
          "range too long: at most " + std::to_string(kMaxIntervals) + " intervals per request"}});
  }

  // Interval ends in (from, to]: the storage range is [from, to).
  const storage::TimeRange range{*from + Micros(1), *to + Micros(1)};
  const auto values = ctx.repo.load_profile(meter_id, view.profile, range);
  view.channels = pick_channels(layout, wanted, values);
  for (const auto& v : values) {
    if (view.intervals.empty() || view.intervals.back().end != v.interval_end)
      view.intervals.push_back({v.interval_end, 0, {}});
    auto& interval = view.intervals.back();
    interval.status |= v.status;
    interval.values[v.channel] = v.value;
  }
  for (std::size_t i = 1; i < view.intervals.size(); ++i) {
    const auto before = view.intervals[i - 1].end;
    const auto after = view.intervals[i].end;
    const auto missing = (after - before) / period - 1;
    if (missing > 0) view.gaps.push_back({before, after - period, missing});
  }
  return view;
}

json::value value_or_null(const Interval& interval, std::uint16_t channel) {
  auto it = interval.values.find(channel);
  return it == interval.values.end() ? json::value(nullptr) : json::value(it->second);
}

net::HttpResponse json_view(const LoadProfileView& view, std::int64_t meter_id) {
  json::array channels;
  for (const auto& c : view.channels)
    channels.push_back(json::object{{"channel", c.channel},
                                    {"obis", c.obis},
                                    {"quantity", c.quantity},
                                    {"phase", c.phase},
                                    {"description", c.description},
                                    {"unit", c.unit}});
  json::array intervals;
  for (const auto& i : view.intervals) {
    json::array flags;
    for (auto& name : interval_flag_names(i.status)) flags.emplace_back(name);
    json::array values;
    for (const auto& c : view.channels) values.push_back(value_or_null(i, c.channel));
    intervals.push_back(json::object{{"end", format_iso8601(i.end)},
                                     {"status", i.status},
                                     {"flags", std::move(flags)},
                                     {"values", std::move(values)}});
  }
  json::array gaps;
  for (const auto& g : view.gaps)
    gaps.push_back(json::object{
        {"from", format_iso8601(g.from)}, {"to", format_iso8601(g.to)}, {"missing", g.missing}});
  return json_response(200, json::object{{"meter_id", meter_id},
                                         {"profile", view.profile},
                                         {"capture_period_s", view.capture_period_s},
                                         {"channels", std::move(channels)},
                                         {"intervals", std::move(intervals)},
                                         {"gaps", std::move(gaps)}});
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number_text(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::string();
}

// One row per interval, one column per channel, status as its flag names ("|"-joined);
// an empty cell where a channel has no value. Missing intervals have no row.
net::HttpResponse csv_view(const LoadProfileView& view, std::int64_t meter_id) {
  std::string body = "Interval End,Status";
  for (const auto& c : view.channels) {
    std::string title =
        c.description.empty() ? "Channel " + std::to_string(c.channel) : c.description;
    if (!c.unit.empty()) title += " (" + c.unit + ")";
    body += ',';
    body += csv_field(title);
  }
  body += "\r\n";
  for (const auto& i : view.intervals) {
    body += format_iso8601(i.end);
    body += ',';
    std::string flags;
    for (const auto& name : interval_flag_names(i.status)) {
      if (!flags.empty()) flags += '|';
      flags += name;
    }
    body += csv_field(flags);
    for (const auto& c : view.channels) {
      body += ',';
      if (auto it = i.values.find(c.channel); it != i.values.end()) body += number_text(it->second);
    }
    body += "\r\n";
  }
  net::HttpResponse response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(body);
  std::string disposition = "attachment; filename=\"meter-";
  disposition += std::to_string(meter_id);
  disposition += "-lp";
  disposition += std::to_string(view.profile);
  disposition += ".csv\"";
  response.headers.emplace_back("Content-Disposition", disposition);
  return response;
}

net::HttpResponse get_load_profile(ApiContext& ctx, Call& call) {
  allow_query(call, {"profile", "from", "to", "channels", "format"});
  const auto meter_id = path_id(call, "id", "meter");
  const bool csv = csv_from_query(call);
  if (!ctx.repo.find_meter(meter_id))
    throw ApiError(404, "no meter with id " + std::to_string(meter_id));
  const auto view = load_view(ctx, call, meter_id);
  return csv ? csv_view(view, meter_id) : json_view(view, meter_id);
}

}  // namespace

void add_load_profile_routes(Router& router, ApiContext& ctx) {
  router.add({"GET", "/api/v1/meters/{id}/load-profile", Role::viewer,
              [&ctx](Call& c) { return get_load_profile(ctx, c); }});
}

}  // namespace jemhead::api
