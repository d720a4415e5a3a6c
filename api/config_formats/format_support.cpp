#include "api/config_formats/format_support.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace jemhead::config::formats {
namespace json = boost::json;

namespace {

std::string double_text(double d) {
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  std::array<char, 64> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  std::string out(buf.data(), ec == std::errc{} ? end : buf.data());
  // "600" would read back as an integer; a double keeps its type.
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (text == w) return true;
  return false;
}

}  // namespace

std::string number_text(const json::value& number) {
  if (number.is_int64()) return std::to_string(number.get_int64());
  if (number.is_uint64()) return std::to_string(number.get_uint64());
  return double_text(number.as_double());
}

std::optional<json::value> parse_int(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  const char* first = text.data();
  const char* last = first + text.size();
  std::int64_t i = 0;
  if (auto [p, ec] = std::from_chars(first, last, i); ec == std::errc{} && p == last)
    return json::value(i);
  std::uint64_t u = 0;
  if (auto [p, ec] = std::from_chars(first, last, u); ec == std::errc{} && p == last)
    return json::value(u);
  return std::nullopt;
}

std::optional<json::value> parse_double(std::string_view text) {
  if (is_one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
    return json::value(std::numeric_limits<double>::infinity());
  if (is_one_of(text, {"-.inf", "-.Inf", "-.INF"}))
    return json::value(-std::numeric_limits<double>::infinity());
  if (text.starts_with('+')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  const char* first = text.data();
  const char* last = first + text.size();
  double d = 0;
  const auto [p, ec] = std::from_chars(first, last, d);
  // Out of range: strtod gives what JSON's reader gives (1e400 is infinity, 1e-400 zero).
  if (ec == std::errc::result_out_of_range && p == last) {
    const std::string copy(text);
    return json::value(std::strtod(copy.c_str(), nullptr));
  }
  if (ec != std::errc{} || p != last || std::isnan(d)) return std::nullopt;
  return json::value(d);
}

json::value infer_scalar(std::string_view text) {
  if (is_one_of(text, {"true", "True", "TRUE"})) return true;
  if (is_one_of(text, {"false", "False", "FALSE"})) return false;
  if (is_one_of(text, {"null", "Null", "NULL", "~"})) return nullptr;
  if (auto i = parse_int(text)) return *i;
  if (auto d = parse_double(text)) return *d;
  return json::string(text);
}

long next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i++]);
  if (b0 < 0x80) return b0;
  int extra = 0;
  long cp = 0;
  long min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return -1;
    ++i;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (next_code_point(s, i) < 0) return false;
  return true;
}

ReadResult syntax_error(std::string message) {
  ReadResult r;
  r.problems.push_back({"", "syntax", std::move(message), ""});
  return r;
}

std::optional<ReadResult> check_size(std::string_view text) {
  if (text.size() <= kMaxTextBytes) return std::nullopt;
  std::string message = "document larger than ";
  message += std::to_string(kMaxTextBytes);
  message += " bytes";
  return syntax_error(std::move(message));
}

}  // namespace jemhead::config::formats
