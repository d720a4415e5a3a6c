#pragma once
// Table-driven validation cases: each case changes a factory-default configuration and
// lists exactly the problems (path, rule, seed) validation must report; an empty list is
// a passing case.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
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

// The manual's worked example (L4379, L4405-L4407): "3Ph4W meter with 5A @120V inputs 1,800
// watts full scale", "2,700 kilowatt primary"; VT 300:120 and CT 3,000:5 give the
// transformer factor 1,500. Measurement units are the defaults.
inline PrimaryConfiguration manual_worked_example_primary() {
  PrimaryConfiguration p;
  p.nominal_voltage_secondary = 120;
  p.nominal_current_secondary = 5;
  p.vt_primary = 300;
  p.vt_secondary = 120;
  p.ct_primary = 3'000;
  p.ct_secondary = 5;
  return p;
}

// The message of the first problem at `path`, or a text naming the path when there is none
// (so a failing EXPECT_EQ shows which problem was missing).
inline std::string message_at(const Problems& problems, const std::string& path) {
  for (const auto& p : problems)
    if (p.path == path) return p.message;
  std::string none = "(no problem at ";
  none += path;
  none += ")";
  return none;
}

// The names of a section's rules (`<stem>_rule_refs()`), in order, after checking that
// cross_field_rules() lists each with the same seed: a rule the document does not list
// would never be documented or run.
inline std::vector<std::string> rules_listed_with_document_rules(std::span<const RuleRef> mine) {
  const auto all = cross_field_rules();
  std::vector<std::string> names;
  for (const auto& r : mine) {
    names.emplace_back(r.name);
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const RuleRef& x) {
      return x.name == r.name && x.seed == r.seed;
    })) << r.name;
  }
  return names;
}

namespace schema_check {
namespace json = boost::json;
// Every key of `doc` has a schema property and vice versa, all the way down (lists via
// their "items" schema); returns the number of leaves checked.
inline int check_covers(const json::value& doc, const json::object& schema,
                        const std::string& path) {
  int leaves = 0;
  if (doc.is_object()) {
    EXPECT_EQ(schema.at("type").as_string(), "object") << path;
    EXPECT_EQ(schema.at("additionalProperties"), json::value(false)) << path;
    const auto& props = schema.at("properties").as_object();
    EXPECT_EQ(props.size(), doc.as_object().size()) << path;
    for (const auto& kv : doc.as_object()) {
      const auto* p = props.if_contains(kv.key());
      if (!p) {
        ADD_FAILURE() << "no schema for " << path << "." << kv.key();
        continue;
      }
      leaves += check_covers(kv.value(), p->as_object(), path + "." + std::string(kv.key()));
    }
  } else if (doc.is_array()) {
    EXPECT_EQ(schema.at("type").as_string(), "array") << path;
    for (const auto& item : doc.as_array())
      leaves += check_covers(item, schema.at("items").as_object(), path + "[]");
  } else {
    EXPECT_TRUE(schema.contains("type")) << path;
    EXPECT_TRUE(schema.contains("description")) << path;
    if (doc.is_string()) {
      EXPECT_EQ(schema.at("type").as_string(), "string") << path;
    }
    if (doc.is_bool()) {
      EXPECT_EQ(schema.at("type").as_string(), "boolean") << path;
    }
    if (doc.is_double()) {
      EXPECT_EQ(schema.at("type").as_string(), "number") << path;
    }
    if (doc.is_int64()) {
      EXPECT_EQ(schema.at("type").as_string(), "integer") << path;
    }
    ++leaves;
  }
  return leaves;
}

}  // namespace schema_check

// The number of leaves of one top-level section of `c`'s JSON, each checked against the
// published schema (type, description, closed objects): every section's test asserts its
// own count so a field missing from the JSON or the schema shows.
inline int section_leaves(const MeterConfiguration& c, std::string_view section) {
  const auto doc = to_json(c);
  const auto schema = json_schema();
  const auto& props = schema.at("properties").as_object();
  if (!doc.contains(section) || !props.contains(section)) {
    ADD_FAILURE() << "no section " << section;
    return -1;
  }
  return schema_check::check_covers(doc.at(section), props.at(section).as_object(),
                                    std::string(section));
}

}  // namespace jemhead::config::test
