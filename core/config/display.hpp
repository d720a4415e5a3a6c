#pragma once
// DISPLAY SETUP (manual L6630-L6737). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct DisplaySetup {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const DisplaySetup&) const = default;
};

}  // namespace jemhead::config
