#include "api/json_reader.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>

#include "api/problem.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

// A double that converts to int64 exactly (the range check first: converting an
// out-of-range double is undefined behaviour).
bool whole_number(double d) {
  return d >= -9.0e18 && d <= 9.0e18 && std::trunc(d) == d;
}

}  // namespace

json::object parse_json_object(std::string_view body) {
  json::parse_options options;
  options.max_depth = 16;  // our documents are at most three levels deep
  boost::system::error_code ec;
  json::value v = json::parse(body, ec, {}, options);
  if (ec) throw ApiError(400, "request body is not valid JSON: " + ec.message());
  if (!v.is_object()) throw ApiError(400, "request body must be a JSON object");
  return std::move(v.as_object());
}

const json::value* JsonReader::raw(std::string_view key) {
  known_.insert(std::string(key));
  return object_.if_contains(key);
}

void JsonReader::read(std::string_view key, std::string& out) {
  const auto* v = raw(key);
  if (!v) return;
  if (!v->is_string()) return errors_.fail(path(key), "must be a string");
  out = std::string(v->as_string());
}

void JsonReader::read(std::string_view key, bool& out) {
  const auto* v = raw(key);
  if (!v) return;
  if (!v->is_bool()) return errors_.fail(path(key), "must be a boolean");
  out = v->as_bool();
}

void JsonReader::read(std::string_view key, std::optional<std::int64_t>& out) {
  const auto* v = raw(key);
  if (!v) return;
  if (v->is_null()) {
    out.reset();
    return;
  }
  std::int64_t value = 0;
  if (integer(key, value, 1, std::numeric_limits<std::int64_t>::max())) out = value;
}

bool JsonReader::integer(std::string_view key, std::int64_t& out, std::int64_t lo,
                         std::int64_t hi) {
  const auto* v = raw(key);
  if (!v) return false;
  std::int64_t value = 0;
  if (v->is_int64()) {
    value = v->as_int64();
  } else if (v->is_uint64()) {
    value = std::numeric_limits<std::int64_t>::max();  // beyond every range we accept
  } else if (v->is_double() && whole_number(v->as_double())) {
    // 5.0 is a whole number; JSON does not distinguish it from 5.
    value = static_cast<std::int64_t>(v->as_double());
  } else {
    errors_.fail(path(key), "must be an integer");
    return false;
  }
  if (value < lo || value > hi) {
    errors_.fail(path(key), "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                                " (got " + json::serialize(*v) + ")");
    return false;
  }
  out = value;
  return true;
}

void JsonReader::finish() {
  for (const auto& [key, value] : object_)
    if (!known_.contains(std::string_view(key))) errors_.fail(path(key), "unknown field");
}

}  // namespace jemhead::api
