#pragma once
// The kinds of collection a job can ask for (issue 4: registers, instantaneous, status,
// load profile, logs, clock check/sync, PQDIF) and the driver capability each one needs, so
// routing can pick a connection profile per kind.
#include <string>
#include <string_view>
#include <vector>

#include "core/capability.hpp"
#include "core/enum_text.hpp"

namespace jemhead::engine {

enum class JobKind {
  registers,
  instantaneous,
  status,
  load_profile,
  events,
  clock_check,
  clock_sync,
  pqdif
};

Capability capability_for(JobKind kind);

// "registers,status": comma-separated, no spaces, in the given order (stored in job
// history and accepted back by parse_kinds).
std::string kinds_text(const std::vector<JobKind>& kinds);

// The inverse of kinds_text. Blanks around names are ignored (hand-typed REST queries);
// duplicates are dropped keeping the first occurrence; "" is no kinds. Throws
// std::invalid_argument naming the bad kind and the allowed ones.
std::vector<JobKind> parse_kinds(std::string_view text);

}  // namespace jemhead::engine

template <>
struct jemhead::EnumText<jemhead::engine::JobKind> {
  using K = jemhead::engine::JobKind;
  static constexpr std::array<std::pair<K, std::string_view>, 8> names{{
      {K::registers, "registers"},
      {K::instantaneous, "instantaneous"},
      {K::status, "status"},
      {K::load_profile, "load_profile"},
      {K::events, "events"},
      {K::clock_check, "clock_check"},
      {K::clock_sync, "clock_sync"},
      {K::pqdif, "pqdif"},
  }};
};
