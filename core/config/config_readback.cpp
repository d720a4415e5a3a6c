#include "core/config/config_readback.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include "core/enum_text.hpp"

namespace jemhead::config {

namespace json = boost::json;

namespace {

// ---- document paths -------------------------------------------------------------------

struct PathStep {
  std::string key;  // empty for an index step
  std::size_t index = 0;
};

// "a.b[2].c" -> a, b, [2], c; nullopt when malformed.
std::optional<std::vector<PathStep>> parse_path(std::string_view path) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::size_t index = 0;
      const auto digits = path.substr(i + 1, close - i - 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty())
        return std::nullopt;
      steps.push_back({{}, index});
      i = close + 1;
      continue;
    }
    const auto stop = path.find_first_of(".[", i);
    const auto key = path.substr(i, stop == std::string_view::npos ? path.size() - i : stop - i);
    steps.push_back({std::string(key), 0});
    i += key.size();
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

const json::value* find_at(const json::value& doc, const std::vector<PathStep>& steps) {
  const json::value* at = &doc;
  for (const auto& s : steps) {
    if (!s.key.empty()) {
      const auto* object = at->if_object();
      if (!object) return nullptr;
      at = object->if_contains(s.key);
    } else {
      const auto* array = at->if_array();
      if (!array || s.index >= array->size()) return nullptr;
      at = &(*array)[s.index];
    }
    if (!at) return nullptr;
  }
  return at;
}

json::value* find_at(json::value& doc, const std::vector<PathStep>& steps) {
  return const_cast<json::value*>(find_at(static_cast<const json::value&>(doc), steps));
}

bool same_value(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.to_number<double>(), y = b.to_number<double>();
    return std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)});
  }
  return a == b;
}

std::string profile_path(int profile) {
  std::string p = "load_profile.profiles[";
  p += std::to_string(profile - 1);
  p += "]";
  return p;
}

std::string channel_path(int profile, std::size_t channel) {
  std::string p = profile_path(profile);
  p += ".channels[";
  p += std::to_string(channel);
  p += "]";
  return p;
}

// ---- identity -------------------------------------------------------------------------

struct IdentityTarget {
  std::string_view field;  // the DLMS object's description (the manual's words)
  std::string_view path;
  bool number = false;
};

// identity_reader.cpp names each object by its description in the object list
// (drivers/protocol/dlms/cosem/object_table.hpp). Identification fields 1-5 of the
// document are the MV-90 ID, administrator, location, configuration ID and account
// (appendix C, L13400-L13420), the same five the meter serves as 0.0.96.11.1-5.
constexpr std::array<IdentityTarget, 10> kIdentityTargets{{
    {"Register firmware version", "hardware.firmware_version", false},
    {"Meter ID #", "identification.fields[0].value", false},
    {"Meter Administrator", "identification.fields[1].value", false},
    {"Meter Location", "identification.fields[2].value", false},
    {"Meter Configuration ID", "identification.fields[3].value", false},
    {"Meter Account Number", "identification.fields[4].value", false},
    {"Ch.0 Transformer ratio - Current Primary", "primary.ct_primary", true},
    {"Ch.0 Transformer ratio - Voltage Primary", "primary.vt_primary", true},
    {"Ch.0 Transformer ratio - Current Secondary", "primary.ct_secondary", true},
    {"Ch.0 Transformer ratio - Voltage Secondary", "primary.vt_secondary", true},
}};
constexpr std::string_view kSerialField = "AMETEK Meter Serial Number";

std::optional<double> number_of(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// ---- load-profile channels ------------------------------------------------------------

// The driver's channel quantity is "<measurement>[_<direction>]" (measurement_text.cpp):
// consumption channels are named as energies ("watt_hours"), averages by their power
// quantity ("watts"). Only names with an equivalent in the document's lists are mapped.
struct QuantityName {
  std::string_view text;
  LpChannelType type;
  LpQuantity quantity;
};
constexpr std::array<QuantityName, 19> kQuantities{{
    {"watt_hours", LpChannelType::consumption, LpQuantity::watt_hours},
    {"var_hours", LpChannelType::consumption, LpQuantity::var_hours},
    {"va_hours_arithmetic", LpChannelType::consumption, LpQuantity::va_hours},
    {"amp_hours", LpChannelType::consumption, LpQuantity::amp_hours},
    {"amps_squared_hours", LpChannelType::consumption, LpQuantity::amps_squared_hours},
    {"volts_squared_hours", LpChannelType::consumption, LpQuantity::volts_squared_hours},
    {"watts", LpChannelType::instantaneous, LpQuantity::watts},
    {"vars", LpChannelType::instantaneous, LpQuantity::vars},
    {"va_arithmetic", LpChannelType::instantaneous, LpQuantity::va},
    {"volts", LpChannelType::instantaneous, LpQuantity::volts},
    {"amps", LpChannelType::instantaneous, LpQuantity::amps},
    {"power_factor_arithmetic", LpChannelType::instantaneous, LpQuantity::power_factor},
    {"frequency", LpChannelType::instantaneous, LpQuantity::hz},
    {"volt_thd", LpChannelType::instantaneous, LpQuantity::volts_thd},
    {"amp_thd", LpChannelType::instantaneous, LpQuantity::amps_thd},
    {"amps_squared", LpChannelType::instantaneous, LpQuantity::amps_squared},
    {"volts_squared", LpChannelType::instantaneous, LpQuantity::volts_squared},
    {"system_bits", LpChannelType::status_word, LpQuantity::system_bit},
    {"trigger_bits", LpChannelType::status_word, LpQuantity::triggered_bit},
}};

struct DirectionName {
  std::string_view suffix;
  std::optional<LpDirection> direction;  // nullopt: the document has no such direction
};
constexpr std::array<DirectionName, 10> kDirections{{
    {"_delivered", LpDirection::delivered},
    {"_received", LpDirection::received},
    {"_q1", LpDirection::q1},
    {"_q2", LpDirection::q2},
    {"_q3", LpDirection::q3},
    {"_q4", LpDirection::q4},
    {"_none", LpDirection::none},
    {"_net", std::nullopt},
    {"_absolute", std::nullopt},
    {"_bidirectional", std::nullopt},
}};

std::optional<LpPhase> phase_of(std::string_view text) {
  if (text == "A") return LpPhase::a;
  if (text == "B") return LpPhase::b;
  if (text == "C") return LpPhase::c;
  if (text == "N") return LpPhase::n;
  if (text == "total") return LpPhase::polyphase;
  if (text.empty()) return LpPhase::none;
  return std::nullopt;  // "average": no document equivalent
}

struct MappedChannel {
  std::optional<LpChannelType> type;
  std::optional<LpQuantity> quantity;
  std::optional<LpPhase> phase;
  std::optional<LpDirection> direction;
  bool direction_unmapped = false;  // a direction the document cannot express
};

MappedChannel map_channel(const LoadProfileChannel& ch) {
  MappedChannel m;
  std::string_view text = ch.quantity;
  bool had_direction = false;
  for (const auto& d : kDirections)
    if (text.size() > d.suffix.size() && text.ends_with(d.suffix)) {
      text.remove_suffix(d.suffix.size());
      m.direction = d.direction;
      m.direction_unmapped = !d.direction;
      had_direction = true;
      break;
    }
  if (text == "status_input") {
    m.type = LpChannelType::status_input;
  } else if (text == "pulse_count") {
    m.type = LpChannelType::pulse_counter;
  } else {
    for (const auto& q : kQuantities)
      if (q.text == text) {
        m.type = q.type;
        m.quantity = q.quantity;
      }
  }
  // A channel without a direction suffix records no direction (volts, amps, Hz).
  if (!had_direction && m.quantity) m.direction = LpDirection::none;
  m.phase = phase_of(ch.phase);
  return m;
}

void add(ObservedConfiguration& out, std::string path, json::value value, std::string source) {
  out.items.push_back({std::move(path), std::move(value), std::move(source)});
}

// The document's default channel as JSON, to extend a document's channel list.
json::value default_channel_json() {
  MeterConfiguration c;
  c.load_profile.profiles[0].channels.resize(1);
  const auto doc = json::value(to_json(c));
  return *value_at(doc, "load_profile.profiles[0].channels[0]");
}

json::value default_profile_json() {
  MeterConfiguration c;
  const auto doc = json::value(to_json(c));
  return *value_at(doc, "load_profile.profiles[0]");
}

// "load_profile.profiles[0].channels[3].quantity" -> {0, 3}; nullopt for other paths.
std::optional<std::pair<int, std::size_t>> channel_of(std::string_view path) {
  const auto steps = parse_path(path);
  if (!steps || steps->size() < 5) return std::nullopt;
  const auto& s = *steps;
  if (s[0].key != "load_profile" || s[1].key != "profiles" || !s[2].key.empty() ||
      s[3].key != "channels" || !s[4].key.empty())
    return std::nullopt;
  return std::pair<int, std::size_t>{static_cast<int>(s[2].index) + 1, s[4].index};
}

}  // namespace

// ---- public ---------------------------------------------------------------------------

std::optional<json::value> value_at(const json::value& document, std::string_view path) {
  const auto steps = parse_path(path);
  if (!steps) return std::nullopt;
  const auto* at = find_at(document, *steps);
  if (!at) return std::nullopt;
  return *at;
}

bool set_value_at(json::value& document, std::string_view path, json::value value) {
  const auto steps = parse_path(path);
  if (!steps) return false;
  auto parent_steps = *steps;
  const PathStep last = parent_steps.back();
  parent_steps.pop_back();
  json::value* parent = parent_steps.empty() ? &document : find_at(document, parent_steps);
  if (!parent) return false;
  if (!last.key.empty()) {
    auto* object = parent->if_object();
    if (!object || !object->contains(last.key)) return false;
    (*object)[last.key] = std::move(value);
    return true;
  }
  auto* array = parent->if_array();
  if (!array || last.index >= array->size()) return false;
  (*array)[last.index] = std::move(value);
  return true;
}

std::string section_of(std::string_view path) {
  const auto stop = path.find_first_of(".[");
  return std::string(path.substr(0, stop));
}

void observe_identity(const std::vector<std::pair<std::string, std::string>>& fields,
                      ObservedConfiguration& out) {
  for (const auto& [name, value] : fields) {
    if (name == kSerialField) {
      out.serial = value;
      continue;
    }
    for (const auto& t : kIdentityTargets) {
      if (name != t.field) continue;
      std::string source = "identity: ";
      source += name;
      if (!t.number) {
        add(out, std::string(t.path), json::value(value), std::move(source));
      } else if (const auto n = number_of(value)) {
        add(out, std::string(t.path), json::value(*n), std::move(source));
      } else {
        std::string note = source;
        note += ": not a number (";
        note += value;
        note += ")";
        out.not_comparable.push_back(std::move(note));
      }
    }
  }
}

void observe_load_profile(const LoadProfileLayout& layout, ObservedConfiguration& out) {
  const int profile = layout.profile;
  if (profile < 1 || profile > 2) return;
  std::string source = "load_profile ";
  source += std::to_string(profile);
  const auto base = profile_path(profile);
  const auto period = layout.capture_period_s;
  // Interval Length: 1-60 minutes or daily (L3320-L3326); weekly and monthly have no
  // fixed period, so a capture period is never compared with them.
  if (period > 0 && period % 60 == 0 && period <= 3600) {
    add(out, base + ".interval_kind", json::value("minutes"), source);
    add(out, base + ".interval_minutes", json::value(static_cast<std::int64_t>(period / 60)),
        source);
  } else if (period == 86400) {
    add(out, base + ".interval_kind", json::value("daily"), source);
  } else {
    std::string note = source;
    note += ": capture period ";
    note += std::to_string(period);
    note += " s has no interval length in the document";
    out.not_comparable.push_back(std::move(note));
  }
  for (std::size_t k = 0; k < layout.channels.size(); ++k) {
    const auto& ch = layout.channels[k];
    const auto m = map_channel(ch);
    const auto path = channel_path(profile, k);
    std::string channel_source = source;
    channel_source += " channel ";
    channel_source += std::to_string(k + 1);
    if (m.type) add(out, path + ".type", json::value(to_text(*m.type)), channel_source);
    if (m.quantity) add(out, path + ".quantity", json::value(to_text(*m.quantity)), channel_source);
    if (m.phase) add(out, path + ".phase", json::value(to_text(*m.phase)), channel_source);
    if (m.direction)
      add(out, path + ".direction", json::value(to_text(*m.direction)), channel_source);
    if (!m.type || !m.quantity || !m.phase || m.direction_unmapped) {
      std::string note = channel_source;
      note += ": ";
      note += ch.quantity;
      if (!ch.phase.empty()) {
        note += " ";
        note += ch.phase;
      }
      note += " (only partly expressible in the document)";
      out.not_comparable.push_back(std::move(note));
    }
  }
  auto& counts = out.lp_channel_counts;
  std::erase_if(counts, [&](const auto& c) { return c.first == profile; });
  counts.emplace_back(profile, layout.channels.size());
}

ReadbackComparison compare_readback(const MeterConfiguration& stored,
                                    const ObservedConfiguration& observed,
                                    std::optional<std::string> meter_serial) {
  ReadbackComparison out;
  const json::value doc(to_json(stored));
  std::map<int, std::size_t> stored_counts;  // profile -> stored channels, for read profiles
  for (const auto& [profile, count] : observed.lp_channel_counts) {
    const auto channels = value_at(doc, profile_path(profile) + ".channels");
    stored_counts[profile] = channels && channels->is_array() ? channels->as_array().size() : 0;
  }
  std::map<std::string, json::object> extra_channels;  // observed beyond the stored ones
  for (const auto& item : observed.items) {
    if (const auto ch = channel_of(item.path)) {
      const auto it = stored_counts.find(ch->first);
      if (it != stored_counts.end() && ch->second >= it->second) {
        const auto key = channel_path(ch->first, ch->second);
        const auto leaf = item.path.substr(key.size() + 1);
        extra_channels[key][leaf] = item.value;
        continue;
      }
    }
    out.compared.push_back(item.path);
    const auto have = value_at(doc, item.path);
    if (!have) {
      out.differences.push_back({item.path, nullptr, item.value});
    } else if (!same_value(*have, item.value)) {
      out.differences.push_back({item.path, *have, item.value});
    }
  }
  for (const auto& [profile, count] : observed.lp_channel_counts) {
    const auto stored_count = stored_counts[profile];
    for (std::size_t k = count; k < stored_count; ++k) {
      const auto path = channel_path(profile, k);
      out.compared.push_back(path);
      out.differences.push_back({path, *value_at(doc, path), nullptr});
    }
    for (std::size_t k = stored_count; k < count; ++k) {
      const auto path = channel_path(profile, k);
      out.compared.push_back(path);
      auto it = extra_channels.find(path);
      json::value seen = it == extra_channels.end() ? json::value(json::object{})
                                                    : json::value(std::move(it->second));
      out.differences.push_back({path, nullptr, std::move(seen)});
    }
  }
  if (meter_serial && observed.serial) {
    out.compared.emplace_back("serial");
    if (*meter_serial != *observed.serial)
      out.differences.push_back(
          {"serial", json::value(*meter_serial), json::value(*observed.serial)});
  }
  // Per section, in document order ("serial" last: it is the meter's record).
  std::vector<std::string> order;
  for (const auto& [key, value] : doc.as_object()) order.emplace_back(key);
  order.emplace_back("serial");
  for (const auto& section : order) {
    ReadbackComparison::SectionResult r;
    r.section = section;
    for (const auto& p : out.compared)
      if (section_of(p) == section) ++r.items;
    if (r.items == 0) continue;
    for (const auto& d : out.differences)
      if (section_of(d.path) == section) r.mismatched.push_back(d.path);
    r.verified = r.mismatched.empty();
    out.sections.push_back(std::move(r));
  }
  return out;
}

MeterConfiguration merge_observed(const MeterConfiguration& base,
                                  const ObservedConfiguration& observed,
                                  std::vector<std::string>* skipped) {
  json::value doc(to_json(base));
  auto& profiles = doc.as_object()["load_profile"].as_object()["profiles"].as_array();
  for (const auto& [profile, count] : observed.lp_channel_counts) {
    while (profiles.size() < static_cast<std::size_t>(profile))
      profiles.push_back(default_profile_json());
    auto& channels =
        profiles[static_cast<std::size_t>(profile - 1)].as_object()["channels"].as_array();
    while (channels.size() < count) channels.push_back(default_channel_json());
    while (channels.size() > count) channels.pop_back();
  }
  const json::value before = doc;
  for (const auto& item : observed.items) set_value_at(doc, item.path, item.value);
  auto read = read_json(doc);
  if (!read.problems.empty()) {
    // Put back what the document cannot take, then read again.
    for (const auto& p : read.problems)
      for (const auto& item : observed.items)
        if (item.path == p.path) {
          if (const auto old = value_at(before, item.path)) set_value_at(doc, item.path, *old);
          if (skipped) skipped->push_back(item.path);
        }
    read = read_json(doc);
  }
  return read.config;
}

json::object to_json(const ObservedConfiguration& observed) {
  json::array items;
  for (const auto& i : observed.items)
    items.push_back(json::object{{"path", i.path}, {"value", i.value}, {"source", i.source}});
  json::array notes;
  for (const auto& n : observed.not_comparable) notes.emplace_back(n);
  json::object channels;
  for (const auto& [profile, count] : observed.lp_channel_counts)
    channels[std::to_string(profile)] = count;
  json::object out{{"items", std::move(items)},
                   {"load_profile_channels", std::move(channels)},
                   {"not_comparable", std::move(notes)}};
  out["serial"] = observed.serial ? json::value(*observed.serial) : json::value(nullptr);
  return out;
}

json::array to_json(const std::vector<ReadbackDifference>& differences) {
  json::array out;
  for (const auto& d : differences)
    out.push_back(json::object{{"path", d.path}, {"stored", d.stored}, {"observed", d.observed}});
  return out;
}

}  // namespace jemhead::config
