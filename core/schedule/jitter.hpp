#pragma once
// Deterministic jitter: each (meter, schedule) pair gets a fixed offset in [0, max_jitter)
// derived from a hash, so a fleet of 10,000 meters on the same schedule spreads its
// connections over the jitter window, while each meter keeps the same offset across
// restarts (its data arrives at a predictable time). The hash is our own (FNV-1a then a
// splitmix64 finaliser), not std::hash, so offsets do not change with the standard library.
#include <cstdint>
#include <string_view>

#include "core/time.hpp"

namespace jemhead::schedule {

std::uint64_t stable_hash(std::int64_t meter_id, std::string_view schedule_key);

// 0 when max_jitter <= 0.
Micros jitter_offset(std::int64_t meter_id, std::string_view schedule_key, Micros max_jitter);

}  // namespace jemhead::schedule
