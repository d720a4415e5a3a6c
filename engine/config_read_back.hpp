#pragma once
// Reading a meter's configuration back (internal to engine/config_push_*.cpp): what the
// drivers can read (identity, load-profile layouts), compared with a stored version.
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_readback.hpp"
#include "engine/config_push_context.hpp"

namespace jemhead::engine {

struct ReadBack {
  config::ObservedConfiguration observed;
  std::vector<std::string> errors;
  std::string protocol;  // of the profile that read it
  bool anything = false;
};

// Reads what the routed profiles can read; `document_profiles` is how many load profiles
// the document describes (1 or 2 are read).
ReadBack read_back(const ConfigPushContext& ctx, const Meter& meter,
                   const std::vector<ConnectionProfile>& profiles, std::size_t document_profiles);

// The record of a read-back, compared with `version` when there is one (the comparison
// also goes to `cmp_out` when given).
ConfigReadback readback_record(const Meter& meter, const ReadBack& rb,
                               const std::optional<ConfigVersion>& version,
                               const std::string& trigger, config::ReadbackComparison* cmp_out);

// A read-back on its own (alarm, status bit 11, by hand): reads, compares with the latest
// version, stores the record and raises a drift alarm on drift. Throws ConfigPushRejected
// (404 no meter, 409 nothing could be read).
ConfigReadback run_readback(const ConfigPushContext& ctx, std::int64_t meter_id,
                            const std::string& trigger);

}  // namespace jemhead::engine
