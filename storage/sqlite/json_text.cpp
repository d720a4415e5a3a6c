#include "storage/sqlite/json_text.hpp"

#include <boost/json.hpp>

#include "storage/repository.hpp"

namespace jemhead::storage::sqlite {

std::string string_list_to_json(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const auto& item : items) array.emplace_back(item);
  return boost::json::serialize(array);
}

std::vector<std::string> string_list_from_json(std::string_view text, std::string_view what) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error || !value.is_array())
    throw StorageError(std::string(what) + ": stored value is not a JSON array");
  std::vector<std::string> items;
  for (const auto& element : value.as_array()) {
    if (!element.is_string())
      throw StorageError(std::string(what) + ": stored array holds a non-string element");
    items.emplace_back(element.as_string());
  }
  return items;
}

}  // namespace jemhead::storage::sqlite
