#pragma once
// The daemon's configuration as typed values. config/jemhead.example.yaml documents every
// key; the defaults below are the ones written there, so `jemhead serve` with no file at
// all runs with SQLite under ./var/ and the API on 127.0.0.1:8080.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "api/auth.hpp"
#include "core/connection_profile.hpp"
#include "core/enum_text.hpp"
#include "core/meter.hpp"
#include "engine/engine_options.hpp"
#include "net/http_server.hpp"
#include "service/alarm_config.hpp"
#include "service/pqdif_drop_options.hpp"

namespace jemhead::service {

enum class LogFormat { text, json };
enum class LogLevel { trace, debug, info, warn, error };
enum class StorageBackend { sqlite };
enum class SqliteSynchronous { normal, full };

struct ApiConfig {
  std::vector<net::Endpoint> listen{net::Endpoint{"127.0.0.1", 8080}};
  std::size_t body_limit_bytes = 1048576;
  std::size_t handler_threads = 4;
  std::vector<api::ApiToken> tokens;  // none: every route but /health answers 401
};

struct SqliteConfig {
  std::string path = "jemhead.db";  // relative to data_dir; ":memory:" for throw-away runs
  SqliteSynchronous synchronous = SqliteSynchronous::normal;
};

struct StorageConfig {
  StorageBackend backend = StorageBackend::sqlite;
  SqliteConfig sqlite;
};

struct LoggingConfig {
  LogFormat format = LogFormat::text;
  LogLevel level = LogLevel::info;
  std::string file;  // empty = stderr; relative to data_dir
};

struct MetricsConfig {
  bool enabled = true;
};

// A meter as the file defines it: the core model plus references by name, resolved to
// ids when the fleet is applied to the database.
struct FleetMeter {
  Meter meter;
  std::string group;  // name of a group in fleet.groups, or empty
  std::vector<ConnectionProfile> connections;
};

struct FleetConfig {
  std::vector<Group> groups;
  std::vector<FleetMeter> meters;
};

// PQDIF files (issue 6): drop directories that meters push into by SCP or FTP.
struct PqdifConfig {
  PqdifDropOptions drop;  // `drop_directories`, `drop_settle_ms`
};

struct Config {
  std::string source;  // the file it came from; empty when built from defaults only
  std::filesystem::path data_dir = "./var";
  std::size_t threads = 2;
  std::string ready_file;
  AlarmsConfig alarms;  // web and mail alarm receivers, webhooks (issue 7)
  ApiConfig api;
  StorageConfig storage;
  LoggingConfig logging;
  MetricsConfig metrics;
  engine::EngineOptions engine;  // scheduling, session budgets, health, job history
  FleetConfig fleet;
  PqdifConfig pqdif;

  // Paths the daemon opens, with the relative ones resolved against data_dir.
  std::string sqlite_path() const;
  std::filesystem::path log_file_path() const;  // empty = stderr
};

}  // namespace jemhead::service

namespace jemhead {

template <>
struct EnumText<service::LogFormat> {
  static constexpr std::array<std::pair<service::LogFormat, std::string_view>, 2> names{{
      {service::LogFormat::text, "text"},
      {service::LogFormat::json, "json"},
  }};
};

template <>
struct EnumText<service::LogLevel> {
  static constexpr std::array<std::pair<service::LogLevel, std::string_view>, 5> names{{
      {service::LogLevel::trace, "trace"},
      {service::LogLevel::debug, "debug"},
      {service::LogLevel::info, "info"},
      {service::LogLevel::warn, "warn"},
      {service::LogLevel::error, "error"},
  }};
};

template <>
struct EnumText<service::StorageBackend> {
  static constexpr std::array<std::pair<service::StorageBackend, std::string_view>, 1> names{{
      {service::StorageBackend::sqlite, "sqlite"},
  }};
};

template <>
struct EnumText<service::SqliteSynchronous> {
  static constexpr std::array<std::pair<service::SqliteSynchronous, std::string_view>, 2> names{{
      {service::SqliteSynchronous::normal, "normal"},
      {service::SqliteSynchronous::full, "full"},
  }};
};

}  // namespace jemhead
