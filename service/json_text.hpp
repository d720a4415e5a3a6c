#pragma once
// Appends a JSON string literal. Used where pulling in a JSON library would be overkill:
// one log line per call, and the ready file.
#include <string>
#include <string_view>

namespace jemhead::service {

// Escapes quotes, backslashes and control characters; bytes that are not valid UTF-8
// become U+FFFD so the output stays valid JSON whatever a log message contains.
void append_json_string(std::string& out, std::string_view text);

inline std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace jemhead::service
