#pragma once
// The filter parameters of the list endpoints (alarms, PQDIF files, job history). A filter
// value that cannot match anything is a mistake worth naming, not an empty page: ApiError
// 422 naming the parameter (handler_support's query_* answer 400 for values that are not
// even of the parameter's type).
#include <cstdint>
#include <optional>
#include <string>

#include "api/router.hpp"
#include "core/enum_text.hpp"
#include "storage/repository.hpp"

namespace jemhead::api {

[[noreturn]] void bad_filter(const std::string& name, const std::string& message);

// The value of query parameter `name`; null when it is absent.
const std::string* query_value(const Call& call, const std::string& name);

// meter=<id>: a meter id (a positive integer).
std::optional<std::int64_t> meter_filter(const Call& call);

// from=/to=: ISO 8601 date-times, from before to.
storage::TimeRange time_range_filter(const Call& call);

// One of E's names (core/enum_text.hpp).
template <typename E>
std::optional<E> enum_filter(const Call& call, const std::string& name) {
  const auto* v = query_value(call, name);
  if (!v) return std::nullopt;
  const auto value = from_text<E>(*v);
  if (!value) bad_filter(name, "must be one of " + allowed_texts<E>());
  return value;
}

}  // namespace jemhead::api
