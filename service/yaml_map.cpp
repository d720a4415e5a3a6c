#include "service/yaml_map.hpp"

#include <algorithm>
#include <charconv>

namespace jemhead::service {

NodePlace NodePlace::key(std::string_view name, int at_line) const {
  return {path.empty() ? std::string(name) : path + "." + std::string(name), at_line};
}

NodePlace NodePlace::index(std::size_t i, int at_line) const {
  return {path + "[" + std::to_string(i) + "]", at_line};
}

int line_of(const YAML::Node& node, int fallback) {
  if (!node.IsDefined()) return fallback;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() || mark.line < 0 ? fallback : mark.line + 1;
}

YamlMap::YamlMap(const YAML::Node& node, NodePlace place, ConfigErrors& errors)
    : place_(std::move(place)), errors_(errors) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) {
    valid_ = false;
    errors_.add(place_.line, place_.path, "must be a mapping of keys to values");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const int line = line_of(it->first, place_.line);
    if (!it->first.IsScalar()) {
      errors_.add(line, place_.path, "keys must be plain names");
      continue;
    }
    std::string name = it->first.Scalar();
    const bool duplicate = std::any_of(entries_.begin(), entries_.end(),
                                       [&](const Entry& e) { return e.key == name; });
    if (duplicate) {
      // yaml-cpp keeps both; silently taking one would hide an editing mistake.
      errors_.add(line, place_.key(shorten(name), line).path, "duplicate key");
      continue;
    }
    entries_.push_back({std::move(name), line, it->second, false});
  }
}

YamlMap::Entry* YamlMap::find(std::string_view key) {
  if (std::find(asked_.begin(), asked_.end(), key) == asked_.end()) asked_.emplace_back(key);
  for (auto& e : entries_) {
    if (e.key == key) {
      e.used = true;
      return &e;
    }
  }
  return nullptr;
}

NodePlace YamlMap::place_of(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.key == key) return place_.key(key, e.line);
  return place_.key(key, place_.line);
}

void YamlMap::error(std::string_view key, std::string message) {
  const NodePlace at = place_of(key);
  errors_.add(at.line, at.path, std::move(message));
}

YAML::Node YamlMap::child(std::string_view key) {
  Entry* e = find(key);
  if (!e || e->value.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  return e->value;
}

std::optional<std::string> YamlMap::read_scalar_text(std::string_view key,
                                                     const std::string& expected) {
  Entry* e = find(key);
  if (!e || e->value.IsNull()) return std::nullopt;
  if (!e->value.IsScalar()) {
    error(key, expected + (e->value.IsSequence() ? " (got a list)" : " (got a mapping)"));
    return std::nullopt;
  }
  return e->value.Scalar();
}

bool YamlMap::read(std::string_view key, std::string& out, std::size_t max_chars) {
  auto text = read_scalar_text(key, "must be a string");
  if (!text) return false;
  if (text->size() > max_chars) {
    error(key, "must be at most " + std::to_string(max_chars) + " characters (got " +
                   std::to_string(text->size()) + ")");
    return false;
  }
  out = std::move(*text);
  return true;
}

bool YamlMap::read(std::string_view key, bool& out) {
  auto text = read_scalar_text(key, "must be true or false");
  if (!text) return false;
  // YAML 1.2 core schema only: "yes"/"on" are the classic YAML 1.1 surprises.
  if (*text == "true" || *text == "True" || *text == "TRUE") {
    out = true;
    return true;
  }
  if (*text == "false" || *text == "False" || *text == "FALSE") {
    out = false;
    return true;
  }
  error(key, "must be true or false (got '" + shorten(*text) + "')");
  return false;
}

std::optional<std::int64_t> YamlMap::read_integer(std::string_view key, std::int64_t lo,
                                                  std::int64_t hi) {
  const std::string expected =
      "must be an integer between " + std::to_string(lo) + " and " + std::to_string(hi);
  auto text = read_scalar_text(key, expected);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const char* first = text->data();
  const char* last = first + text->size();
  if (first != last && *first == '+') ++first;
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || end != last || text->empty()) {
    error(key, expected + " (got '" + shorten(*text) + "')");
    return std::nullopt;
  }
  if (value < lo || value > hi) {
    error(key, expected + " (got " + std::to_string(value) + ")");
    return std::nullopt;
  }
  return value;
}

void YamlMap::reject_unknown_keys() {
  for (const auto& e : entries_) {
    if (e.used) continue;
    std::string allowed;
    for (const auto& k : asked_) allowed += (allowed.empty() ? "" : ", ") + k;
    errors_.add(e.line, place_.key(shorten(e.key), e.line).path,
                "unknown key" + (allowed.empty() ? std::string{} : " (allowed: " + allowed + ")"));
  }
}

std::string YamlMap::shorten(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string out;
  for (char c : text.substr(0, kMax)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;  // no control characters into terminals/logs
  }
  if (text.size() > kMax) out += "...";
  return out;
}

}  // namespace jemhead::service
