#pragma once
// MEASUREMENT LOGGING (OPTION) (manual L3573-L3811). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct MeasurementLog {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const MeasurementLog&) const = default;
};

}  // namespace jemhead::config
