#pragma once
// The configuration document of one meter: the manual's sections, each described once
// (describe()), with every operation derived from those descriptions. Sections built so
// far: identification, primary, load profile, demands (docs/configuration.md lists what
// is next).
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_problem.hpp"
#include "core/config/demands.hpp"
#include "core/config/identification.hpp"
#include "core/config/load_profile.hpp"
#include "core/config/primary_configuration.hpp"

namespace jemhead::config {

struct MeterConfiguration {
  MeterIdentification identification;
  PrimaryConfiguration primary;
  LoadProfile load_profile;
  Demands demands;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("identification", s.identification, Seed{"L2445-L2476"}, "Meter Identification");
    v.section("primary", s.primary, Seed{"L2477-L2684"}, "Primary Configuration");
    v.section("load_profile", s.load_profile, Seed{"L3302-L3478"}, "Load Profile");
    v.section("demands", s.demands, Seed{"L3479-L3572"}, "Demands");
  }
  bool operator==(const MeterConfiguration&) const = default;
};

// Every field of every section (defaults included).
boost::json::object to_json(const MeterConfiguration& c);

struct ReadResult {
  MeterConfiguration config;
  Problems problems;
};
// Reading only: wrong JSON types, unknown keys and unknown enumeration texts. Missing keys
// keep the factory default.
ReadResult read_json(const boost::json::value& v);
// Reading and validation: every problem of both, in document order per kind.
ReadResult from_json(const boost::json::value& v);
// Parses text first; a syntax error is one problem at path "" with rule "syntax".
ReadResult from_json_text(std::string_view text);

// Field limits and every cross-field rule; all problems at once.
Problems validate(const MeterConfiguration& c);

// The cross-field rules validate() applies, for documentation and the REST API.
std::span<const RuleRef> cross_field_rules();

// JSON Schema (draft 2020-12) of the document, defaults = factory defaults.
boost::json::object json_schema();

// Values the manual computes rather than stores (transformer factor, full-scale watts).
boost::json::object derived_values(const MeterConfiguration& c);

}  // namespace jemhead::config
