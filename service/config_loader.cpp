#include "service/config_loader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

#include "core/digest/sha256.hpp"
#include "service/alarm_config_reader.hpp"
#include "service/fleet_reader.hpp"
#include "service/listen_address.hpp"
#include "service/pqdif_config_reader.hpp"
#include "service/yaml_map.hpp"

namespace jemhead::service {

namespace {

constexpr std::size_t kMaxTokens = 1000;
constexpr std::size_t kMaxListen = 16;

void read_listen(YamlMap& map, std::vector<net::Endpoint>& out) {
  if (!map.child("listen").IsDefined()) return;
  std::vector<net::Endpoint> endpoints;
  for_each_item(map, "listen", kMaxListen, [&](const YAML::Node& item, const NodePlace& at) {
    std::string problem;
    if (!item.IsScalar()) {
      map.errors().add(at.line, at.path, "must be a string \"ip:port\"");
    } else if (auto ep = parse_listen_address(item.Scalar(), problem)) {
      endpoints.push_back(*ep);
    } else {
      map.errors().add(at.line, at.path,
                       problem + " (got '" + YamlMap::shorten(item.Scalar()) + "')");
    }
  });
  if (endpoints.empty() && map.child("listen").IsSequence() && map.child("listen").size() == 0)
    map.error("listen", "must name at least one address");
  if (!endpoints.empty()) out = std::move(endpoints);
}

void read_tokens(YamlMap& map, std::vector<api::ApiToken>& out) {
  std::set<std::string> names, digests;
  for_each_item(map, "tokens", kMaxTokens, [&](const YAML::Node& item, const NodePlace& at) {
    YamlMap t(item, at, map.errors());
    api::ApiToken token;
    t.read("name", token.name, 64);
    t.read_enum("role", token.role);
    t.read("sha256", token.sha256_hex, 64);
    t.reject_unknown_keys();
    if (!t.valid()) return;
    bool ok = true;
    if (token.name.empty()) {
      t.error("name", "must not be empty (it names the caller in the audit log)");
      ok = false;
    } else if (!names.insert(token.name).second) {
      t.error("name", "duplicate token name '" + YamlMap::shorten(token.name) + "'");
      ok = false;
    }
    for (auto& c : token.sha256_hex) c = static_cast<char>(std::tolower(c));
    if (!digest::is_sha256_hex(token.sha256_hex)) {  // lower-cased above
      t.error("sha256", "must be 64 hexadecimal digits (use `jemhead hash-token`)");
      ok = false;
    } else if (!digests.insert(token.sha256_hex).second) {
      t.error("sha256", "the same token is configured twice");
      ok = false;
    }
    if (ok) out.push_back(std::move(token));
  });
}

void read_api(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
              ApiConfig& api) {
  YamlMap map(node, place, errors);
  read_listen(map, api.listen);
  map.read("body_limit_bytes", api.body_limit_bytes, 1024, 1 << 30);
  map.read("handler_threads", api.handler_threads, 1, 256);
  read_tokens(map, api.tokens);
  map.reject_unknown_keys();
}

void read_storage(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                  StorageConfig& storage) {
  YamlMap map(node, place, errors);
  map.read_enum("backend", storage.backend);
  YamlMap sqlite(map.child("sqlite"), map.place_of("sqlite"), errors);
  if (sqlite.read("path", storage.sqlite.path) && storage.sqlite.path.empty())
    sqlite.error("path", "must not be empty");
  sqlite.read_enum("synchronous", storage.sqlite.synchronous);
  sqlite.reject_unknown_keys();
  map.reject_unknown_keys();
}

void read_logging(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                  LoggingConfig& logging) {
  YamlMap map(node, place, errors);
  map.read_enum("format", logging.format);
  map.read_enum("level", logging.level);
  map.read("file", logging.file);
  map.reject_unknown_keys();
}

void read_metrics(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                  MetricsConfig& metrics) {
  YamlMap map(node, place, errors);
  map.read("enabled", metrics.enabled);
  map.reject_unknown_keys();
}

template <typename Duration>
void read_duration(YamlMap& map, std::string_view key, Duration& out, std::int64_t lo,
                   std::int64_t hi) {
  auto count = static_cast<std::int64_t>(out.count());
  if (map.read(key, count, lo, hi)) out = Duration(count);
}

void read_engine(const YAML::Node& node, const NodePlace& place, ConfigErrors& errors,
                 engine::EngineOptions& engine) {
  YamlMap map(node, place, errors);
  map.read("enabled", engine.enabled);
  map.read("max_sessions", engine.budget.global, 1, 100000);
  map.read("modem_pool", engine.budget.modem_pool, 0, 1000);
  map.read("sessions_per_meter_port", engine.budget.per_network_host, 1, 12);  // manual: 12
  read_duration(map, "job_deadline_seconds", engine.job_deadline, 1, 86400);
  map.read("unhealthy_after", engine.health.unhealthy_after, 1, 1000);
  std::chrono::seconds base =
      std::chrono::duration_cast<std::chrono::seconds>(engine.health.backoff_base);
  std::chrono::seconds cap =
      std::chrono::duration_cast<std::chrono::seconds>(engine.health.backoff_cap);
  read_duration(map, "backoff_base_seconds", base, 1, 86400);
  read_duration(map, "backoff_cap_seconds", cap, 1, 7 * 86400);
  engine.health.backoff_base = base;
  engine.health.backoff_cap = cap;
  if (base > cap) map.error("backoff_base_seconds", "must not exceed backoff_cap_seconds");
  std::chrono::days retention =
      std::chrono::duration_cast<std::chrono::days>(engine.history_retention);
  read_duration(map, "history_retention_days", retention, 1, 36500);
  engine.history_retention = retention;
  read_duration(map, "overdue_after_seconds", engine.overdue_after, 1, 86400);
  map.read("commit_batch", engine.commit_batch, 1, 10000);
  std::chrono::hours chunk_hours =
      std::chrono::duration_cast<std::chrono::hours>(engine.load_profile_chunk);
  read_duration(map, "load_profile_chunk_hours", chunk_hours, 1, 24 * 31);
  engine.load_profile_chunk = chunk_hours;
  std::chrono::days first_days =
      std::chrono::duration_cast<std::chrono::days>(engine.load_profile_first_read);
  read_duration(map, "load_profile_first_days", first_days, 1, 3660);
  engine.load_profile_first_read = first_days;
  map.reject_unknown_keys();
}

void read_root(const YAML::Node& root, ConfigErrors& errors, Config& config) {
  YamlMap map(root, NodePlace{"", 1}, errors);
  std::string data_dir = config.data_dir.string();
  if (map.read("data_dir", data_dir)) {
    if (data_dir.empty())
      map.error("data_dir", "must not be empty");
    else
      config.data_dir = data_dir;
  }
  map.read("threads", config.threads, 1, 64);
  map.read("ready_file", config.ready_file);
  read_api(map.child("api"), map.place_of("api"), errors, config.api);
  read_storage(map.child("storage"), map.place_of("storage"), errors, config.storage);
  read_logging(map.child("logging"), map.place_of("logging"), errors, config.logging);
  read_metrics(map.child("metrics"), map.place_of("metrics"), errors, config.metrics);
  read_engine(map.child("engine"), map.place_of("engine"), errors, config.engine);
  read_fleet(map.child("fleet"), map.place_of("fleet"), errors, config.fleet);
  read_pqdif(map.child("pqdif"), map.place_of("pqdif"), errors, config.pqdif);
  read_alarms(map.child("alarms"), map.place_of("alarms"), errors, config.alarms);
  map.reject_unknown_keys();
}

}  // namespace

LoadResult load_config_text(std::string_view yaml, const std::string& file_name) {
  LoadResult result;
  result.config.source = file_name;
  ConfigErrors errors(file_name);
  if (yaml.size() > kMaxConfigBytes) {
    errors.add(0, "", "file is larger than " + std::to_string(kMaxConfigBytes) + " bytes");
    result.errors = errors.take();
    return result;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsDefined() && !root.IsNull() && !root.IsMap())
      errors.add(1, "", "the file must be a mapping of keys to values");
    else
      read_root(root, errors, result.config);
  } catch (const YAML::Exception& e) {
    // Syntax errors (and yaml-cpp's depth limit) carry the position yaml-cpp stopped at.
    errors.add(e.mark.is_null() ? 0 : e.mark.line + 1, "", "invalid YAML: " + e.msg);
  } catch (const std::exception& e) {
    errors.add(0, "", std::string("cannot read configuration: ") + e.what());
  }
  result.errors = errors.take();
  // Sections are checked one after the other and cross-checks come last; the author
  // reads the file top to bottom, so report in line order (ties keep checking order).
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const ConfigError& a, const ConfigError& b) { return a.line < b.line; });
  return result;
}

LoadResult load_config_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(path, ec)) {
    LoadResult result;
    result.errors.push_back({path.string(), 0, "", "cannot open the file for reading"});
    return result;
  }
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxConfigBytes) break;  // load_config_text reports it
  }
  return load_config_text(text, path.string());
}

}  // namespace jemhead::service
