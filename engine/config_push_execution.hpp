#pragma once
// Running one recorded push (internal to engine/config_push_*.cpp): re-check it, deliver
// its sections and operations, read back, and record the results, read-back and audit
// entry in one transaction.
#include <cstdint>
#include <string>

#include "engine/config_push_context.hpp"

namespace jemhead::engine {

// Runs push `id` if it is still queued or running (a resumed one); others are left alone.
void run_push(const ConfigPushContext& ctx, std::int64_t id);

// Records push `id` as failed with `error` (what went wrong outside its own handling).
void fail_push(const ConfigPushContext& ctx, std::int64_t id, const std::string& error);

}  // namespace jemhead::engine
