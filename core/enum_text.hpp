#pragma once
// One table per enum maps values to the names used in YAML, JSON, SQL and logs, so the
// spelling lives in exactly one place. Specialise `EnumText<E>::names` next to the enum.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jemhead {

template <typename E>
struct EnumText;  // provides: static constexpr std::array<std::pair<E, std::string_view>, N> names

template <typename E>
constexpr std::string_view to_text(E value) {
  for (const auto& [v, name] : EnumText<E>::names)
    if (v == value) return name;
  return "?";
}

template <typename E>
constexpr std::optional<E> from_text(std::string_view name) {
  for (const auto& [v, n] : EnumText<E>::names)
    if (n == name) return v;
  return std::nullopt;
}

// "a, b, c": used in error messages that list what is allowed.
template <typename E>
std::string allowed_texts() {
  std::string out;
  for (const auto& [v, n] : EnumText<E>::names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace jemhead
