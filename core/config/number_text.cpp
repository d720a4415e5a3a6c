#include "core/config/number_text.hpp"

#include <charconv>

namespace jemhead::config {

std::string format_number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace jemhead::config
