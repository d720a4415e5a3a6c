// The SMTP session (and under it the command parser) fed hostile bytes. The first input
// byte picks the configuration (TLS, users, require flags) and how the rest is cut into
// packets, so packet boundaries are fuzzed too. Invariants: no crash or hang; every reply
// is "ddd text" or "ddd-text" ending in CRLF; a message handed to the sink respects the
// size and recipient limits; after a close nothing more is answered. The AUTH base64
// decoder must round-trip what the encoder wrote.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/smtp/smtp_session.hpp"
#include "core/digest/base64.hpp"
#include "core/digest/sha256.hpp"

using namespace jemhead::smtp;
using jemhead::digest::base64_decode;
using jemhead::digest::base64_encode;

namespace {

void check_replies(const std::string& wire) {
  std::size_t pos = 0;
  while (pos < wire.size()) {
    const auto end = wire.find("\r\n", pos);
    if (end == std::string::npos || end - pos < 4) std::abort();
    for (std::size_t i = pos; i < pos + 3; ++i)
      if (wire[i] < '0' || wire[i] > '9') std::abort();
    if (wire[pos + 3] != ' ' && wire[pos + 3] != '-') std::abort();
    for (std::size_t i = pos; i < end; ++i)
      if (wire[i] == '\r' || wire[i] == '\n') std::abort();
    pos = end + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t config = data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  SmtpServerOptions options;
  options.hostname = "fuzz";
  options.max_message_bytes = 512;
  options.max_recipients = 3;
  options.max_line_bytes = 128;
  if (config & 1) {
    options.certificate_file = "cert.pem";
    options.private_key_file = "key.pem";
  }
  if (config & 2) options.users.push_back(SmtpUser{"meter", jemhead::digest::sha256_hex("pw")});
  options.require_tls = (config & 4) != 0;
  options.require_auth = (config & 8) != 0;
  const std::size_t chunk = (config >> 4) == 0 ? input.size() + 1 : (config >> 4);

  SmtpSession session(options, "127.0.0.1");
  check_replies(session.greeting());
  bool verdict_ok = true;
  bool closed = false;
  for (std::size_t pos = 0; pos < input.size() && !closed; pos += chunk) {
    auto out = session.feed(input.substr(pos, chunk));
    for (;;) {
      check_replies(out.replies);
      if (out.action == SessionAction::deliver) {
        if (!out.mail || out.mail->raw.size() > options.max_message_bytes ||
            out.mail->recipients.empty() || out.mail->recipients.size() > options.max_recipients)
          std::abort();
        verdict_ok = !verdict_ok;
        out = session.delivered(verdict_ok ? MailVerdict{} : MailVerdict{451, "later"});
        continue;
      }
      if (out.action == SessionAction::start_tls) {
        out = session.tls_started();
        continue;
      }
      if (out.action == SessionAction::close) closed = true;
      break;
    }
  }
  if (closed && !session.feed("NOOP\r\n").replies.empty()) std::abort();

  // The parser alone, on the raw input as one line.
  (void)parse_command(input, options.max_line_bytes);
  if (base64_decode(base64_encode(input)) != std::string(input)) std::abort();
  return 0;
}
