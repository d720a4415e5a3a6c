#pragma once
// METER IDENTIFICATION (manual L2445-L2476): ten titled ID fields, informational only.
// Factory defaults: appendix C (L13400-L13420) gives titles and values for fields 1-5.
#include <string>
#include <vector>

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct IdField {
  std::string title;
  std::string value;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    // The manual limits titles nowhere; the same 24 as values keeps them displayable.
    v.field("title", s.title, MaxLength{24}, Seed{"L2466-L2470"},
            "Title of the ID field (user-defined category)");
    // "24 alphanumeric characters" (L2451) is not literal: the factory default of field 3
    // is "Rochester, New York" (L13404), so only the length is checked.
    v.field("value", s.value, MaxLength{24}, Seed{"L2451-L2453"}, "ID field value");
  }
  bool operator==(const IdField&) const = default;
};

std::vector<IdField> factory_id_fields();

struct MeterIdentification {
  std::vector<IdField> fields = factory_id_fields();

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.list("fields", s.fields, Count{10, 10}, Seed{"L2451"},
           "The ten ID fields; field 1 is the MV-90 Meter ID (L2462)");
  }
  bool operator==(const MeterIdentification&) const = default;
};

}  // namespace jemhead::config
