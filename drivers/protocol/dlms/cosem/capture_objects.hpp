#pragma once
// Profile generic attribute 3 (capture_objects) turned into the buffer's column list.
// Column order is whatever the meter says, never assumed: the manual's own buffer example
// has its channel columns rotated by two from entry 2 on (L16510-L16592), so the driver
// maps every buffer element through this list and re-reads it when the meter reports a
// configuration change.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/cosem/object_model.hpp"

namespace jemhead::dlms::cosem {

// One capture_object_definition: structure{class_id long-unsigned, logical_name
// octet-string(6), attribute_index integer, data_index long-unsigned}.
struct CaptureObject {
  std::uint16_t class_id = 0;
  Obis logical_name;
  std::int8_t attribute_index = 0;
  std::uint16_t data_index = 0;
  bool operator==(const CaptureObject&) const = default;
};

// What a buffer column holds.
enum class ColumnRole : std::uint8_t {
  timestamp,        // the clock's time (IC8, 0.0.1.0.0.255, attribute 2)
  interval_status,  // an IC1 Data value: the LP "Operating Status" (its OBIS is not printed)
  channel,          // an LP channel source (IC3 attribute 2)
  value,            // anything else (the Ethernet log's status value, say)
};

struct CaptureColumn {
  std::size_t index = 0;  // position in each buffer entry
  CaptureObject object;
  ColumnRole role = ColumnRole::value;
  std::uint16_t channel = 0;  // 1-based among the channel columns; 0 for other roles
  // The object-table entry for the OBIS when exactly one is known; nullptr when unknown or
  // ambiguous (the manual's two colliding OBIS codes).
  const CosemObject* known = nullptr;
  bool ambiguous = false;
  // The table knows the OBIS under another class (the Ethernet log names 0.0.96.11.0.255,
  // an IC1 object, with class 8: L16727).
  bool class_mismatch = false;
};

// Decodes attribute 3. Throws axdr::TypeMismatch / ShapeError when the value is not an
// array of such structures, and axdr::ShapeError when a logical name is not 6 bytes.
std::vector<CaptureColumn> decode_capture_objects(const axdr::Data& attribute3);

// The columns with the given role, in buffer order.
std::vector<const CaptureColumn*> columns_with_role(const std::vector<CaptureColumn>& columns,
                                                    ColumnRole role);

}  // namespace jemhead::dlms::cosem
