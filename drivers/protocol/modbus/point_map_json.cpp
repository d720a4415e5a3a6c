#include "drivers/protocol/modbus/point_map_json.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <set>

namespace jemhead::modbus {
namespace json = boost::json;
namespace {

constexpr unsigned kMaxDepth = 16;

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "/" + std::string(key);
}

// Reads typed fields out of JSON objects, recording what is missing or wrong.
class Reader {
 public:
  explicit Reader(Validation& v) : v_(v) {}

  const json::object* object(const json::value* value, const std::string& path) {
    if (!value) return nullptr;
    if (const auto* o = value->if_object()) return o;
    v_.fail(path, "must be an object");
    return nullptr;
  }

  const json::array* array(const json::value* value, const std::string& path) {
    if (!value) return nullptr;
    if (const auto* a = value->if_array()) return a;
    v_.fail(path, "must be an array");
    return nullptr;
  }

  void only_keys(const json::object& o, const std::string& path,
                 std::initializer_list<std::string_view> known) {
    for (const auto& kv : o) {
      bool found = false;
      for (auto k : known) found = found || kv.key() == k;
      if (!found) v_.fail(join(path, kv.key()), "unknown field");
    }
  }

  const json::value* field(const json::object& o, const std::string& path, std::string_view key,
                           bool required) {
    if (const auto* value = o.if_contains(key)) return value;
    if (required) v_.fail(join(path, key), "required");
    return nullptr;
  }

  template <typename Int>
  void integer(const json::object& o, const std::string& path, std::string_view key, Int& out,
               bool required = false) {
    const auto* value = field(o, path, key, required);
    if (!value) return;
    const auto got = as_integer(*value);
    constexpr auto lo = static_cast<std::int64_t>(std::numeric_limits<Int>::min());
    constexpr auto hi = static_cast<std::int64_t>(std::numeric_limits<Int>::max());
    if (!got || *got < lo || *got > hi) {
      v_.fail(join(path, key),
              "must be an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
      return;
    }
    out = static_cast<Int>(*got);
  }

  template <typename Int>
  void optional_integer(const json::object& o, const std::string& path, std::string_view key,
                        std::optional<Int>& out) {
    if (!o.contains(key) || o.at(key).is_null()) return;
    Int parsed{};
    const auto before = v_.errors().size();
    integer(o, path, key, parsed);
    if (v_.errors().size() == before) out = parsed;
  }

  void number(const json::object& o, const std::string& path, std::string_view key, double& out) {
    const auto* value = field(o, path, key, false);
    if (!value) return;
    if (auto d = as_number(*value)) {
      out = *d;
      return;
    }
    v_.fail(join(path, key), "must be a number");
  }

  void optional_number(const json::object& o, const std::string& path, std::string_view key,
                       std::optional<double>& out) {
    if (!o.contains(key) || o.at(key).is_null()) return;
    double parsed = 0;
    const auto before = v_.errors().size();
    number(o, path, key, parsed);
    if (v_.errors().size() == before) out = parsed;
  }

  void boolean(const json::object& o, const std::string& path, std::string_view key, bool& out) {
    const auto* value = field(o, path, key, false);
    if (!value) return;
    if (const auto* b = value->if_bool()) {
      out = *b;
      return;
    }
    v_.fail(join(path, key), "must be true or false");
  }

  void string(const json::object& o, const std::string& path, std::string_view key,
              std::string& out) {
    const auto* value = field(o, path, key, false);
    if (!value) return;
    if (const auto* s = value->if_string()) {
      out = std::string(*s);
      return;
    }
    v_.fail(join(path, key), "must be a string");
  }

  template <typename E>
  void enumeration(const json::object& o, const std::string& path, std::string_view key, E& out,
                   bool required = false) {
    const auto* value = field(o, path, key, required);
    if (!value) return;
    if (const auto* s = value->if_string()) {
      if (auto e = from_text<E>(std::string_view(*s))) {
        out = *e;
        return;
      }
    }
    v_.fail(join(path, key), "must be one of " + allowed_texts<E>());
  }

  template <typename E>
  void optional_enumeration(const json::object& o, const std::string& path, std::string_view key,
                            std::optional<E>& out) {
    if (!o.contains(key) || o.at(key).is_null()) return;
    E parsed{};
    const auto before = v_.errors().size();
    enumeration(o, path, key, parsed);
    if (v_.errors().size() == before) out = parsed;
  }

 private:
  static std::optional<std::int64_t> as_integer(const json::value& value) {
    if (const auto* i = value.if_int64()) return *i;
    if (const auto* u = value.if_uint64())
      return *u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                 ? std::nullopt
                 : std::optional<std::int64_t>(static_cast<std::int64_t>(*u));
    if (const auto* d = value.if_double())
      if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9e15)
        return static_cast<std::int64_t>(*d);
    return std::nullopt;
  }

  static std::optional<double> as_number(const json::value& value) {
    if (const auto* i = value.if_int64()) return static_cast<double>(*i);
    if (const auto* u = value.if_uint64()) return static_cast<double>(*u);
    if (const auto* d = value.if_double()) return *d;
    return std::nullopt;
  }

  Validation& v_;
};

void read_point(Reader& r, const json::object& o, const std::string& path, CounterPoint& p) {
  r.only_keys(o, path,
              {"point", "name", "register_set", "register_id", "unit", "scale_factor", "signed"});
  r.integer(o, path, "point", p.point, true);
  r.string(o, path, "name", p.name);
  r.enumeration(o, path, "register_set", p.register_set);
  r.optional_integer(o, path, "register_id", p.register_id);
  r.string(o, path, "unit", p.unit);
  r.number(o, path, "scale_factor", p.scale_factor);
  r.boolean(o, path, "signed", p.is_signed);
}

void read_point(Reader& r, const json::object& o, const std::string& path, AnalogPoint& p) {
  r.only_keys(o, path,
              {"point", "name", "quantity", "phase", "direction", "compensated", "scale_factor",
               "full_scale", "unit", "primary"});
  r.integer(o, path, "point", p.point, true);
  r.string(o, path, "name", p.name);
  r.enumeration(o, path, "quantity", p.quantity, true);
  r.enumeration(o, path, "phase", p.phase, true);
  r.enumeration(o, path, "direction", p.direction);
  r.boolean(o, path, "compensated", p.compensated);
  r.integer(o, path, "scale_factor", p.scale_factor);
  r.optional_number(o, path, "full_scale", p.full_scale);
  r.string(o, path, "unit", p.unit);
  r.boolean(o, path, "primary", p.primary);
}

void read_point(Reader& r, const json::object& o, const std::string& path, DiscreteInputPoint& p) {
  r.only_keys(o, path, {"point", "name", "source", "channel", "status", "polarity"});
  r.integer(o, path, "point", p.point, true);
  r.string(o, path, "name", p.name);
  r.enumeration(o, path, "source", p.source, true);
  r.integer(o, path, "channel", p.channel);
  r.optional_enumeration(o, path, "status", p.status);
  r.enumeration(o, path, "polarity", p.polarity);
}

void read_point(Reader& r, const json::object& o, const std::string& path, CoilPoint& p) {
  r.only_keys(o, path, {"point", "name", "channel"});
  r.integer(o, path, "point", p.point, true);
  r.string(o, path, "name", p.name);
  r.integer(o, path, "channel", p.channel, true);
}

template <typename Point>
void read_table(Reader& r, const json::object& root, std::string_view key, PointTable<Point>& t) {
  const std::string path(key);
  const auto* o = r.object(root.if_contains(key), path);
  if (!o) return;
  r.only_keys(*o, path, {"start_address", "points"});
  r.integer(*o, path, "start_address", t.start_address);
  const auto* points = r.array(o->if_contains("points"), join(path, "points"));
  if (!points) return;
  // Bound the work before looking at the elements: the semantic check reports the limit.
  const std::size_t take = std::min<std::size_t>(points->size(), 1000);
  for (std::size_t i = 0; i < take; ++i) {
    const auto point_path = path + "/points/" + std::to_string(i);
    Point p{};
    if (const auto* po = r.object(&(*points)[i], point_path)) read_point(r, *po, point_path, p);
    t.points.push_back(std::move(p));
  }
}

}  // namespace

PointMapLoad parse_point_map(std::string_view text) {
  PointMapLoad out;
  Validation& v = out.problems;
  if (text.size() > kMaxPointMapBytes) {
    v.fail("", "document is " + std::to_string(text.size()) + " bytes, at most " +
                   std::to_string(kMaxPointMapBytes) + " allowed");
    return out;
  }
  json::parse_options options;
  options.max_depth = kMaxDepth;
  std::error_code ec;
  const json::value doc = json::parse(text, ec, json::storage_ptr(), options);
  if (ec) {
    v.fail("", "not valid JSON: " + ec.message());
    return out;
  }
  Reader r(v);
  const auto* root = r.object(&doc, "");
  if (!root) return out;
  r.only_keys(*root, "",
              {"format", "name", "pt_ratio", "ct_ratio", "allow_register_presets",
               "allow_output_control", "counters", "analogs", "coils", "discrete_inputs"});
  std::string format;
  r.string(*root, "", "format", format);
  if (root->contains("format") && format != kPointMapFormat && root->at("format").is_string())
    v.fail("format", "must be \"" + std::string(kPointMapFormat) + "\"");
  auto& map = out.map;
  r.string(*root, "", "name", map.name);
  r.number(*root, "", "pt_ratio", map.pt_ratio);
  r.number(*root, "", "ct_ratio", map.ct_ratio);
  r.boolean(*root, "", "allow_register_presets", map.allow_register_presets);
  r.boolean(*root, "", "allow_output_control", map.allow_output_control);
  read_table(r, *root, "counters", map.counters);
  read_table(r, *root, "analogs", map.analogs);
  read_table(r, *root, "coils", map.coils);
  read_table(r, *root, "discrete_inputs", map.discrete_inputs);

  // Semantic rules, skipping fields that already failed to parse (their value is a
  // placeholder and a second message about it would mislead).
  std::set<std::string> reported;
  for (const auto& e : v.errors()) reported.insert(e.field);
  for (auto& e : validate(map).take())
    if (!reported.count(e.field)) v.fail(std::move(e.field), std::move(e.message));
  return out;
}

PointMapLoad load_point_map_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PointMapLoad out;
    out.problems.fail("", "cannot open " + path.string());
    return out;
  }
  std::string text;
  text.resize(kMaxPointMapBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_point_map(text);  // an over-long file is reported by the size check
}

namespace {

json::object table_json(std::uint32_t start, json::array points) {
  json::object t;
  t["start_address"] = start;
  t["points"] = std::move(points);
  return t;
}

void put_name(json::object& o, const std::string& name) {
  if (!name.empty()) o["name"] = name;
}

}  // namespace

std::string point_map_to_json(const PointMap& map) {
  json::object root;
  root["format"] = kPointMapFormat;
  put_name(root, map.name);
  root["pt_ratio"] = map.pt_ratio;
  root["ct_ratio"] = map.ct_ratio;
  root["allow_register_presets"] = map.allow_register_presets;
  root["allow_output_control"] = map.allow_output_control;

  json::array counters;
  for (const auto& p : map.counters.points) {
    json::object o;
    o["point"] = p.point;
    put_name(o, p.name);
    o["register_set"] = to_text(p.register_set);
    if (p.register_id) o["register_id"] = *p.register_id;
    if (!p.unit.empty()) o["unit"] = p.unit;
    o["scale_factor"] = p.scale_factor;
    o["signed"] = p.is_signed;
    counters.push_back(std::move(o));
  }
  root["counters"] = table_json(map.counters.start_address, std::move(counters));

  json::array analogs;
  for (const auto& p : map.analogs.points) {
    json::object o;
    o["point"] = p.point;
    put_name(o, p.name);
    o["quantity"] = to_text(p.quantity);
    o["phase"] = to_text(p.phase);
    o["direction"] = to_text(p.direction);
    o["compensated"] = p.compensated;
    o["scale_factor"] = p.scale_factor;
    if (p.full_scale) o["full_scale"] = *p.full_scale;
    if (!p.unit.empty()) o["unit"] = p.unit;
    o["primary"] = p.primary;
    analogs.push_back(std::move(o));
  }
  root["analogs"] = table_json(map.analogs.start_address, std::move(analogs));

  json::array coils;
  for (const auto& p : map.coils.points) {
    json::object o;
    o["point"] = p.point;
    put_name(o, p.name);
    o["channel"] = p.channel;
    coils.push_back(std::move(o));
  }
  root["coils"] = table_json(map.coils.start_address, std::move(coils));

  json::array inputs;
  for (const auto& p : map.discrete_inputs.points) {
    json::object o;
    o["point"] = p.point;
    put_name(o, p.name);
    o["source"] = to_text(p.source);
    if (p.source != DiscreteSource::meter_status) o["channel"] = p.channel;
    if (p.status) o["status"] = to_text(*p.status);
    o["polarity"] = to_text(p.polarity);
    inputs.push_back(std::move(o));
  }
  root["discrete_inputs"] = table_json(map.discrete_inputs.start_address, std::move(inputs));
  return json::serialize(root);
}

}  // namespace jemhead::modbus
