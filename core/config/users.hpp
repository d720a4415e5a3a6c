#pragma once
// USER MANAGEMENT (manual L7042-L7264). Placeholder: fields to be described.
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

struct UserManagement {
  template <class Self, class V>
  static void describe(Self& s, V& v) {
    (void)s;
    (void)v;
  }
  bool operator==(const UserManagement&) const = default;
};

}  // namespace jemhead::config
