#pragma once
// Field-by-field difference of two configurations, for "diff two versions section by
// section" (issue 8). Both documents are written by the same description, so every leaf
// has the same path in both; a list that grew or shrank reports each entry added
// (old = null) or removed (new = null) as a whole.
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

struct ConfigChange {
  std::string path;  // "primary.ct_primary", "load_profile.profiles[0].channels[2]"
  boost::json::value old_value;
  boost::json::value new_value;

  bool operator==(const ConfigChange&) const = default;
};

std::vector<ConfigChange> diff(const MeterConfiguration& a, const MeterConfiguration& b);
// The same over JSON values (documents already in JSON form, e.g. stored versions).
void diff_json(const boost::json::value& a, const boost::json::value& b, const std::string& path,
               std::vector<ConfigChange>& out);

}  // namespace jemhead::config
