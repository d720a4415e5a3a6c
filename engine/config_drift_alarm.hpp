#pragma once
// The "CONFIG_DRIFT" alarm a read-back raises when the meter differs from its stored
// version (internal to engine/config_push_*.cpp).
#include "engine/config_push_context.hpp"

namespace jemhead::engine {

// Stored like a pushed alarm (listed with the meter's alarms, delivered to webhooks), sent
// by jemhead itself; without an alarm file store, a log entry of log "config".
void raise_drift_alarm(const ConfigPushContext& ctx, const Meter& meter, const ConfigReadback& r);

}  // namespace jemhead::engine
