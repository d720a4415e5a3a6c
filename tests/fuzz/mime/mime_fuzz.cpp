// MIME parsing (GMime) under hostile bytes. The input is read twice: as a whole e-mail,
// and as a form upload whose first line is the Content-Type header value and the rest the
// body. Invariants: no crash, only MimeError thrown, limits kept.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/mime/mime_message.hpp"

using namespace jemhead::mime;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  MimeLimits limits;
  limits.max_parts = 16;
  limits.max_depth = 4;
  try {
    if (parse_mail(input, limits).parts.size() > limits.max_parts) std::abort();
  } catch (const MimeError&) {
  }
  const std::size_t line_end = input.find('\n');
  if (line_end == std::string_view::npos) return 0;
  std::string_view content_type = input.substr(0, line_end);
  if (!content_type.empty() && content_type.back() == '\r') content_type.remove_suffix(1);
  try {
    if (parse_form_data(content_type, input.substr(line_end + 1), limits).size() > limits.max_parts)
      std::abort();
  } catch (const MimeError&) {
  }
  return 0;
}
