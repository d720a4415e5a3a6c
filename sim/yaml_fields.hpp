#pragma once
// Strict reading of one YAML mapping of the fleet file: typed readers with ranges, every
// error a FleetError naming file, line and key path, and finish() rejecting any key no
// reader asked for (that is what catches typos). Scalars are converted by our own strict
// parsers, not yaml-cpp's lenient ones ("1e3" is a number, "12abc" is not).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "sim/fleet_error.hpp"

namespace jemhead::sim {

int line_of(const YAML::Node& node);  // 1-based, 0 when unknown

// Printable ASCII (0x20 to 0x7e) only: what the meter's text settings may hold.
bool printable(std::string_view s);

class YamlFields {
 public:
  // Throws unless `node` is a mapping (a null node counts as an empty mapping).
  YamlFields(const YAML::Node& node, std::string file, std::string path);

  bool has(std::string_view key) const;
  // The value node of `key` (marks the key as known); an undefined node when absent.
  YAML::Node child(std::string_view key);
  std::string child_path(std::string_view key) const;
  // The mapping under `key` with its own readers, its path below this one (marks the key
  // known); nullopt when the key is absent. Throws unless the value is a mapping or null.
  std::optional<YamlFields> section(std::string_view key);

  std::optional<std::string> text(std::string_view key, std::size_t max_chars = 256);
  std::optional<double> number(std::string_view key, double lo, double hi);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t lo, std::int64_t hi);
  std::optional<std::uint64_t> unsigned_integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);

  // Throws naming the first key (in file order) that no reader asked for.
  void finish() const;

  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  const std::string& file() const { return file_; }
  int line() const { return line_of(node_); }

 private:
  YAML::Node scalar(std::string_view key);  // throws if present but not a scalar
  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string, std::less<>> used_;
};

}  // namespace jemhead::sim
