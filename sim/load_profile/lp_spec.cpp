#include "sim/load_profile/lp_spec.hpp"

namespace jemhead::sim {

using dlms::cosem::Obis;

std::optional<std::uint32_t> recording_interval_code(int minutes) {
  for (std::size_t i = 0; i < kLpIntervalMinutes.size(); ++i)
    if (kLpIntervalMinutes[i] == minutes) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

std::array<ProfileSpec, kLpProfiles> LoadProfileSpec::default_profiles() {
  ProfileSpec p1;
  p1.interval_minutes = 15;
  p1.channels = {
      {1, 0, 1, 29, 0, 255},    // Wh delivered, polyphase
      {1, 0, 2, 29, 0, 255},    // Wh received, polyphase
      {1, 0, 3, 29, 0, 255},    // VARh delivered, polyphase
      {1, 0, 4, 29, 0, 255},    // VARh received, polyphase
      {1, 0, 9, 29, 0, 255},    // VAh arithmetic delivered, polyphase
      {1, 0, 21, 29, 0, 255},   // Wh delivered A
      {1, 0, 41, 29, 0, 255},   // Wh delivered B
      {1, 0, 61, 29, 0, 255},   // Wh delivered C
      {1, 128, 1, 27, 0, 255},  // Watts average, bidirectional, polyphase
      {1, 0, 159, 27, 0, 255},  // Volts L-N average A
      {1, 0, 160, 27, 0, 255},  // Volts L-N average B
      {1, 0, 161, 27, 0, 255},  // Volts L-N average C
      {1, 0, 31, 27, 0, 255},   // Amps average A
      {1, 0, 51, 27, 0, 255},   // Amps average B
      {1, 0, 13, 27, 0, 255},   // PF arithmetic average, polyphase
      {1, 0, 34, 27, 0, 255},   // Frequency average
  };
  ProfileSpec p2;
  p2.interval_minutes = 5;
  p2.channels = {
      {1, 0, 1, 29, 0, 255},    // Wh delivered, polyphase
      {1, 0, 2, 29, 0, 255},    // Wh received, polyphase
      {1, 0, 5, 29, 0, 255},    // VARh Q1, polyphase
      {1, 0, 146, 29, 0, 255},  // Q hours delivered, polyphase
      {1, 0, 90, 29, 0, 255},   // Amp hours, polyphase
      {1, 0, 71, 27, 0, 255},   // Amps average C
      {1, 0, 91, 27, 0, 255},   // Amps average, neutral
      {1, 0, 191, 27, 0, 255},  // Status word, trigger bits
      {1, 0, 192, 27, 0, 255},  // Status word, system bits
  };
  return {p1, p2};
}

}  // namespace jemhead::sim
