#pragma once
// The meter's PQDIF data source (part4 §3.2): the channel table of everything it can
// record, in this order (a file carries the definitions its observations use): the
// Sag/Swell record (XY, 16 channels with min/max/avg), the MagDurTime channels (volts A,
// B, C: time, magnitude, duration), the Waveform Capture (volts and amps A, B, C:
// time axis and samples), the High Speed RMS (Phasor: volts and amps A, B, C RMS and the
// phase angles A, B, C) and the measurement log (Value Log, the configured channels).
#include <cstdint>
#include <string>
#include <vector>

#include "core/pqdif/model.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

inline constexpr std::uint32_t kXyFirst = 0;  // 16 channels
inline constexpr std::uint32_t kXyChannels = 16;
inline constexpr std::uint32_t kMagDurFirst = 16;    // 3 channels
inline constexpr std::uint32_t kWaveformFirst = 19;  // 6 channels: V A,B,C then I A,B,C
inline constexpr std::uint32_t kPhasorFirst = 25;    // 9 channels: V, I, angle A,B,C
inline constexpr std::uint32_t kValueLogFirst = 34;  // the measurement log's channels

// Names, units and phases of the 16 XY channels (Volts, Amps, VTHD, ATHD, PF per phase and
// frequency of phase A; part4 §8.6).
struct XyChannel {
  std::string name;
  std::uint32_t phase;
  std::uint32_t units;
  int quantity;  // 0 volts, 1 amps, 2 VTHD, 3 ATHD, 4 PF, 5 frequency
};
const std::vector<XyChannel>& xy_channels();

pqdif::DataSource meter_data_source(const std::string& serial, const PqdifSpec& spec,
                                    UtcTime effective);

}  // namespace jemhead::sim
