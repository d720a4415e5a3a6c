#include "api/smtp/smtp_reply.hpp"

namespace jemhead::smtp {

std::string SmtpReply::wire() const {
  const std::string code_text = std::to_string(code);
  std::string out;
  const std::size_t count = lines.empty() ? 1 : lines.size();
  for (std::size_t i = 0; i < count; ++i) {
    out += code_text;
    out += i + 1 < count ? '-' : ' ';
    if (!lines.empty())
      for (char ch : lines[i]) out += (ch == '\r' || ch == '\n') ? ' ' : ch;
    out += "\r\n";
  }
  return out;
}

}  // namespace jemhead::smtp
