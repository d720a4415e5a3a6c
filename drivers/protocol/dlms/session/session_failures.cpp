#include "drivers/protocol/dlms/session/session_failures.hpp"

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/apdu/data_access_result.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"

namespace jemhead::dlms::session::detail {

std::string describe_attribute(std::uint16_t class_id, const cosem::Obis& object,
                               std::int8_t attribute) {
  return "class " + std::to_string(class_id) + " " + object.to_string() + " attribute " +
         std::to_string(attribute);
}

void throw_data_access(std::uint8_t code, const std::string& what) {
  const std::string message = what + ": " + apdu::describe_data_access_result(code);
  if (code == static_cast<std::uint8_t>(apdu::DataAccessResult::read_write_denied))
    throw AccessDenied(code, message);
  throw DataAccessFailed(code, message);
}

axdr::Data decode_data(const std::vector<std::uint8_t>& bytes, const std::string& what) {
  try {
    return axdr::decode(bytes);
  } catch (const axdr::AxdrError& e) {
    throw drivers::BadResponse(what + ": undecodable data: " + e.what());
  }
}

}  // namespace jemhead::dlms::session::detail
