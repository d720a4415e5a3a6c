#pragma once
// Delivering a push (internal to engine/config_push_*.cpp): each requested section through
// a driver that can write configuration, and the operations the documented channels can
// do (clock, register presets, outputs), each over a routed session, with its outcome.
#include <string>
#include <vector>

#include "engine/config_push_context.hpp"

namespace jemhead::engine {

// What a push read that is stored like any other read (clock readings, preset registers).
struct PushExtras {
  std::vector<ClockRecord> clock;
  std::vector<RegisterReading> registers;
};

// One result per section: refused_mid for a MID-locked section of a MID meter, else
// not_deliverable (no documented protocol writes sections).
std::vector<ConfigPushSection> deliver_sections(const ConfigPushContext& ctx,
                                                const ConfigPush& push,
                                                const std::vector<ConnectionProfile>& profiles,
                                                bool mid);

ConfigPushSection set_clock(const ConfigPushContext& ctx, const Meter& meter,
                            const std::vector<ConnectionProfile>& profiles, PushExtras& extras);

ConfigPushSection write_presets(const ConfigPushContext& ctx, const Meter& meter,
                                const std::vector<ConnectionProfile>& profiles, bool mid,
                                const std::vector<drivers::RegisterPreset>& values,
                                PushExtras& extras);

ConfigPushSection control_outputs(const ConfigPushContext& ctx, const Meter& meter,
                                  const std::vector<ConnectionProfile>& profiles,
                                  const std::vector<drivers::OutputCommand>& commands);

}  // namespace jemhead::engine
