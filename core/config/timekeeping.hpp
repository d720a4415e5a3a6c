#pragma once
// TIMEKEEPING & SCHEDULED EVENTS (manual L3904-L4210). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct Timekeeping {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const Timekeeping&) const = default;
};

}  // namespace jemhead::config
