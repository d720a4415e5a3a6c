#pragma once
// Daemon logging on spdlog: one sink (stderr or a file) shared by a logger per component
// ("service", "fleet", "http", ...), in text or as JSON lines {"ts","level","logger","msg"}.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "service/config.hpp"

namespace spdlog {
class logger;
}

namespace jemhead::service {

// Replaces the sink and level of every component logger; also sets spdlog's default
// logger so libraries that log through spdlog's free functions end up in the same place.
// `file` empty = stderr. Throws spdlog::spdlog_ex if the file cannot be opened.
void setup_logging(const LoggingConfig& config, const std::filesystem::path& file);

// The logger for one component, created on first use with the current sink.
std::shared_ptr<spdlog::logger> component_logger(const std::string& name);

// Text from the outside (request paths, peer data) made safe for a log line: control
// characters become '?' so nobody can forge lines, and it is cut at `max_chars`.
std::string log_safe(std::string_view text, std::size_t max_chars = 200);

// Flushes and drops every logger (end of process).
void shutdown_logging();

}  // namespace jemhead::service
