#include "core/engine/job_kind.hpp"

#include <algorithm>
#include <stdexcept>

namespace jemhead::engine {

Capability capability_for(JobKind kind) {
  switch (kind) {
    case JobKind::registers: return Capability::read_registers;
    case JobKind::instantaneous: return Capability::read_instantaneous;
    case JobKind::status: return Capability::read_status;
    case JobKind::load_profile: return Capability::read_load_profile;
    case JobKind::events: return Capability::read_events;
    case JobKind::clock_check: return Capability::read_clock;
    case JobKind::clock_sync: return Capability::set_clock;
    case JobKind::pqdif: return Capability::fetch_pq_files;
  }
  throw std::invalid_argument("unknown job kind");
}

std::string kinds_text(const std::vector<JobKind>& kinds) {
  std::string out;
  for (JobKind k : kinds) {
    if (!out.empty()) out += ',';
    out += to_text(k);
  }
  return out;
}

namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<JobKind> parse_kinds(std::string_view text) {
  std::vector<JobKind> kinds;
  if (trim(text).empty()) return kinds;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view name = trim(text.substr(0, comma));
    const std::optional<JobKind> kind = from_text<JobKind>(name);
    if (!kind)
      throw std::invalid_argument("unknown job kind '" + std::string(name) +
                                  "' (allowed: " + allowed_texts<JobKind>() + ")");
    if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) kinds.push_back(*kind);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return kinds;
}

}  // namespace jemhead::engine
