#pragma once
// TIME OF USE SETUP (manual L3812-L3903). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct TimeOfUse {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const TimeOfUse&) const = default;
};

}  // namespace jemhead::config
