#include "drivers/profile_options.hpp"

#include <boost/json/parse.hpp>

namespace jemhead::drivers {

namespace json = boost::json;

namespace {
constexpr std::size_t kMaxOptionsBytes = 8192;
constexpr std::size_t kMaxTextBytes = 1024;
constexpr std::size_t kMaxKeyInMessage = 64;
}  // namespace

std::optional<json::object> parse_profile_options(const ConnectionProfile& profile, Validation& v) {
  if (profile.options_json.size() > kMaxOptionsBytes) {
    v.fail("options", "too large");
    return std::nullopt;
  }
  std::error_code ec;
  json::parse_options po;
  po.max_depth = 4;
  auto doc = json::parse(profile.options_json.empty() ? "{}" : profile.options_json, ec,
                         json::storage_ptr(), po);
  if (ec || !doc.is_object()) {
    v.fail("options", ec ? "not valid JSON: " + ec.message() : "must be an object");
    return std::nullopt;
  }
  return std::move(doc.as_object());
}

std::string option_field(std::string_view key) {
  std::string field = "options/";
  field += key.substr(0, kMaxKeyInMessage);
  return field;
}

void read_text_option(const json::value& value, const std::string& field, Validation& v,
                      std::string& out) {
  const auto* s = value.if_string();
  if (!s)
    v.fail(field, "must be a string");
  else if (s->size() > kMaxTextBytes)
    v.fail(field, "longer than " + std::to_string(kMaxTextBytes) + " bytes");
  else
    out = std::string(*s);
}

void read_bool_option(const json::value& value, const std::string& field, Validation& v,
                      bool& out) {
  if (const auto* b = value.if_bool())
    out = *b;
  else
    v.fail(field, "must be true or false");
}

void read_count_option(const json::value& value, const std::string& field, Validation& v,
                       std::uint64_t minimum, std::uint64_t& out) {
  const auto n = value.if_int64();
  if (n && *n >= 0 && static_cast<std::uint64_t>(*n) >= minimum)
    out = static_cast<std::uint64_t>(*n);
  else
    v.fail(field, "must be an integer of at least " + std::to_string(minimum));
}

}  // namespace jemhead::drivers
