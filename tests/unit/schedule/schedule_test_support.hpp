#pragma once
// Small helpers shared by the schedule tests: exact UTC instants from ISO 8601 text.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/schedule/schedule.hpp"
#include "core/time.hpp"

namespace jemhead::schedule::testing {

inline UtcTime utc(const char* iso) {
  const std::optional<UtcTime> t = parse_iso8601(iso);
  if (!t) throw std::invalid_argument(std::string("bad test time ") + iso);
  return *t;
}

// The next `count` fire times after `from`, as ISO text (readable failure messages).
inline std::vector<std::string> fires(const Schedule& s, const char* from, int count) {
  std::vector<std::string> out;
  UtcTime t = utc(from);
  for (int i = 0; i < count; ++i) {
    const std::optional<UtcTime> next = s.next_after(t);
    if (!next) break;
    out.push_back(format_iso8601(*next));
    t = *next;
  }
  return out;
}

}  // namespace jemhead::schedule::testing
