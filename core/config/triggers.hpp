#pragma once
// TRIGGER SETUP (manual L4515-L4733). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct TriggerSetup {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const TriggerSetup&) const = default;
};

}  // namespace jemhead::config
