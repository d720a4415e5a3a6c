#include "sim/dlms/ethernet_log_object.hpp"

#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "sim/dlms/profile_objects.hpp"

namespace jemhead::sim::dlms_server {

namespace {

constexpr std::uint8_t kSortFifo = 1;
constexpr std::uint32_t kCapturePeriodNone = 0;  // event-driven

std::uint32_t count(std::size_t n) {
  return static_cast<std::uint32_t>(n);
}

}  // namespace

bool is_ethernet_log(const apdu::CosemAttributeDescriptor& a) {
  return a.class_id == cosem::class_id::profile_generic &&
         cosem::Obis(a.instance_id) == kEthernetLogObis;
}

axdr::Data ethernet_log_buffer(const std::vector<EthernetLogEntry>& entries) {
  std::vector<axdr::Data> rows;
  rows.reserve(entries.size());
  for (const auto& e : entries)
    rows.push_back(axdr::Data::make_structure(
        {clock_time_value(e.meter_time),
         axdr::Data::make_double_long_unsigned(static_cast<std::uint32_t>(e.status))}));
  return axdr::Data::make_array(std::move(rows));
}

axdr::Data ethernet_log_capture_objects() {
  return axdr::Data::make_array({capture_object_value(apdu::kClockTimeCaptureObject),
                                 capture_object_value(kEthernetStatusCaptureObject)});
}

std::variant<apdu::Bytes, apdu::DataAccessResult> get_ethernet_log_attribute(
    const EthernetLog& log, DlmsClient client, const apdu::CosemAttributeDescriptor& a,
    bool access_selection) {
  using apdu::DataAccessResult;
  if (!is_ethernet_log(a) || a.attribute_id < 1 || a.attribute_id > 8)
    return DataAccessResult::object_undefined;
  if (client == DlmsClient::public_client) return DataAccessResult::read_write_denied;
  // The manual documents no selective access for this buffer (its access column is blank).
  if (access_selection) return DataAccessResult::other_reason;
  axdr::Data value;
  switch (a.attribute_id) {
    case 1:
      value = axdr::Data::make_octet_string(
          {kEthernetLogObis.bytes().begin(), kEthernetLogObis.bytes().end()});
      break;
    case 2: value = ethernet_log_buffer(log.entries()); break;
    case 3: value = ethernet_log_capture_objects(); break;
    case 4: value = axdr::Data::make_double_long_unsigned(kCapturePeriodNone); break;
    case 5: value = axdr::Data::make_enum(kSortFifo); break;
    case 6: value = capture_object_value({0, {0, 0, 0, 0, 0, 0}, 0, 0}); break;
    case 7: value = axdr::Data::make_double_long_unsigned(count(log.entries().size())); break;
    default: value = axdr::Data::make_double_long_unsigned(count(log.capacity())); break;
  }
  return axdr::encode(value);
}

}  // namespace jemhead::sim::dlms_server
