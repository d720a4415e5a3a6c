#pragma once
// The vocabulary a section's describe() uses, turned into calls on a concrete visitor
// (JSON writer/reader, validator, schema): every visitor derives from FieldVisitor<Self>
// and implements on_field / on_section / on_list. A section is any struct with
//   template <class Self, class V> static void describe(Self& self, V& v);
// so the same description serves const (writing, checking) and mutable (reading) objects.
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/config/field_meta.hpp"

namespace jemhead::config {

template <class S, class V>
void describe_fields(S& section, V& visitor) {
  std::remove_const_t<S>::describe(section, visitor);
}

template <class Derived>
class FieldVisitor {
 public:
  // A leaf: bool, int, double, std::string or an enum with EnumText names.
  template <class T, class... M>
  void field(std::string_view name, T& value, M&&... meta) {
    FieldMeta m;
    (apply(m, std::forward<M>(meta)), ...);
    self().on_field(name, value, m);
  }
  // A nested section (a struct with describe()).
  template <class S, class... M>
  void section(std::string_view name, S& value, M&&... meta) {
    FieldMeta m;
    (apply(m, std::forward<M>(meta)), ...);
    self().on_section(name, value, m);
  }
  // A list of sections; Count gives its limits.
  template <class T, class... M>
  void list(std::string_view name, T& items, M&&... meta) {
    FieldMeta m;
    (apply(m, std::forward<M>(meta)), ...);
    self().on_list(name, items, m);
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

// "a.b" / "a.b[3]": the path notation every problem and diff entry uses.
inline std::string child_path(std::string_view parent, std::string_view name) {
  std::string out(parent);
  if (!out.empty()) out += '.';
  out += name;
  return out;
}
inline std::string item_path(std::string_view list, std::size_t index) {
  std::string out(list);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

// UTF-8 code points, so a 24-character limit means characters, not bytes.
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace jemhead::config
