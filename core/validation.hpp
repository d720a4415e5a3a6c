#pragma once
// Validation collects every problem at once, each naming the field (JSON-pointer-like
// path, e.g. "identification/3/value") and the rule it broke, so an API caller or a
// configuration author can fix everything in one pass.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jemhead {

struct FieldError {
  std::string field;
  std::string message;
};

class Validation {
 public:
  void fail(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  // Integer in [lo, hi]; `what` cites the manual where the range comes from.
  void range(std::string_view field, std::int64_t value, std::int64_t lo, std::int64_t hi,
             std::string_view what = {});
  void max_length(std::string_view field, std::string_view value, std::size_t max);
  void not_empty(std::string_view field, std::string_view value);

  bool ok() const { return errors_.empty(); }
  const std::vector<FieldError>& errors() const { return errors_; }
  std::vector<FieldError> take() { return std::move(errors_); }
  // "field: message; field: message"
  std::string summary() const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace jemhead
