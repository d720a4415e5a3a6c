#pragma once
// What the head-end keeps of a parsed PQDIF file (core/pqdif_stored_file.hpp is the file
// itself): its observations and, per observation, one row per series instance with the
// channel and series definitions it belongs to folded in, so a reader needs no data source
// record to interpret the values. GUIDs are kept as text ("89738606-f1c3-...") and the
// standard's numbers (phase, units, storage method) as numbers: the names are the codec's
// tables' business (core/pqdif/tags.hpp), not the database's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace jemhead {

struct PqdifSeriesRow {
  std::int64_t id = 0;              // assigned when stored
  std::int64_t observation_id = 0;  // assigned when stored
  // The channel instance within its observation (several instances may share one channel
  // definition, e.g. harmonic groups), and the series within the channel instance.
  std::uint32_t channel_index = 0;
  std::uint32_t series_index = 0;
  std::string channel_name;
  std::uint32_t phase = 0;
  std::string quantity_type;  // GUID text
  std::optional<std::uint32_t> quantity_measured;
  std::optional<std::int32_t> channel_group_id;
  std::string value_type;  // GUID text
  std::uint32_t units = 0;
  std::string characteristic;  // GUID text
  std::uint32_t storage_method = 0;
  // "c/s" when the file borrowed the values from series s of channel instance c.
  std::optional<std::string> shared_from;
  std::int64_t value_count = 0;
  // Decoded values (scale, offset, increments and sharing resolved; time series in seconds
  // from the observation's start). Empty in listings, which carry only value_count.
  std::vector<double> values;
};

struct PqdifObservationRow {
  std::int64_t id = 0;       // assigned when stored
  std::int64_t file_id = 0;  // assigned when stored
  std::int64_t index_in_file = 0;
  std::string name;
  UtcTime time_start{};
  UtcTime time_create{};
  std::optional<UtcTime> time_triggered;
  std::uint32_t trigger_method = 0;
  std::int64_t channel_count = 0;  // channel instances
  std::string data_source_name;
  // Channel instance by channel instance, series in order.
  std::vector<PqdifSeriesRow> series;
};

}  // namespace jemhead
