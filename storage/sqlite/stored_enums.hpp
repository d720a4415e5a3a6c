#pragma once
// Enums are stored as their names (core/enum_text.hpp), lists of them as JSON arrays of
// names. The tables' CHECK constraints accept only the enums' own spellings, so a stored
// name always reads back; anything else is a hand-edited row and an error, not a silent
// default. `family` names the record family in that error ("alarms: unknown event type
// 'X'").
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.hpp"
#include "storage/repository.hpp"
#include "storage/sqlite/json_text.hpp"

namespace jemhead::storage::sqlite {

template <typename E>
E stored_enum(std::string_view text, std::string_view family, std::string_view what) {
  const auto value = from_text<E>(text);
  if (!value) {
    std::string message(family);
    message += ": unknown ";
    message += what;
    message += " '";
    message += text;
    message += "'";
    throw StorageError(message);
  }
  return *value;
}

template <typename E>
std::string enum_list_json(const std::vector<E>& values) {
  std::vector<std::string> names;
  names.reserve(values.size());
  for (const auto v : values) names.emplace_back(to_text(v));
  return string_list_to_json(names);
}

// `list` names the whole value when it is not a JSON array of strings, `what` one item.
template <typename E>
std::vector<E> stored_enum_list(std::string_view text, std::string_view family,
                                std::string_view list, std::string_view what) {
  std::vector<E> values;
  for (const auto& name : string_list_from_json(text, list))
    values.push_back(stored_enum<E>(name, family, what));
  return values;
}

}  // namespace jemhead::storage::sqlite
