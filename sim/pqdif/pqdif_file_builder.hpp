#pragma once
// Observations into the meter's PQDIF files (part4 §3.3-3.4, §3.8): one data source (the
// meter's channel table), compressed or not, named SERIAL_SECONDS_MICROS_DATATYPE.pqd, and
// split into several files when they would exceed the size limit. A split puts whole
// observations in each file; an observation too big on its own is split by channels
// (each part keeps its name and times). The parts' names count the seconds up from the
// first, so they stay distinct even when their first events share a microsecond.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/pqdif/model.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

struct SeriesSummary {
  std::uint32_t channel = 0;  // index in the observation
  std::string channel_name;
  std::uint32_t series = 0;
  std::size_t count = 0;
  std::vector<double> first;  // up to kSummaryValues values
};

struct ObservationSummary {
  std::string name;
  UtcTime start{};
  std::optional<UtcTime> triggered;
  std::size_t channel_count = 0;
  std::size_t value_count = 0;  // over every series
  std::vector<SeriesSummary> series;
};

inline constexpr std::size_t kSummaryValues = 5;

struct PqdifFile {
  std::string name;
  std::string bytes;
  UtcTime created{};  // when the meter wrote it (the store shows it from then on)
  std::uint32_t data_type = 0;
  std::vector<ObservationSummary> observations;
};

// "SERIAL_SECONDS_MICROS_TYPE.pqd": spaces removed from the serial, micros not padded,
// the type with at least two digits as the manual's examples ("07", "128").
std::string pqdif_file_name(const std::string& serial, std::int64_t seconds, std::int64_t micros,
                            std::uint32_t data_type);

// `name_seconds` is the first part's TimeStamp; each part's micros are those of its first
// observation's trigger (or start).
std::vector<PqdifFile> build_pqdif_files(const std::string& serial, const pqdif::DataSource& source,
                                         const std::vector<pqdif::Observation>& observations,
                                         std::int64_t name_seconds, UtcTime created,
                                         std::uint32_t data_type, const PqdifSpec& spec);

ObservationSummary summarize(const pqdif::Observation& o, const pqdif::DataSource& source);

}  // namespace jemhead::sim
