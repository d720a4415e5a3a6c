#pragma once
// The two load profiles as Profile generic objects (IC7, version 1; part7 §6.3) served
// from the meter's LoadProfileRecorder (sim/load_profile/):
//   1 logical_name; 2 buffer: array of structure{octet-string(12) clock time of the
//   interval end, double-long-unsigned status, float32 x channels}; 3 capture_objects:
//   the clock {8, 0.0.1.0.0.255, 2, 0}, the status {1, 0.0.96.10.1.255, 2, 0} (the
//   manual's "Operating Status", whose OBIS it never prints: the Blue Book's status
//   register 1), the channels {3, obis, 2, 0}; 4 capture_period in seconds; 5 sort_method
//   1 (fifo); 6 sort_object {0, 0.0.0.0.0.0, 0, 0} (unused with fifo); 7 entries_in_use;
//   8 profile_entries.
// The buffer takes selective access by range (selector 1: restricting object the clock's
// time, from/to date-times inclusive, selected_values empty = every column) and by entry
// (selector 2: 1-based entries and columns, 0 = up to the last). It is encoded straight to
// A-XDR bytes, once per request: a year of 16-channel entries is 3.5 MB.
// Plus the Recording Interval Data objects 1.0.0.8.4/5.255: the enumerated interval code
// (L14235-L14266) as double-long-unsigned, the type the manual prints (L14186-L14200).
// A profile without channels (no Dual LP option) is object-undefined, as is its interval.
#include <optional>
#include <variant>

#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "sim/dlms/cosem_objects.hpp"

namespace jemhead::sim::dlms_server {

inline constexpr cosem::Obis kLpStatusObis{0, 0, 96, 10, 1, 255};

// Class 7 at 1.0.99.1.0.255 or 1.0.98.1.0.255, whether installed or not.
bool is_load_profile(const apdu::CosemAttributeDescriptor& attribute);

// The attribute as one encoded A-XDR Data, or why not. Only attribute 2 takes `access`.
std::variant<apdu::Bytes, apdu::DataAccessResult> get_profile_attribute(
    SimMeter& meter, DlmsClient client, const apdu::CosemAttributeDescriptor& attribute,
    const std::optional<apdu::AccessSelection>& access, RealClock::time_point real_now);

// 1.0.0.8.4.255 / 1.0.0.8.5.255 attribute 2; nullopt for other codes or a profile
// without channels.
std::optional<axdr::Data> recording_interval_value(const MeterSpec& spec, const cosem::Obis& obis);

// One capture_object_definition as served: structure{long-unsigned class, octet-string
// logical name, integer attribute, long-unsigned data index}.
axdr::Data capture_object_value(const apdu::CaptureObjectDefinition& definition);

// Attribute 3 as served (also for tests and the truth).
axdr::Data capture_objects_value(const std::vector<LpChannel>& channels);

}  // namespace jemhead::sim::dlms_server
