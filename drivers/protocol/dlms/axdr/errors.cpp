#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms::axdr {

std::string_view decode_errc_name(DecodeErrc code) {
  switch (code) {
    case DecodeErrc::truncated: return "truncated";
    case DecodeErrc::unknown_tag: return "unknown_tag";
    case DecodeErrc::bad_length: return "bad_length";
    case DecodeErrc::length_exceeds_remaining: return "length_exceeds_remaining";
    case DecodeErrc::depth_exceeded: return "depth_exceeded";
    case DecodeErrc::too_many_elements: return "too_many_elements";
    case DecodeErrc::input_too_large: return "input_too_large";
    case DecodeErrc::non_canonical: return "non_canonical";
    case DecodeErrc::trailing_bytes: return "trailing_bytes";
    case DecodeErrc::bad_compact_array: return "bad_compact_array";
  }
  return "unknown";
}

DecodeError::DecodeError(DecodeErrc code, std::size_t offset, const std::string& what)
    : AxdrError(what + " at offset " + std::to_string(offset)), code_(code), offset_(offset) {}

namespace {
std::string mismatch_text(DataType expected, DataType actual, const std::string& context) {
  std::string text = context.empty() ? std::string() : context + ": ";
  text += "expected ";
  text += type_name(expected);
  text += ", got ";
  text += type_name(actual);
  return text;
}
}  // namespace

TypeMismatch::TypeMismatch(DataType expected, DataType actual, const std::string& context)
    : AxdrError(mismatch_text(expected, actual, context)), expected_(expected), actual_(actual) {}

}  // namespace jemhead::dlms::axdr
