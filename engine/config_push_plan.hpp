#pragma once
// Planning a push (internal to engine/config_push_*.cpp): which document the meter is taken
// to hold, which sections a push writes, what needs confirmation, the operations asked
// for, and the checks and records of submit().
#include <string>
#include <vector>

#include "core/config/config_impact.hpp"
#include "core/config/config_readback.hpp"
#include "core/config/meter_configuration.hpp"
#include "engine/config_push_context.hpp"

namespace jemhead::engine {

config::MeterConfiguration parse_document(const std::string& text);

// The document the meter is taken to hold before `version`: the previous version, or the
// factory defaults (with the target's hardware) for a first version.
config::MeterConfiguration previous_document(storage::Store& repo, std::int64_t meter_id,
                                             std::int64_t version,
                                             const config::MeterConfiguration& target);

// "destructive changes need confirm: ..." for the requested sections; empty when nothing
// needs confirmation (re-initialisations and destructive changes, in words).
std::string confirmation_error(const config::ImpactReport& impact,
                               const std::vector<std::string>& sections);

struct Operations {
  bool clock = false;
  std::vector<drivers::RegisterPreset> presets;
  std::vector<drivers::OutputCommand> outputs;
};

// The operations ride in the push's impact_json ("requested_operations") so a push resumed
// after a restart does what was asked.
Operations operations_of(const ConfigPush& push);

// Checks a request and records the push with its audit entry: refused when it needs
// confirmation and has none, else queued (the caller queues the work). Throws
// ConfigPushRejected.
ConfigPush record_push(const ConfigPushContext& ctx, const ConfigPushRequest& request);

}  // namespace jemhead::engine
