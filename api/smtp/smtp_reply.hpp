#pragma once
// One SMTP reply (RFC 5321 §4.2): a code and one or more text lines, written as
// "250-first\r\n250 last\r\n". Text never holds CR or LF (wire() replaces them), so
// nothing a client or sink supplies can forge an extra reply line.
#include <string>
#include <vector>

namespace jemhead::smtp {

struct SmtpReply {
  int code = 250;
  std::vector<std::string> lines{"OK"};

  SmtpReply() = default;
  SmtpReply(int reply_code, std::string text) : code(reply_code), lines{std::move(text)} {}
  SmtpReply(int reply_code, std::vector<std::string> text_lines)
      : code(reply_code), lines(std::move(text_lines)) {}

  std::string wire() const;
};

}  // namespace jemhead::smtp
