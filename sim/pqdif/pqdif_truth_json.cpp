#include "sim/pqdif/pqdif_truth_json.hpp"

#include <boost/json.hpp>

#include "core/digest/sha256.hpp"
#include "core/pqdif_file_name.hpp"

namespace jemhead::sim {

namespace json = boost::json;

namespace {

json::object observation_json(const ObservationSummary& o) {
  json::object j;
  j["name"] = o.name;
  j["start"] = format_iso8601(o.start);
  j["triggered"] = o.triggered ? json::value(format_iso8601(*o.triggered)) : json::value(nullptr);
  j["channel_count"] = o.channel_count;
  j["value_count"] = o.value_count;
  json::array series;
  for (const auto& s : o.series) {
    json::object e;
    e["channel"] = s.channel;
    e["channel_name"] = s.channel_name;
    e["series"] = s.series;
    e["count"] = s.count;
    json::array first;
    for (double v : s.first) first.push_back(v);
    e["first"] = std::move(first);
    series.push_back(std::move(e));
  }
  j["series"] = std::move(series);
  return j;
}

}  // namespace

json::value pqdif_files_json(const std::deque<PqdifFile>& files) {
  json::array out;
  for (const auto& f : files) {
    json::object j;
    j["name"] = f.name;
    j["size"] = f.bytes.size();
    j["sha256"] = digest::sha256_hex(f.bytes);
    j["created"] = format_iso8601(f.created);
    j["data_type"] = f.data_type;
    json::array names;
    for (const auto& n : pqdif_data_type_names(f.data_type)) names.push_back(json::string(n));
    j["data_type_names"] = std::move(names);
    j["observation_count"] = f.observations.size();
    json::array obs;
    for (const auto& o : f.observations) obs.push_back(observation_json(o));
    j["observations"] = std::move(obs);
    out.push_back(std::move(j));
  }
  return out;
}

json::value pq_event_json(const PqEvent& e) {
  json::object j;
  j["kind"] = std::string(pq_event_kind_text(e.kind));
  j["trigger"] = format_iso8601(e.trigger);
  j["duration_s"] = static_cast<double>(e.duration.count()) / 1e6;
  j["magnitude"] = e.magnitude;
  json::array phases;
  for (int p = 0; p < 3; ++p)
    if ((e.phases >> p) & 1)
      phases.push_back(json::string(std::string(1, static_cast<char>('A' + p))));
  j["phases"] = std::move(phases);
  return j;
}

}  // namespace jemhead::sim
