#pragma once
// Reading PQDIF's logical layer: record bodies (element trees) decoded into model.hpp, and
// a streaming file reader that hands out one observation at a time while remembering the
// container, data sources and monitor settings it has passed. A file of any size is read
// in bounded memory: one record (and one decoded observation) at a time.
//
// Decoding is strict about what the standard requires (a missing required tag, a wrong
// element or value type, an index out of range all throw PqdifError naming the tag) and
// lenient about what it leaves optional. Elements the model does not cover are counted in
// each struct's `unknown_elements`.
#include <cstddef>
#include <istream>
#include <optional>
#include <vector>

#include "core/pqdif/body_codec.hpp"
#include "core/pqdif/element.hpp"
#include "core/pqdif/model.hpp"
#include "core/pqdif/record_reader.hpp"

namespace jemhead::pqdif {

struct DecodeLimits {
  // Values one increment-stored series may expand to (#rates, then count and step per
  // rate: a few bytes can describe billions of points).
  std::size_t max_series_values = 16u << 20;
};

// Each takes a record body (the collection the record reader returns).
Container decode_container(const Element& body);
DataSource decode_data_source(const Element& body);
MonitorSettings decode_monitor_settings(const Element& body);
// `source` supplies the channel and series definitions the observation's instances refer
// to; Observation::data_source_index is left 0 for the caller to set.
Observation decode_observation(const Element& body, const DataSource& source,
                               const DecodeLimits& limits = {});

class PqdifFileReader {
 public:
  // Reads the container record at once (throws PqdifError when the file does not start
  // with one).
  explicit PqdifFileReader(std::istream& in, ReadLimits limits = {},
                           DecodeLimits decode_limits = {});

  const Container& container() const { return container_; }

  // The next observation, decoded against the latest data source before it; nullopt at
  // the end of the file. Data source and monitor settings records met on the way are
  // decoded and kept. Throws PqdifError (with record index and file offset) for malformed
  // records; the reader is then unusable.
  std::optional<Observation> next_observation();

  // Data sources and monitor settings met so far, in file order.
  const std::vector<DataSource>& data_sources() const { return data_sources_; }
  const std::vector<MonitorSettings>& monitor_settings() const { return monitor_settings_; }

  std::size_t records_read() const { return records_.records_read(); }
  // Records of a type this layer does not know (blank records included), skipped.
  std::size_t skipped_records() const { return skipped_records_; }
  // Records whose checksum matched neither convention; they are decoded all the same.
  std::size_t checksum_mismatches() const { return checksum_mismatches_; }
  ChecksumKind container_checksum() const { return container_checksum_; }
  // The checksum convention of the last record read (absent before the first).
  ChecksumKind last_checksum() const { return last_checksum_; }

 private:
  RecordReader records_;
  DecodeLimits decode_limits_;
  Container container_;
  std::vector<DataSource> data_sources_;
  std::vector<MonitorSettings> monitor_settings_;
  std::size_t skipped_records_ = 0;
  std::size_t checksum_mismatches_ = 0;
  ChecksumKind container_checksum_ = ChecksumKind::absent;
  ChecksumKind last_checksum_ = ChecksumKind::absent;
};

}  // namespace jemhead::pqdif
