#include "core/config/demand_rules.hpp"

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

void check_demand_subinterval_divides_interval(const Demands& d, const std::string& path,
                                               Problems& out) {
  // Out-of-range values are the range check's problem; a zero would divide by zero here.
  if (d.subinterval_minutes <= 0 || d.interval_minutes <= 0) return;
  if (d.subinterval_minutes <= d.interval_minutes &&
      d.interval_minutes % d.subinterval_minutes == 0)
    return;
  std::string msg = "subinterval ";
  msg += std::to_string(d.subinterval_minutes);
  msg += " min must divide the interval ";
  msg += std::to_string(d.interval_minutes);
  msg += " min";
  report(out, kDemandSubintervalDividesInterval, child_path(path, "subinterval_minutes"),
         std::move(msg));
}

void check_demand_rules(const Demands& d, const std::string& path, Problems& out) {
  check_demand_subinterval_divides_interval(d, path, out);
}

}  // namespace jemhead::config
