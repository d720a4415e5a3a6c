#pragma once
// DISPLAY REGISTERS (manual L2685-L3301). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct DisplayRegisters {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const DisplayRegisters&) const = default;
};

}  // namespace jemhead::config
