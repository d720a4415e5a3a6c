#pragma once
// The Ethernet Connection Status Log served as Profile generic (IC7, version 1) at
// 0.0.99.98.0.255 (part7 §6.6, L16615-L16769):
//   1 logical_name; 2 buffer: array of structure{octet-string(12) the meter clock's time
//   (deviation 0, status 0, like the load profiles), double-long-unsigned status 0 = Ethernet
//   Connect, 1 = Ethernet Disconnect}, oldest first; 3 capture_objects exactly as the manual
//   quotes them (L16720-L16727): {8, 0.0.1.0.0.255, 2, 0} and {8, 0.0.96.11.0.255, 2, 0} —
//   class 8 for the status, the manual's oddity (it is the serial number's OBIS, an IC1
//   object), served as printed so clients meet what the meter documents; 4 capture_period
//   0 (entries come from events, "N/A"); 5 sort_method 1 (fifo, "oldest events first");
//   6 sort_object {0, 0.0.0.0.0.0, 0, 0} ("None"); 7 entries_in_use; 8 profile_entries.
// The manual leaves the buffer's selective access blank, so only whole-buffer reads are
// served: an access selection is refused with other-reason. Read-only; the public client
// may not read it (manual L6557-L6563), the reader and manager may.
#include <cstddef>
#include <variant>
#include <vector>

#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "sim/dlms/cosem_objects.hpp"
#include "sim/dlms/ethernet_log.hpp"

namespace jemhead::sim::dlms_server {

inline constexpr cosem::Obis kEthernetLogObis{0, 0, 99, 98, 0, 255};
// The status column as the manual prints it (L16727): class 8 (sic), the serial's OBIS.
inline constexpr apdu::CaptureObjectDefinition kEthernetStatusCaptureObject{
    8, {0, 0, 96, 11, 0, 255}, 2, 0};

// Class 7 at 0.0.99.98.0.255.
bool is_ethernet_log(const apdu::CosemAttributeDescriptor& attribute);

// The attribute as one encoded A-XDR Data, or why not.
std::variant<apdu::Bytes, apdu::DataAccessResult> get_ethernet_log_attribute(
    const EthernetLog& log, DlmsClient client, const apdu::CosemAttributeDescriptor& attribute,
    bool access_selection);

// Attribute 2 and 3 as served (also for tests).
axdr::Data ethernet_log_buffer(const std::vector<EthernetLogEntry>& entries);
axdr::Data ethernet_log_capture_objects();

}  // namespace jemhead::sim::dlms_server
