#pragma once
// What a section's describe() says about one field: its limits, the manual line it comes
// from and a short text. Every operation (JSON, validation, schema, diff) reads the same
// description, so a range or an enumeration is written exactly once.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace jemhead::config {

// Inclusive numeric limits.
struct Range {
  double min;
  double max;
};
// The value must be a whole multiple of `step` (e.g. gain corrections in 0.01 % steps).
struct Step {
  double step;
};
// Strings: at most this many characters (UTF-8 code points).
struct MaxLength {
  std::size_t max;
};
// Lists: number of entries.
struct Count {
  std::size_t min;
  std::size_t max;
};
// Numbers that take only a few values (frequency 50/60 Hz, class amps).
struct Allowed {
  std::vector<double> values;
};
// Where the manual says it: "L2536" or "L2536-L2538".
struct Seed {
  std::string_view line;
};

struct FieldMeta {
  std::optional<Range> range;
  std::optional<Step> step;
  std::optional<MaxLength> max_length;
  std::optional<Count> count;
  std::optional<Allowed> allowed;
  std::string_view seed;
  std::string_view doc;
};

inline void apply(FieldMeta& m, Range r) {
  m.range = r;
}
inline void apply(FieldMeta& m, Step s) {
  m.step = s;
}
inline void apply(FieldMeta& m, MaxLength l) {
  m.max_length = l;
}
inline void apply(FieldMeta& m, Count c) {
  m.count = c;
}
inline void apply(FieldMeta& m, Allowed a) {
  m.allowed = std::move(a);
}
inline void apply(FieldMeta& m, Seed s) {
  m.seed = s.line;
}
inline void apply(FieldMeta& m, std::string_view doc) {
  m.doc = doc;
}
inline void apply(FieldMeta& m, const char* doc) {
  m.doc = doc;
}

}  // namespace jemhead::config
