#include "api/mime/gmime_support.hpp"

#include <limits>
#include <mutex>

#include "api/mime/mime_message.hpp"

namespace jemhead::mime::gmime {

namespace {

void on_warning(gint64 /*offset*/, GMimeParserWarning code, const gchar* /*item*/,
                gpointer user_data) {
  auto& issues = *static_cast<ParseIssues*>(user_data);
  switch (code) {
    case GMIME_WARN_TRUNCATED_MESSAGE: issues.truncated = true; break;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: issues.missing_boundary = true; break;
    case GMIME_CRIT_NESTING_OVERFLOW: issues.nesting_overflow = true; break;
    default: break;  // oddities GMime reads past (duplicated headers, 8-bit headers, ...)
  }
}

}  // namespace

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

Parser::Parser(std::string_view head, std::string_view bytes, ParseIssues& issues) {
  ensure_initialised();
  if (head.size() + bytes.size() > std::numeric_limits<guint>::max())
    throw MimeError("MIME message too large");
  options_ = g_mime_parser_options_new();
  g_mime_parser_options_set_warning_callback(options_, on_warning, &issues);
  // One copy, straight into the array the memory stream then owns.
  GByteArray* array = g_byte_array_sized_new(static_cast<guint>(head.size() + bytes.size()));
  g_byte_array_append(array, reinterpret_cast<const guint8*>(head.data()),
                      static_cast<guint>(head.size()));
  g_byte_array_append(array, reinterpret_cast<const guint8*>(bytes.data()),
                      static_cast<guint>(bytes.size()));
  stream_.reset(g_mime_stream_mem_new_with_byte_array(array));
  parser_.reset(g_mime_parser_new_with_stream(stream_.get()));
}

Parser::~Parser() {
  g_mime_parser_options_free(options_);
}

std::string lower(const char* text) {
  std::string out = text_or_empty(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace jemhead::mime::gmime
