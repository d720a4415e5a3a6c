#pragma once
// PROTOCOL SETUP (manual L5887-L6629). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct ProtocolSetup {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const ProtocolSetup&) const = default;
};

}  // namespace jemhead::config
