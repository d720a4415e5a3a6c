#include "service/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>

#include "service/json_log_formatter.hpp"

namespace jemhead::service {

namespace {

std::mutex g_mutex;
spdlog::sink_ptr g_sink;
spdlog::level::level_enum g_level = spdlog::level::info;

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::trace: return spdlog::level::trace;
    case LogLevel::debug: return spdlog::level::debug;
    case LogLevel::info: return spdlog::level::info;
    case LogLevel::warn: return spdlog::level::warn;
    case LogLevel::error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

spdlog::sink_ptr default_sink() {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
      "%Y-%m-%dT%H:%M:%S.%fZ %l [%n] %v", spdlog::pattern_time_type::utc));
  return sink;
}

// Must hold g_mutex.
std::shared_ptr<spdlog::logger> make_logger(const std::string& name) {
  if (!g_sink) g_sink = default_sink();
  auto logger = std::make_shared<spdlog::logger>(name, g_sink);
  logger->set_level(g_level);
  logger->flush_on(spdlog::level::info);
  spdlog::register_logger(logger);
  return logger;
}

}  // namespace

void setup_logging(const LoggingConfig& config, const std::filesystem::path& file) {
  spdlog::sink_ptr sink;
  if (file.empty()) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file.string(), false);
  }
  if (config.format == LogFormat::json)
    sink->set_formatter(std::make_unique<JsonLogFormatter>());
  else
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%fZ %l [%n] %v", spdlog::pattern_time_type::utc));

  std::lock_guard lock(g_mutex);
  g_sink = sink;
  g_level = to_spdlog(config.level);
  // Loggers already handed out keep working: point them at the new sink.
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) {
    logger->sinks().assign(1, g_sink);
    logger->set_level(g_level);
  });
  auto fallback = spdlog::get("jemhead");
  spdlog::set_default_logger(fallback ? fallback : make_logger("jemhead"));
}

std::shared_ptr<spdlog::logger> component_logger(const std::string& name) {
  std::lock_guard lock(g_mutex);
  if (auto existing = spdlog::get(name)) return existing;
  return make_logger(name);
}

std::string log_safe(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars) + 3);
  for (char c : text.substr(0, max_chars)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (text.size() > max_chars) out += "...";
  return out;
}

void shutdown_logging() {
  std::lock_guard lock(g_mutex);
  spdlog::shutdown();
  g_sink.reset();
}

}  // namespace jemhead::service
