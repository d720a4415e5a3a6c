#include "sim/yaml_fields.hpp"

#include <charconv>
#include <cmath>

namespace jemhead::sim {

int line_of(const YAML::Node& node) {
  try {
    const auto mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
  } catch (const YAML::Exception&) {
    return 0;
  }
}

bool printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

YamlFields::YamlFields(const YAML::Node& node, std::string file, std::string path)
    : node_(node), file_(std::move(file)), path_(std::move(path)) {
  if (node_.IsDefined() && !node_.IsNull() && !node_.IsMap())
    throw FleetError(file_, line_of(node_), path_, "must be a mapping");
}

std::string YamlFields::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void YamlFields::fail(std::string_view key, const std::string& message) const {
  int line = line_of(node_);
  if (node_.IsMap())
    for (const auto& kv : node_)
      if (kv.first.IsScalar() && kv.first.Scalar() == key) {
        line = line_of(kv.first);
        break;
      }
  throw FleetError(file_, line, child_path(key), message);
}

bool YamlFields::has(std::string_view key) const {
  if (!node_.IsMap()) return false;
  for (const auto& kv : node_)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return true;
  return false;
}

YAML::Node YamlFields::child(std::string_view key) {
  used_.emplace(key);
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& kv : node_)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<YamlFields> YamlFields::section(std::string_view key) {
  const bool present = has(key);
  YAML::Node node = child(key);
  if (!present) return std::nullopt;
  return YamlFields(node, file_, child_path(key));
}

YAML::Node YamlFields::scalar(std::string_view key) {
  YAML::Node n = child(key);
  if (!n.IsDefined() || n.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  if (!n.IsScalar()) fail(key, "must be a single value, not a list or mapping");
  return n;
}

std::optional<std::string> YamlFields::text(std::string_view key, std::size_t max_chars) {
  YAML::Node n = scalar(key);
  if (!n.IsDefined()) return std::nullopt;
  const std::string& s = n.Scalar();
  if (s.size() > max_chars)
    fail(key, "must be at most " + std::to_string(max_chars) + " characters");
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) fail(key, "must not contain control characters");
  return s;
}

std::optional<double> YamlFields::number(std::string_view key, double lo, double hi) {
  YAML::Node n = scalar(key);
  if (!n.IsDefined()) return std::nullopt;
  const std::string& s = n.Scalar();
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v))
    fail(key, "must be a number, got '" + s.substr(0, 40) + "'");
  if (v < lo || v > hi)
    fail(key,
         "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + s);
  return v;
}

std::optional<std::int64_t> YamlFields::integer(std::string_view key, std::int64_t lo,
                                                std::int64_t hi) {
  YAML::Node n = scalar(key);
  if (!n.IsDefined()) return std::nullopt;
  const std::string& s = n.Scalar();
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size())
    fail(key, "must be a whole number, got '" + s.substr(0, 40) + "'");
  if (v < lo || v > hi)
    fail(key,
         "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + s);
  return v;
}

std::optional<std::uint64_t> YamlFields::unsigned_integer(std::string_view key) {
  YAML::Node n = scalar(key);
  if (!n.IsDefined()) return std::nullopt;
  const std::string& s = n.Scalar();
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size())
    fail(key,
         "must be a whole number from 0 to 18446744073709551615, got '" + s.substr(0, 40) + "'");
  return v;
}

std::optional<bool> YamlFields::boolean(std::string_view key) {
  YAML::Node n = scalar(key);
  if (!n.IsDefined()) return std::nullopt;
  const std::string& s = n.Scalar();
  if (s == "true") return true;
  if (s == "false") return false;
  fail(key, "must be true or false, got '" + s.substr(0, 40) + "'");
}

void YamlFields::finish() const {
  if (!node_.IsMap()) return;
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar())
      throw FleetError(file_, line_of(kv.first), path_, "keys must be plain names");
    const std::string& key = kv.first.Scalar();
    if (!seen.insert(key).second)
      throw FleetError(file_, line_of(kv.first), child_path(key), "duplicate key");
    if (!used_.contains(key))
      throw FleetError(file_, line_of(kv.first), child_path(key), "unknown key");
  }
}

}  // namespace jemhead::sim
