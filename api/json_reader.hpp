#pragma once
// Strict reading of a JSON request object into C++ fields. Each read names the field it
// consumes; whatever the caller never asked for is reported as an unknown field by
// finish(). Type mismatches and numbers that do not fit the target type are reported with
// the field's path ("identification/3/value") instead of being coerced.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/validation.hpp"

namespace jemhead::api {

// Parses a request body that must be one JSON object (ApiError 400 otherwise). Depth and
// size are bounded (the server already bounds the body).
boost::json::object parse_json_object(std::string_view body);

class JsonReader {
 public:
  // `prefix` is prepended to field names in errors ("identification/2/").
  JsonReader(const boost::json::object& object, std::string prefix, Validation& errors)
      : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

  void read(std::string_view key, std::string& out);
  void read(std::string_view key, bool& out);
  void read(std::string_view key, std::optional<std::int64_t>& out);  // null clears
  template <typename Int>
  void read_integer(std::string_view key, Int& out) {
    std::int64_t v = 0;
    if (integer(key, v, static_cast<std::int64_t>(std::numeric_limits<Int>::min()),
                static_cast<std::int64_t>(std::numeric_limits<Int>::max())))
      out = static_cast<Int>(v);
  }
  // The raw value of `key` (marked as known), or nullptr when absent.
  const boost::json::value* raw(std::string_view key);
  // Accepted and ignored: server-assigned fields a client may echo back (id, created_at).
  void ignore(std::string_view key) { known_.insert(std::string(key)); }
  // Reports every field that was never read.
  void finish();

  std::string path(std::string_view key) const { return prefix_ + std::string(key); }
  Validation& errors() { return errors_; }

 private:
  bool integer(std::string_view key, std::int64_t& out, std::int64_t lo, std::int64_t hi);

  const boost::json::object& object_;
  std::string prefix_;
  Validation& errors_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace jemhead::api
