#include "drivers/protocol/dlms/apdu/apdu_error.hpp"

namespace jemhead::dlms::apdu {

std::string_view to_text(ApduError error) {
  switch (error) {
    case ApduError::empty: return "empty";
    case ApduError::truncated: return "truncated";
    case ApduError::trailing_bytes: return "trailing_bytes";
    case ApduError::unexpected_tag: return "unexpected_tag";
    case ApduError::unsupported_choice: return "unsupported_choice";
    case ApduError::bad_length: return "bad_length";
    case ApduError::bad_value: return "bad_value";
    case ApduError::too_deep: return "too_deep";
  }
  return "unknown";
}

std::string describe(const DecodeError& error) {
  std::string text(to_text(error.code));
  text += " at offset " + std::to_string(error.offset);
  if (!error.detail.empty()) text += ": " + error.detail;
  return text;
}

}  // namespace jemhead::dlms::apdu
