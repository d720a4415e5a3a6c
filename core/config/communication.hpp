#pragma once
// COMMUNICATION SETUP (manual L4997-L5886). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct CommunicationSetup {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const CommunicationSetup&) const = default;
};

}  // namespace jemhead::config
