#pragma once
// Small conversions between the interface's types and SQL parameter values, shared by the
// record-family files.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "storage/repository.hpp"
#include "storage/sqlite/statement.hpp"

namespace jemhead::storage::sqlite {

// A zero timestamp means "not set by the caller": the store records the current time.
inline UtcTime or_now(UtcTime t) {
  return t == UtcTime{} ? utc_now() : t;
}

// Open range ends become the extreme microsecond values, so one statement serves every
// combination of bounds.
inline std::int64_t range_from(const TimeRange& r) {
  return r.from ? to_unix_micros(*r.from) : std::numeric_limits<std::int64_t>::min();
}
inline std::int64_t range_to(const TimeRange& r) {
  return r.to ? to_unix_micros(*r.to) : std::numeric_limits<std::int64_t>::max();
}

// SQL LIMIT takes a signed 64-bit value.
inline std::int64_t sql_limit(std::size_t limit) {
  constexpr auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(limit > max ? max : limit);
}

// Newest-first keyset paging (Page.after_id: older than this id; 0 starts at the newest).
// append_newest_first ends a statement whose WHERE clause is open; bind_newest_first binds
// its two parameters after the others.
inline void append_newest_first(std::string& sql, const Page& page) {
  if (page.after_id > 0) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
}
inline void bind_newest_first(Query& q, const Page& page) {
  if (page.after_id > 0) q.bind(page.after_id);
  q.bind(sql_limit(page.limit));
}

// A LIKE pattern matching `text` anywhere, with LIKE's wildcards in `text` taken literally
// (the statement must say ESCAPE '\').
inline std::string like_anywhere(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

}  // namespace jemhead::storage::sqlite
