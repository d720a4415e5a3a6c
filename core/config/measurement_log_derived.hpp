#pragma once
// Values the manual derives for MEASUREMENT LOGGING rather than stores: the measurement
// category of a quantity, and the storage days JEMWare shows for a group (L3625-L3644).
#include <algorithm>
#include <cstddef>
#include <optional>

#include "core/config/measurement_log.hpp"

namespace jemhead::config {

inline MlCategory ml_category(MlQuantity q) {
  using Q = MlQuantity;
  if (q >= Q::volts_harmonic_magnitude && q <= Q::amps_crest_factor) return MlCategory::harmonics;
  if (q == Q::volts_interharmonic || q == Q::amps_interharmonic) return MlCategory::interharmonics;
  if (q >= Q::flicker_short_term && q <= Q::flicker_instantaneous) return MlCategory::flicker;
  if (q == Q::contact_inputs) return MlCategory::digital_inputs;
  if (q >= Q::volts_positive_sequence) return MlCategory::fault;
  return MlCategory::metering;
}

// Recording interval in seconds; 150/180 cycles is 3 s at either frequency (L3583, L3612).
inline int ml_interval_seconds(MlRecordingInterval i) {
  using I = MlRecordingInterval;
  switch (i) {
    case I::cycles_150_180: return 3;
    case I::minutes_1: return 60;
    case I::minutes_2: return 120;
    case I::minutes_3: return 180;
    case I::minutes_4: return 240;
    case I::minutes_5: return 300;
    case I::minutes_10: return 600;
    case I::minutes_15: return 900;
    case I::minutes_20: return 1200;
    case I::minutes_30: return 1800;
    case I::minutes_60: return 3600;
    case I::minutes_120: return 7200;
  }
  return 0;
}

inline MlRecordingInterval ml_group_interval(const MeasurementLog& ml, const MlGroup& g) {
  if (g.recording_interval == 2) return ml.recording_interval_2;
  if (g.recording_interval == 3) return ml.recording_interval_3;
  return ml.recording_interval_1;
}

inline constexpr double kMlMeasurementsPerLog = 1'460'000;  // per 50-channel log, L3633-L3635
inline constexpr double kMlMaxStorageDays = 1095;           // L3631

// Days of storage of one group: about 1,460,000 measurements per 50-channel log, at most
// 1,095 days; 50 channels every 10 minutes give about 203 days (L3638-L3644). nullopt for a
// group without channels.
inline std::optional<double> ml_storage_days(const MeasurementLog& ml, const MlGroup& g) {
  if (g.channels.empty()) return std::nullopt;
  const double per_day = 86400.0 / ml_interval_seconds(ml_group_interval(ml, g));
  const double days = kMlMeasurementsPerLog / (per_day * static_cast<double>(g.channels.size()));
  return std::min(days, kMlMaxStorageDays);
}

}  // namespace jemhead::config
