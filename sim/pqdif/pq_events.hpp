#pragma once
// The meter's PQ triggers: sag, swell, rapid voltage change and voltage interruption
// events (part4 §3.2, §8.5-8.7), a pure function of (seed, day): any span of simulated
// time gives the same events however it is asked for.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace jemhead::sim {

enum class PqEventKind { sag, swell, rvc, interruption };

std::string_view pq_event_kind_text(PqEventKind kind);
// nullopt-free parse: returns false for an unknown text.
bool parse_pq_event_kind(std::string_view text, PqEventKind& kind);

struct PqEvent {
  PqEventKind kind = PqEventKind::sag;
  UtcTime trigger{};        // when the trigger fired
  Micros duration{};        // how long the disturbance lasted
  double magnitude = 1.0;   // per unit of the pre-event RMS on the affected phases
  std::uint8_t phases = 7;  // bit 0 = A, 1 = B, 2 = C
};

// The seeded events whose trigger lies in [from, to), in time order: `per_day` per UTC day
// at seeded instants.
std::vector<PqEvent> seeded_pq_events(std::uint64_t seed, std::uint32_t per_day, UtcTime from,
                                      UtcTime to);

// A forced event of `kind` at `at` (control route): duration and magnitude from the seed
// and the instant, so a replay gives the same event.
PqEvent forced_pq_event(std::uint64_t seed, PqEventKind kind, UtcTime at);

}  // namespace jemhead::sim
