#pragma once
// Strict, error-collecting access to one YAML mapping of the configuration file.
//
// Every reader leaves its output untouched when the key is absent (or has no value), so
// the struct's defaults stand; a wrong type or value is reported with the file, line and
// key path and also leaves the default. reject_unknown_keys() then reports every key no
// reader asked for, which is what catches typos.
#include <yaml-cpp/yaml.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.hpp"
#include "service/config_error.hpp"

namespace jemhead::service {

// Where a node sits in the file: its key path ("api.tokens[0]") and 1-based line.
struct NodePlace {
  std::string path;
  int line = 0;

  NodePlace key(std::string_view name, int at_line) const;
  NodePlace index(std::size_t i, int at_line) const;
};

// 1-based line of a node, or `fallback` when yaml-cpp has no position for it.
int line_of(const YAML::Node& node, int fallback);

class YamlMap {
 public:
  // A null or undefined node is an empty mapping: every key keeps its default.
  YamlMap(const YAML::Node& node, NodePlace place, ConfigErrors& errors);

  // False when the node was not a mapping (already reported); readers then find nothing.
  bool valid() const { return valid_; }
  const NodePlace& place() const { return place_; }
  ConfigErrors& errors() { return errors_; }

  bool read(std::string_view key, std::string& out, std::size_t max_chars = 4096);
  bool read(std::string_view key, bool& out);
  template <std::integral T>
  bool read(std::string_view key, T& out, std::int64_t lo, std::int64_t hi) {
    auto v = read_integer(key, lo, hi);
    if (v) out = static_cast<T>(*v);
    return v.has_value();
  }
  template <typename E>
  requires std::is_enum_v<E>
  bool read_enum(std::string_view key, E& out) {
    auto text = read_scalar_text(key, "must be one of " + allowed_texts<E>());
    if (!text) return false;
    if (auto v = from_text<E>(*text)) {
      out = *v;
      return true;
    }
    error(key, "must be one of " + allowed_texts<E>() + " (got '" + shorten(*text) + "')");
    return false;
  }

  // The value under `key` for nested mappings and lists (undefined when absent or null).
  YAML::Node child(std::string_view key);
  // Where `key` sits (its own line), for errors about its value.
  NodePlace place_of(std::string_view key) const;
  void error(std::string_view key, std::string message);

  // Reports every key that no reader asked for, listing the allowed ones.
  void reject_unknown_keys();

  // A value quoted back in an error message, cut so a hostile file cannot flood the log.
  static std::string shorten(std::string_view text);

 private:
  struct Entry {
    std::string key;
    int line = 0;
    YAML::Node value;
    bool used = false;
  };
  Entry* find(std::string_view key);
  std::optional<std::string> read_scalar_text(std::string_view key, const std::string& expected);
  std::optional<std::int64_t> read_integer(std::string_view key, std::int64_t lo, std::int64_t hi);

  NodePlace place_;
  ConfigErrors& errors_;
  std::vector<Entry> entries_;
  std::vector<std::string> asked_;  // keys readers asked for, for the "allowed:" hint
  bool valid_ = true;
};

// Calls fn(item, place) for each element of the list under `key` (nothing when absent).
// A non-list value or more than `max_items` elements is reported instead.
template <typename Fn>
void for_each_item(YamlMap& map, std::string_view key, std::size_t max_items, Fn&& fn) {
  YAML::Node list = map.child(key);
  if (!list.IsDefined() || list.IsNull()) return;
  if (!list.IsSequence()) {
    map.error(key, "must be a list");
    return;
  }
  if (list.size() > max_items) {
    map.error(key, "at most " + std::to_string(max_items) + " entries (got " +
                       std::to_string(list.size()) + ")");
    return;
  }
  const NodePlace base = map.place_of(key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    YAML::Node item = list[i];
    fn(item, base.index(i, line_of(item, base.line)));
  }
}

}  // namespace jemhead::service
