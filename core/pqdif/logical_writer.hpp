#pragma once
// Writing PQDIF's logical layer: model.hpp encoded into record bodies, and a streaming
// file writer (container, then data sources, monitor settings and observations in the
// order given) on top of the record writer.
//
// How a series is stored follows its series definition's storage method, since readers
// interpret every instance of a definition the same way:
//   kStorageIncrement  evenly spaced values (time axes) as #rates=1, count, step, with the
//                      first value as offset; values that are not evenly spaced are refused;
//   kStorageScaled     int16 with a scale and offset chosen to span the values;
//   otherwise          the values themselves, real4 or real8 (EncodeOptions).
// A series instance with share indexes is written as a share link without values.
#include <optional>
#include <ostream>
#include <vector>

#include "core/pqdif/element.hpp"
#include "core/pqdif/model.hpp"
#include "core/pqdif/record_writer.hpp"

namespace jemhead::pqdif {

struct EncodeOptions {
  // Physical type of series stored with kStorageValues.
  PhysicalType values_type = PhysicalType::real8;  // or real4
};

Element encode_container(const Container& container);
Element encode_data_source(const DataSource& source);
// Writes the modelled fields; MonitorSettings::raw is not written back.
Element encode_monitor_settings(const MonitorSettings& settings);
// `source` supplies the storage method of each series (throws PqdifError when an instance
// refers to a channel or series definition `source` does not have).
Element encode_observation(const Observation& observation, const DataSource& source,
                           const EncodeOptions& options = {});

class PqdifFileWriter {
 public:
  // Writes the container record at once, its compression fields set to match
  // `write_options.style` (record-level compression uses zlib).
  PqdifFileWriter(std::ostream& out, const Container& container, WriteOptions write_options = {},
                  EncodeOptions encode_options = {});

  // Later observations refer to the latest data source.
  void write_data_source(const DataSource& source);
  void write_monitor_settings(const MonitorSettings& settings);
  // Throws PqdifError before any data source was written.
  void write_observation(const Observation& observation);
  // Ends the file (the last record's link is 0) and flushes. Idempotent.
  void finish();

  std::size_t records_written() const { return records_.records_written(); }

 private:
  RecordWriter records_;
  EncodeOptions encode_options_;
  std::optional<DataSource> latest_source_;
};

// A whole file: the container, then each data source followed by the observations whose
// data_source_index names it (in the order given). Throws PqdifError for an observation
// naming a data source that is not in `sources`.
void write_pqdif(std::ostream& out, const Container& container,
                 const std::vector<DataSource>& sources,
                 const std::vector<Observation>& observations, WriteOptions write_options = {},
                 EncodeOptions encode_options = {});

}  // namespace jemhead::pqdif
