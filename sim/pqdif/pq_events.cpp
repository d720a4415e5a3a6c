#include "sim/pqdif/pq_events.hpp"

#include <algorithm>
#include <cmath>

#include "sim/noise.hpp"

namespace jemhead::sim {

namespace {

constexpr std::int64_t kDayMicros = 86'400'000'000;
// Noise streams of this module (other modules use low numbers).
constexpr std::uint32_t kStreamTime = 0x5051'0001;
constexpr std::uint32_t kStreamShape = 0x5051'0002;

double unit(std::uint64_t seed, std::uint32_t stream, std::int64_t index) {
  return (hash_unit(seed, stream, index) + 1.0) / 2.0;  // [0, 1)
}

// Durations and depths in the ranges each trigger catches (part4 §8.5-8.7): sags and swells
// last cycles to seconds, an interruption takes all three phases near zero, an RVC is a
// step too small to be a sag.
PqEvent shaped(std::uint64_t seed, PqEventKind kind, UtcTime at, std::int64_t index) {
  const double u1 = unit(seed, kStreamShape, index * 4 + 1);
  const double u2 = unit(seed, kStreamShape, index * 4 + 2);
  const double u3 = unit(seed, kStreamShape, index * 4 + 3);
  PqEvent e;
  e.kind = kind;
  e.trigger = at;
  double seconds = 0;
  switch (kind) {
    case PqEventKind::sag:
      e.magnitude = 0.50 + 0.38 * u1;
      seconds = 0.05 + 1.95 * u2 * u2;
      e.phases = static_cast<std::uint8_t>(1 + static_cast<int>(u3 * 7) % 7);
      break;
    case PqEventKind::swell:
      e.magnitude = 1.10 + 0.15 * u1;
      seconds = 0.05 + 0.95 * u2 * u2;
      e.phases = static_cast<std::uint8_t>(1 + static_cast<int>(u3 * 7) % 7);
      break;
    case PqEventKind::rvc:
      e.magnitude = 0.94 + 0.03 * u1;
      seconds = 0.03 + 0.47 * u2;
      e.phases = 7;
      break;
    case PqEventKind::interruption:
      e.magnitude = 0.05 * u1;
      seconds = 0.5 + 4.5 * u2;
      e.phases = 7;
      break;
  }
  e.duration = Micros{static_cast<std::int64_t>(std::llround(seconds * 1000.0)) * 1000};
  return e;
}

PqEventKind kind_from(double u) {
  if (u < 0.5) return PqEventKind::sag;
  if (u < 0.7) return PqEventKind::swell;
  if (u < 0.85) return PqEventKind::rvc;
  return PqEventKind::interruption;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::string_view pq_event_kind_text(PqEventKind kind) {
  switch (kind) {
    case PqEventKind::sag: return "sag";
    case PqEventKind::swell: return "swell";
    case PqEventKind::rvc: return "rvc";
    case PqEventKind::interruption: return "interruption";
  }
  return "sag";
}

bool parse_pq_event_kind(std::string_view text, PqEventKind& kind) {
  for (auto k : {PqEventKind::sag, PqEventKind::swell, PqEventKind::rvc, PqEventKind::interruption})
    if (pq_event_kind_text(k) == text) {
      kind = k;
      return true;
    }
  return false;
}

std::vector<PqEvent> seeded_pq_events(std::uint64_t seed, std::uint32_t per_day, UtcTime from,
                                      UtcTime to) {
  std::vector<PqEvent> out;
  if (per_day == 0 || to <= from) return out;
  const std::int64_t first_day = floor_div(to_unix_micros(from), kDayMicros);
  const std::int64_t last_day = floor_div(to_unix_micros(to) - 1, kDayMicros);
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    std::vector<PqEvent> today;
    for (std::uint32_t k = 0; k < per_day; ++k) {
      const std::int64_t index = day * 1000 + k;
      // Whole microseconds inside the day, kept a few seconds clear of midnight so an
      // event and its recording fall in one day's file.
      const double u = unit(seed, kStreamTime, index * 2);
      const auto offset =
          static_cast<std::int64_t>(u * static_cast<double>(kDayMicros - 20'000'000));
      const UtcTime at = from_unix_micros(day * kDayMicros + 10'000'000 + offset);
      if (at < from || at >= to) continue;
      today.push_back(shaped(seed, kind_from(unit(seed, kStreamTime, index * 2 + 1)), at, index));
    }
    std::sort(today.begin(), today.end(),
              [](const PqEvent& a, const PqEvent& b) { return a.trigger < b.trigger; });
    out.insert(out.end(), today.begin(), today.end());
  }
  return out;
}

PqEvent forced_pq_event(std::uint64_t seed, PqEventKind kind, UtcTime at) {
  return shaped(seed ^ 0x666f72636564ULL, kind, at, to_unix_micros(at) % 1'000'003);
}

}  // namespace jemhead::sim
