#pragma once
// PQDIF's logical layer as plain data: what the container, data source, monitor settings
// and observation records say, decoded (logical_reader.hpp) from and encoded
// (logical_writer.hpp) into the element tree. Series values are numbers ready to use:
// scale and offset applied, increment series expanded, shared series resolved. Elements
// the decoder does not model are counted in `unknown_elements`, so a reader can tell when
// a file carries more than it shows.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/pqdif/element.hpp"
#include "core/pqdif/guid.hpp"
#include "core/pqdif/record_tags.hpp"
#include "core/pqdif/series_values.hpp"
#include "core/pqdif/tags.hpp"
#include "core/time.hpp"

namespace jemhead::pqdif {

struct Container {
  // Writer's major/minor, then the oldest reader's major/minor that can read the file.
  std::array<std::uint32_t, 4> version{1, 5, 1, 5};
  std::string file_name;
  UtcTime creation{};
  std::optional<UtcTime> last_saved;
  std::optional<std::uint32_t> times_saved;
  CompressionStyle compression_style = CompressionStyle::none;
  CompressionAlgorithm compression_algorithm = CompressionAlgorithm::none;
  std::optional<std::string> language;
  std::optional<std::string> title;
  std::optional<std::string> subject;
  std::optional<std::string> author;
  std::optional<std::string> application;
  std::optional<std::string> notes;
  std::size_t unknown_elements = 0;
};

struct SeriesDefinition {
  Guid value_type;  // kValueType...
  std::uint32_t quantity_units = kUnitsNone;
  Guid characteristic = kCharacteristicNone;
  std::uint32_t storage_method = kStorageValues;  // kStorage... bits
  std::optional<double> nominal_quantity;
  std::optional<std::string> value_type_name;
  std::optional<std::uint32_t> greek_prefix;
  std::optional<std::uint32_t> significant_digits;
  std::optional<double> resolution;
  std::size_t unknown_elements = 0;

  static SeriesDefinition of(const Guid& value_type, std::uint32_t units,
                             const Guid& characteristic, std::uint32_t storage = kStorageValues) {
    SeriesDefinition s;
    s.value_type = value_type;
    s.quantity_units = units;
    s.characteristic = characteristic;
    s.storage_method = storage;
    return s;
  }
};

struct ChannelDefinition {
  std::string name;
  std::uint32_t phase = kPhaseNone;
  Guid quantity_type;  // kQuantityType...
  std::optional<std::uint32_t> quantity_measured;
  std::optional<std::string> quantity_name;
  std::optional<std::uint32_t> physical_channel;
  std::vector<SeriesDefinition> series;
  std::size_t unknown_elements = 0;
};

struct DataSource {
  std::string name;
  Guid type = kDataSourceMeasure;
  std::optional<Guid> vendor;
  std::optional<Guid> equipment;
  std::optional<std::string> serial_number;
  std::optional<std::string> version;
  std::optional<std::string> owner;
  std::optional<std::string> location;
  std::optional<std::string> time_zone;
  std::optional<UtcTime> effective;
  std::vector<ChannelDefinition> channels;
  std::size_t unknown_elements = 0;
};

// The transducer and trigger settings of one channel; everything else stays in `raw`.
struct ChannelSetting {
  std::uint32_t channel_definition_index = 0;
  std::optional<double> system_side_ratio;
  std::optional<double> monitor_side_ratio;
  std::optional<double> full_scale;
  std::optional<double> trigger_low;
  std::optional<double> trigger_high;
};

struct MonitorSettings {
  UtcTime effective{};
  std::optional<UtcTime> installed;
  std::optional<UtcTime> removed;
  bool use_calibration = false;
  bool use_transducer = false;
  std::optional<double> nominal_frequency;
  std::optional<std::uint32_t> physical_connection;
  std::vector<ChannelSetting> channel_settings;
  // The whole record body as read, for settings this model leaves out (calibration
  // arrays, frequency responses, vendor tags). Empty when built by hand for writing.
  Element raw;
  std::size_t unknown_elements = 0;
};

struct SeriesInstance {
  // Decoded values. A time series in seconds (kUnitsSeconds) counts from the observation's
  // time_start; absolute timestamps (kUnitsTimestamp) are turned into such seconds too.
  SeriesValues values;  // shared, not copied, by a shared series (series_values.hpp)
  std::uint32_t storage_method = kStorageValues;     // from the series definition
  PhysicalType physical_type = PhysicalType::real8;  // of the stored (or borrowed) values
  double scale = 1.0;
  double offset = 0.0;
  std::optional<double> base_quantity;
  // Set when the values are borrowed from another series instance of the observation.
  std::optional<std::uint32_t> share_channel_index;
  std::optional<std::uint32_t> share_series_index;
  std::size_t unknown_elements = 0;
};

struct ChannelInstance {
  std::uint32_t channel_definition_index = 0;
  // Harmonic (or interharmonic) group: several instances of one channel definition differ
  // only by it.
  std::optional<std::int32_t> channel_group_id;
  std::optional<double> channel_frequency;
  std::vector<SeriesInstance> series;
  std::size_t unknown_elements = 0;
};

struct Observation {
  std::string name;
  std::size_t data_source_index = 0;  // into the file's data sources, in file order
  UtcTime time_create{};
  UtcTime time_start{};
  std::optional<UtcTime> time_triggered;
  std::uint32_t trigger_method = kTriggerNone;
  std::vector<std::uint32_t> channel_trigger_indexes;
  std::optional<std::uint32_t> serial;
  std::optional<Guid> disturbance_category;
  std::vector<ChannelInstance> channels;
  std::size_t unknown_elements = 0;
};

// The definition of series `series_index` of `channel`, or nullptr when either index is
// outside the data source.
const SeriesDefinition* series_definition(const DataSource& source, const ChannelInstance& channel,
                                          std::size_t series_index);

// The instant `seconds` after the observation's start, to the microsecond.
UtcTime absolute_time(const Observation& observation, double seconds);

}  // namespace jemhead::pqdif
