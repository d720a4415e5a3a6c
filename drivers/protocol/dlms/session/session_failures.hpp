#pragma once
// Internal: turning what the meter sent into the session's typed errors, shared by the
// client's source files.
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"

namespace jemhead::dlms::session::detail {

// "class 8 0.0.1.0.0.255 attribute 2", naming the attribute in every message.
std::string describe_attribute(std::uint16_t class_id, const cosem::Obis& object,
                               std::int8_t attribute);

// AccessDenied for read-write-denied, DataAccessFailed for every other result.
[[noreturn]] void throw_data_access(std::uint8_t code, const std::string& what);

// One A-XDR Data element from the meter; drivers::BadResponse when it does not decode.
axdr::Data decode_data(const std::vector<std::uint8_t>& bytes, const std::string& what);

}  // namespace jemhead::dlms::session::detail
