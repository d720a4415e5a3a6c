#pragma once
// TRANSFORMER LOSS COMPENSATION (manual L6738-L7041). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct LossCompensation {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const LossCompensation&) const = default;
};

}  // namespace jemhead::config
