#include "service/json_log_formatter.hpp"

#include <spdlog/details/log_msg.h>

#include "core/time.hpp"
#include "service/json_text.hpp"

namespace jemhead::service {

namespace {

// The configuration's level names (logging.level), not spdlog's ("warning", "err"), so a
// filter written from the config matches the log.
std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace: return "trace";
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    case spdlog::level::err: return "error";
    case spdlog::level::critical: return "critical";
    default: return "off";
  }
}

}  // namespace

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  std::string line;
  line.reserve(96 + msg.payload.size());
  line += R"({"ts":")";
  line += format_iso8601(std::chrono::time_point_cast<Micros>(msg.time));
  line += R"(","level":)";
  append_json_string(line, level_name(msg.level));
  line += R"(,"logger":)";
  append_json_string(line, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
  line += R"(,"msg":)";
  append_json_string(line, std::string_view(msg.payload.data(), msg.payload.size()));
  line += "}\n";
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace jemhead::service
