#include "core/config/config_diff.hpp"

#include <algorithm>

#include "core/config/field_visitor.hpp"

namespace jemhead::config {

void diff_json(const boost::json::value& a, const boost::json::value& b, const std::string& path,
               std::vector<ConfigChange>& out) {
  if (a.is_object() && b.is_object()) {
    const auto& oa = a.get_object();
    const auto& ob = b.get_object();
    // Keys in a's order, then keys only b has.
    for (const auto& kv : oa) {
      const auto* other = ob.if_contains(kv.key());
      const auto at = child_path(path, kv.key());
      if (other) {
        diff_json(kv.value(), *other, at, out);
      } else {
        out.push_back({at, kv.value(), nullptr});
      }
    }
    for (const auto& kv : ob)
      if (!oa.contains(kv.key())) out.push_back({child_path(path, kv.key()), nullptr, kv.value()});
    return;
  }
  if (a.is_array() && b.is_array()) {
    const auto& aa = a.get_array();
    const auto& ab = b.get_array();
    const auto common = std::min(aa.size(), ab.size());
    for (std::size_t i = 0; i < common; ++i) diff_json(aa[i], ab[i], item_path(path, i), out);
    for (std::size_t i = common; i < aa.size(); ++i)
      out.push_back({item_path(path, i), aa[i], nullptr});
    for (std::size_t i = common; i < ab.size(); ++i)
      out.push_back({item_path(path, i), nullptr, ab[i]});
    return;
  }
  if (a != b) out.push_back({path, a, b});
}

std::vector<ConfigChange> diff(const MeterConfiguration& a, const MeterConfiguration& b) {
  std::vector<ConfigChange> out;
  diff_json(to_json(a), to_json(b), "", out);
  return out;
}

}  // namespace jemhead::config
