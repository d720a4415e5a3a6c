#pragma once
// The meter's PQDIF file names (manual part4 §3.8): SERIAL_EPOCHSECONDS_MICROS_DATATYPE.pqd,
// e.g. 142300003_1454408745_133724_07.pqd.
// - SERIAL: the meter serial with spaces removed, kept as opaque text (it is how the file
//   is matched to its meter). Parsed from the right, so an underscore inside it is kept.
// - EPOCHSECONDS: 10-digit Unix seconds (UTC); MICROS: 0..999999 written with 1 to 6
//   digits, not necessarily zero-padded ("_5_" is 5 µs); together the time the file's
//   first event occurred.
// - DATATYPE: a decimal bitmask of what the file holds (see PqdifDataType); bits the manual
//   does not name are kept in the raw value and named "unknown_<bit value>".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace jemhead {

// The DataType bits. The manual lists combinations (03 = sag/swell + waveform, ...); that
// they are a bitmask is derived, and 64 is not used.
enum PqdifDataType : std::uint32_t {
  kPqdifSagSwell = 1,
  kPqdifWaveformCapture = 2,
  kPqdifHighSpeedRms = 4,
  kPqdifMeasurementLog = 8,
  kPqdifRapidVoltageChange = 16,
  kPqdifVoltageInterruption = 32,
  kPqdifDaily = 128,  // "PQDIF file generated daily": content only known by parsing it
};

struct PqdifFileName {
  std::string serial;
  UtcTime time{};  // epoch seconds + micros
  std::uint32_t data_type = 0;
  std::vector<std::string> data_type_names;  // one per set bit, low bit first
};

// nullopt (and a reason in *error when given) for anything that is not such a name. The
// ".pqd" extension is matched case-insensitively.
std::optional<PqdifFileName> parse_pqdif_file_name(std::string_view file_name,
                                                   std::string* error = nullptr);

// "sag_swell", "waveform_capture", "high_speed_rms", "measurement_log",
// "rapid_voltage_change", "voltage_interruption", "daily", "unknown_64", ...
std::vector<std::string> pqdif_data_type_names(std::uint32_t data_type);
// The bit of one of the names above (unknown_N included); nullopt for anything else.
std::optional<std::uint32_t> pqdif_data_type_bit(std::string_view name);

}  // namespace jemhead
