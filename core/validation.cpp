#include "core/validation.hpp"

#include <string>

namespace jemhead {

void Validation::range(std::string_view field, std::int64_t value, std::int64_t lo, std::int64_t hi,
                       std::string_view what) {
  if (value >= lo && value <= hi) return;
  std::string msg = "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                    " (got " + std::to_string(value) + ")";
  if (!what.empty()) msg += std::string(": ") + std::string(what);
  fail(std::string(field), std::move(msg));
}

void Validation::max_length(std::string_view field, std::string_view value, std::size_t max) {
  if (value.size() <= max) return;
  fail(std::string(field), "must be at most " + std::to_string(max) + " characters (got " +
                               std::to_string(value.size()) + ")");
}

void Validation::not_empty(std::string_view field, std::string_view value) {
  if (value.empty()) fail(std::string(field), "must not be empty");
}

std::string Validation::summary() const {
  std::string out;
  for (const auto& e : errors_) {
    if (!out.empty()) out += "; ";
    out += e.field + ": " + e.message;
  }
  return out;
}

}  // namespace jemhead
