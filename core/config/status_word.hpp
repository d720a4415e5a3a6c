#pragma once
// STATUS WORD AND STATUS TRIGGERS (manual L4734-L4996). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct StatusWord {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const StatusWord&) const = default;
};

}  // namespace jemhead::config
