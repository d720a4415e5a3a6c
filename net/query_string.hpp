#pragma once
// Percent-encoding and -decoding of request targets. Kept apart from the server so it can be tested
// (and fuzzed) without sockets. Input is hostile: malformed escapes are kept literally
// rather than guessed at, and nothing here allocates beyond the input's size.
#include <map>
#include <string>
#include <string_view>

namespace jemhead::net {

// "%41b%2F" -> "Ab/". With `plus_is_space` (query strings) '+' becomes ' '.
std::string percent_decode(std::string_view text, bool plus_is_space = false);

// One path segment or query value for a URL: everything but RFC 3986's unreserved
// characters (letters, digits, - _ . ~) is escaped, "/" included.
std::string percent_encode(std::string_view text);

// "a=1&b=x%20y&a=2" -> {a: "2", b: "x y"} (the last value of a repeated key wins; a key
// without '=' maps to "").
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace jemhead::net
