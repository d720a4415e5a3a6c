#pragma once
// Table-driven validation cases: each case changes a factory-default configuration and
// lists exactly the problems (path, rule, seed) validation must report; an empty list is
// a passing case.
#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config::test {

struct Expected {
  std::string path;
  std::string rule;
  std::string seed;
  bool operator==(const Expected&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const Expected& e) {
  return os << "{" << e.path << ", " << e.rule << ", " << e.seed << "}";
}

inline std::vector<Expected> summary(const Problems& problems) {
  std::vector<Expected> out;
  for (const auto& p : problems) out.push_back({p.path, p.rule, p.seed});
  return out;
}

struct ValidationCase {
  std::string name;
  std::function<void(MeterConfiguration&)> change;
  std::vector<Expected> expected;
};

inline void run_cases(const std::vector<ValidationCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    MeterConfiguration config;
    c.change(config);
    const auto problems = validate(config);
    EXPECT_EQ(summary(problems), c.expected);
    for (const auto& p : problems) EXPECT_FALSE(p.message.empty()) << p.path;
  }
}

}  // namespace jemhead::config::test
