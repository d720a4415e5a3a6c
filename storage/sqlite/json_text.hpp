#pragma once
// The few values stored as JSON text (a meter's installed options) are encoded and decoded
// here, in one place, with Boost.JSON.
#include <string>
#include <string_view>
#include <vector>

namespace jemhead::storage::sqlite {

std::string string_list_to_json(const std::vector<std::string>& items);
// Throws StorageError when the stored text is not a JSON array of strings (a corrupted or
// hand-edited row), naming `what` in the message.
std::vector<std::string> string_list_from_json(std::string_view text, std::string_view what);

}  // namespace jemhead::storage::sqlite
