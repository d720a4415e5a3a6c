#pragma once
// The meter's identity over DLMS: the identification Data objects of the object list
// (part7 §6.1: firmware versions and signatures, serial number 0.0.96.11.0.255 and the
// other 0.0.96.11.x fields, CT/VT ratios), named in the manual's words.
#include <string>
#include <vector>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/cosem/object_model.hpp"

namespace jemhead::dlms {

// The Data objects of kind firmware, identification and transformer_ratio, in the
// manual's order.
std::vector<const cosem::CosemObject*> identity_objects();

// A value as text: strings as sent, octet-strings (signatures) in hex, numbers in decimal,
// anything else in axdr::to_text's rendering.
std::string identity_value_text(const axdr::Data& value);

}  // namespace jemhead::dlms
