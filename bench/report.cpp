#include "bench/report.hpp"

#include <cstdio>

namespace jemhead::bench {

namespace {
std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

void report(const std::string& name, double value, const std::string& unit,
            std::optional<double> baseline, std::optional<double> ratio) {
  if (baseline && !ratio && *baseline != 0) ratio = value / *baseline;
  std::printf("{\"name\":\"%s\",\"value\":%s,\"unit\":\"%s\",\"baseline\":%s,\"ratio\":%s}\n",
              name.c_str(), number(value).c_str(), unit.c_str(),
              baseline ? number(*baseline).c_str() : "null",
              ratio ? number(*ratio).c_str() : "null");
  std::fflush(stdout);
}

}  // namespace jemhead::bench
