#pragma once
// MIME parsing for the alarm channels, on GMime (Debian libgmime-3.0): a meter's e-mail
// (alarms as text, PQDIF files attached) and a web alarm's multipart/form-data body
// (parts "json_msg" and "pqdif_file"). GMime types stay out of this header.
//
// Input is hostile: the number of parts and the nesting depth are bounded, and a body that
// ends before its closing boundary is an error (a truncated upload must not be stored as if
// it were whole).
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jemhead::mime {

struct MimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MimeLimits {
  std::size_t max_parts = 64;
  std::size_t max_depth = 8;
};

// One leaf part, its transfer encoding (base64, quoted-printable) undone.
struct MimePart {
  std::string content_type;  // lower-case "type/subtype"; "text/plain" when absent
  std::string charset;       // as declared, "" when none
  std::string disposition;   // lower-case "attachment", "inline", "form-data" or ""
  std::string field_name;    // Content-Disposition name= (form-data)
  std::string file_name;     // Content-Disposition filename=, else Content-Type name=
  std::string body;          // decoded bytes
};

struct MailMessage {
  std::string from;
  std::vector<std::string> to;  // To and Cc addresses
  std::string subject;          // decoded (RFC 2047)
  std::string date;             // as written
  std::string message_id;
  std::string content_type;     // top-level, lower-case
  std::vector<MimePart> parts;  // leaf parts, depth first; a single-part mail has one
};

// A whole message as received over SMTP (headers and body, CRLF or LF line ends).
MailMessage parse_mail(std::string_view raw, const MimeLimits& limits = {});

// A multipart/form-data body; `content_type` is the request's Content-Type header value
// (it carries the boundary). Throws MimeError when the type is not multipart, the boundary
// is missing, or the body ends before its closing boundary.
std::vector<MimePart> parse_form_data(std::string_view content_type, std::string_view body,
                                      const MimeLimits& limits = {});

}  // namespace jemhead::mime
