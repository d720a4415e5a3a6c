#include "sim/load_profile/lp_fleet_keys.hpp"

#include "sim/load_profile/lp_channels.hpp"

namespace jemhead::sim {

namespace {

std::string allowed_intervals() {
  std::string out;
  for (int m : kLpIntervalMinutes) {
    if (!out.empty()) out += ", ";
    out += std::to_string(m);
  }
  return out;
}

void read_channels(YamlFields& p, ProfileSpec& profile) {
  YAML::Node n = p.child("channels");
  if (!n.IsDefined() || n.IsNull()) return;
  const std::string path = p.child_path("channels");
  if (!n.IsSequence()) p.fail("channels", "must be a list of OBIS codes from Table 2");
  if (n.size() > kLpMaxChannels)
    p.fail("channels", "at most " + std::to_string(kLpMaxChannels) + " channels per profile");
  profile.channels.clear();
  std::size_t index = 0;
  for (const auto& item : n) {
    const std::string item_path = path + "[" + std::to_string(index++) + "]";
    if (!item.IsScalar())
      throw FleetError(p.file(), line_of(item), item_path, "must be an OBIS code");
    const auto obis = dlms::cosem::Obis::parse(item.Scalar());
    if (!obis)
      throw FleetError(p.file(), line_of(item), item_path,
                       "'" + item.Scalar().substr(0, 40) + "' is not an OBIS code (A.B.C.D.E.F)");
    auto resolved = resolve_lp_channel(*obis);
    if (auto* why = std::get_if<std::string>(&resolved)) {
      std::string message = obis->to_string();
      message += ": ";
      message += *why;
      throw FleetError(p.file(), line_of(item), item_path, message);
    }
    profile.channels.push_back(*obis);
  }
}

void read_profile(YamlFields& lp, const char* key, ProfileSpec& profile) {
  std::optional<YamlFields> section = lp.section(key);
  if (!section) return;
  YamlFields& p = *section;
  if (auto v = p.integer("interval_minutes", 1, 60)) {
    if (!recording_interval_code(static_cast<int>(*v)))
      p.fail("interval_minutes", "must be one of " + allowed_intervals() + " (L14949-L14950)");
    profile.interval_minutes = static_cast<int>(*v);
  }
  read_channels(p, profile);
  p.finish();
}

void read_spans(YamlFields& lp, const char* key, std::vector<TimeSpan>& spans) {
  YAML::Node n = lp.child(key);
  if (!n.IsDefined() || n.IsNull()) return;
  if (!n.IsSequence()) lp.fail(key, "must be a list of {from, to}");
  if (n.size() > 1000) lp.fail(key, "at most 1000 entries");
  spans.clear();
  std::size_t index = 0;
  for (const auto& item : n) {
    const std::string path = lp.child_path(key) + "[" + std::to_string(index++) + "]";
    if (!item.IsMap()) throw FleetError(lp.file(), line_of(item), path, "must be {from, to}");
    YamlFields f(item, lp.file(), path);
    TimeSpan span;
    for (auto [name, slot] : {std::pair{"from", &span.from}, std::pair{"to", &span.to}}) {
      auto text = f.text(name, 64);
      if (!text) f.fail(name, "is required");
      auto when = parse_iso8601(*text);
      if (!when) f.fail(name, "must be an ISO 8601 date and time");
      *slot = *when;
    }
    if (span.to <= span.from) f.fail("to", "must be after 'from'");
    f.finish();
    spans.push_back(span);
  }
}

}  // namespace

void read_load_profile_settings(YamlFields& parent, std::shared_ptr<const LoadProfileSpec>& spec) {
  std::optional<YamlFields> section = parent.section("load_profile");
  if (!section) return;
  auto next = std::make_shared<LoadProfileSpec>(spec ? *spec : LoadProfileSpec{});
  YamlFields& lp = *section;
  read_profile(lp, "profile1", next->profiles[0]);
  read_profile(lp, "profile2", next->profiles[1]);
  read_spans(lp, "outages", next->outages);
  read_spans(lp, "dst", next->dst);
  lp.finish();
  spec = std::move(next);
}

}  // namespace jemhead::sim
