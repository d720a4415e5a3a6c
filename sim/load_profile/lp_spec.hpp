#pragma once
// A meter's load-profile configuration (part7 §6.3, part2 §4): two profiles, each with a
// recording interval and up to 16 channels drawn from Table 2, plus the simulated events the
// recorder flags (power outages and DST changes). Read from the fleet file's
// `load_profile:` key (lp_fleet_keys.hpp); a meter without the key gets the defaults below.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"

namespace jemhead::sim {

inline constexpr std::size_t kLpMaxChannels = 16;  // "A maximum of 16 channels" (L14882)
inline constexpr int kLpProfiles = 2;

// The selectable recording intervals in minutes (L14949-L14950) and their Recording
// Interval codes (1.0.0.8.4/5.255, L14235-L14266): code = index in this list.
inline constexpr std::array<int, 12> kLpIntervalMinutes{1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60};
std::optional<std::uint32_t> recording_interval_code(int minutes);

// The profiles' logical names (L15073-L15079).
inline constexpr dlms::cosem::Obis kLpObis[kLpProfiles] = {{1, 0, 99, 1, 0, 255},
                                                           {1, 0, 98, 1, 0, 255}};

struct ProfileSpec {
  int interval_minutes = 15;
  std::vector<dlms::cosem::Obis> channels;  // empty = profile not installed
};

// [from, to): simulated time for outages (the physical timeline), the meter's clock for DST.
struct TimeSpan {
  UtcTime from{};
  UtcTime to{};
};

struct LoadProfileSpec {
  std::array<ProfileSpec, kLpProfiles> profiles = default_profiles();
  std::vector<TimeSpan> outages;
  std::vector<TimeSpan> dst;

  // Profile 1: 15 min, 16 channels mixing consumption (D=29) and averages (D=27);
  // profile 2: 5 min, 9 channels of other quantities.
  static std::array<ProfileSpec, kLpProfiles> default_profiles();
};

// profile_entries (attribute 8). The manual's example has 78624 entries for 6 channels
// (L16491); 78624 x (20 + 2 x 6) = 2,515,968 bytes = 2457 KiB, i.e. 20 bytes per entry
// (timestamp, status, bookkeeping) plus a 16-bit count per channel (the "16 bit storage
// range", part2 §4.4). Each profile has that memory: 16 channels give 48384 entries, more
// than a year of 15-minute intervals (35040).
inline constexpr std::uint32_t kLpMemoryBytes = 2457 * 1024;
constexpr std::uint32_t profile_entries(std::size_t channels) {
  return kLpMemoryBytes / static_cast<std::uint32_t>(20 + 2 * channels);
}

}  // namespace jemhead::sim
