#pragma once
// Read-back of a meter's configuration (issue 8): the few items the documented channels
// can read (DLMS identity objects: firmware, identification fields, transformer ratios;
// the load profiles' capture period and channels) mapped to the document paths they
// correspond to, compared with a stored version (verification after a push, drift
// detection on a CFG alarm or status bit 11), and merged into a document (a read_back
// version). Pure: the drivers' results come in as plain values.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/meter_configuration.hpp"
#include "core/readings.hpp"

namespace jemhead::config {

// One readable item: the document path it corresponds to, the value the meter reported
// (in the document's JSON spelling) and where it came from ("identity: Meter ID #",
// "load_profile 1").
struct ObservedItem {
  std::string path;
  boost::json::value value;
  std::string source;
  bool operator==(const ObservedItem&) const = default;
};

struct ObservedConfiguration {
  std::vector<ObservedItem> items;  // in the order they were observed
  // The serial number the meter reported: not part of the document (it is the meter's
  // record), compared with the meter's serial when one is given.
  std::optional<std::string> serial;
  // Observed channels of each profile read (profile number -> count), so channels the
  // stored document has beyond them are reported as missing on the meter.
  std::vector<std::pair<int, std::size_t>> lp_channel_counts;
  // What was reported but has no place in the document (e.g. a net-direction channel),
  // for the record: "load_profile 1 channel 9: watts_bidirectional".
  std::vector<std::string> not_comparable;
};

// Identity fields as the DLMS driver names them (identity_reader.cpp: the object list's
// descriptions): "Register firmware version" -> hardware.firmware_version, "Meter ID #" ..
// "Meter Account Number" -> identification.fields[0..4].value, the four transformer
// ratios -> primary.{ct,vt}_{primary,secondary}, the serial number -> serial. Other
// fields (other firmware images, signatures) are ignored.
void observe_identity(const std::vector<std::pair<std::string, std::string>>& fields,
                      ObservedConfiguration& out);

// One profile's layout as read: interval (capture period) and, per channel, type,
// quantity, phase and direction where the meter's naming maps onto the document's
// enumerations (measurement names of drivers/protocol/dlms/driver/measurement_text.hpp).
void observe_load_profile(const LoadProfileLayout& layout, ObservedConfiguration& out);

// A readable item whose stored and observed values differ. `stored` or `observed` is null
// when one side has no such item (a channel the meter does not have).
struct ReadbackDifference {
  std::string path;
  boost::json::value stored;
  boost::json::value observed;
  bool operator==(const ReadbackDifference&) const = default;
};

struct ReadbackComparison {
  std::vector<std::string> compared;  // paths compared, in observation order
  std::vector<ReadbackDifference> differences;
  bool drift() const { return !differences.empty(); }
  // Sections with at least one compared item, document order, and whether they matched.
  struct SectionResult {
    std::string section;
    bool verified = false;  // every compared item of the section matched
    std::size_t items = 0;
    std::vector<std::string> mismatched;  // paths
  };
  std::vector<SectionResult> sections;
};

// Compares what was observed with `stored` (numbers compare by value with a relative
// tolerance of 1e-9, since the meter reports integers where the document keeps doubles).
// `meter_serial` (when given and a serial was observed) is compared as path "serial".
ReadbackComparison compare_readback(const MeterConfiguration& stored,
                                    const ObservedConfiguration& observed,
                                    std::optional<std::string> meter_serial = std::nullopt);

// `base` with every observed item written over it, load-profile channels added or
// removed to the observed counts. Items whose values the document cannot take (an
// out-of-range ratio) are left as in `base` and listed in `skipped`.
MeterConfiguration merge_observed(const MeterConfiguration& base,
                                  const ObservedConfiguration& observed,
                                  std::vector<std::string>* skipped = nullptr);

// {"items": [{path, value, source}], "load_profile_channels": {"1": n}, "serial",
//  "not_comparable"}.
boost::json::object to_json(const ObservedConfiguration& observed);
// [{"path","stored","observed"}, ...]
boost::json::array to_json(const std::vector<ReadbackDifference>& differences);

// The top-level section of a document path: "load_profile" for
// "load_profile.profiles[0].interval_minutes".
std::string section_of(std::string_view path);

// The value at `path` in a document written by to_json(); nullopt when there is none.
std::optional<boost::json::value> value_at(const boost::json::value& document,
                                           std::string_view path);
// Writes `value` at `path`, creating nothing: false when a key or index on the way is
// missing (lists are extended by the caller).
bool set_value_at(boost::json::value& document, std::string_view path, boost::json::value value);

}  // namespace jemhead::config
