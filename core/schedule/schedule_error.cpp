#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {
namespace {

// Tokens come from hostile input: quote at most a short, printable prefix in messages.
std::string printable_prefix(const std::string& token) {
  constexpr std::size_t kMaxQuoted = 40;
  std::string out;
  for (char c : token) {
    if (out.size() == kMaxQuoted) {
      out += "...";
      break;
    }
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return out;
}

}  // namespace

ScheduleParseError::ScheduleParseError(std::string field, std::string token,
                                       const std::string& reason)
    : std::invalid_argument(field + ": bad token '" + printable_prefix(token) + "': " + reason),
      field_(std::move(field)),
      token_(std::move(token)) {}

}  // namespace jemhead::schedule
