#pragma once
// INPUT / OUTPUT (manual L4211-L4514). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct InputOutput {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const InputOutput&) const = default;
};

}  // namespace jemhead::config
