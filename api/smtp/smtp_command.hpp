#pragma once
// The parser of one SMTP command line (RFC 5321 §4.1, SIZE RFC 1870, 8BITMIME RFC 6152,
// AUTH RFC 4954), without its CRLF. Pure: no session state, so what is valid *now*
// (sequence, TLS, AUTH) is the session's business.
//
// Verbs are case-insensitive. Meters are small embedded clients, so the parser is lenient
// where RFC 5321 is strict but the meaning is unambiguous: "MAIL FROM: <a@b>" (space after
// the colon) and paths without angle brackets are accepted.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "api/smtp/smtp_reply.hpp"

namespace jemhead::smtp {

enum class SmtpVerb { helo, ehlo, mail, rcpt, data, rset, noop, quit, starttls, auth, vrfy, help };

enum class MailBody { unspecified, seven_bit, eight_bit_mime };

struct SmtpCommand {
  SmtpVerb verb = SmtpVerb::noop;
  std::string domain;  // HELO/EHLO argument
  std::string path;    // MAIL reverse-path ("" = the null path <>) or RCPT forward-path
  std::optional<std::size_t> declared_size;     // MAIL SIZE=
  MailBody body = MailBody::unspecified;        // MAIL BODY=
  std::string mechanism;                        // AUTH, upper case: "PLAIN" or "LOGIN"
  std::optional<std::string> initial_response;  // AUTH's second argument, still base64
};

// 500: unknown verb, line too long, bytes that are not printable ASCII.
// 501: syntax error in the arguments. 504: AUTH mechanism not supported.
// 555: a MAIL/RCPT parameter we do not implement (RFC 5321 §4.5.3.1 / 3.3).
using ParsedCommand = std::variant<SmtpCommand, SmtpReply>;

// `max_line_bytes` bounds the line without its CRLF.
ParsedCommand parse_command(std::string_view line, std::size_t max_line_bytes);

}  // namespace jemhead::smtp
