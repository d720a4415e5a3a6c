#include "api/smtp/smtp_command.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace jemhead::smtp {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && upper(a) == upper(b);
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The next space-separated word of `s`, removed from it.
std::string_view next_word(std::string_view& s) {
  s = trim(s);
  std::size_t end = 0;
  while (end < s.size() && !is_space(s[end])) ++end;
  auto word = s.substr(0, end);
  s.remove_prefix(end);
  s = trim(s);
  return word;
}

SmtpReply syntax(std::string text) {
  return SmtpReply{501, std::move(text)};
}

// A path as written after "FROM:" or "TO:". Returns the mailbox, or nullopt on bad syntax;
// `rest` is left at the parameters.
std::optional<std::string> take_path(std::string_view& rest) {
  rest = trim(rest);
  if (rest.empty()) return std::nullopt;
  std::string_view inner;
  if (rest.front() == '<') {
    // Find the closing '>' outside a quoted local part ("a>b"@host is legal).
    bool quoted = false;
    std::size_t i = 1;
    for (; i < rest.size(); ++i) {
      const char c = rest[i];
      if (quoted && c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '>') {
        break;
      } else if (!quoted && is_space(c)) {
        return std::nullopt;
      }
    }
    if (i >= rest.size()) return std::nullopt;
    inner = rest.substr(1, i - 1);
    rest.remove_prefix(i + 1);
    // Something glued to the '>' is not a parameter.
    if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  } else {
    inner = next_word(rest);
  }
  // A source route (RFC 5321 §4.1.2, "<@relay:user@host>") is to be ignored.
  if (!inner.empty() && inner.front() == '@') {
    const auto colon = inner.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    inner.remove_prefix(colon + 1);
    if (inner.empty()) return std::nullopt;
  }
  if (!inner.empty()) {
    const auto at = inner.rfind('@');
    if (at != std::string_view::npos && (at == 0 || at + 1 == inner.size())) return std::nullopt;
  }
  rest = trim(rest);
  return std::string(inner);
}

ParsedCommand parse_mail(std::string_view rest) {
  const std::string_view prefix = "FROM:";
  if (rest.size() < prefix.size() || !iequals(rest.substr(0, prefix.size()), prefix))
    return syntax("Syntax: MAIL FROM:<address> [SIZE=n] [BODY=7BIT|8BITMIME]");
  rest.remove_prefix(prefix.size());
  auto path = take_path(rest);
  if (!path) return syntax("Bad sender address syntax");
  SmtpCommand cmd;
  cmd.verb = SmtpVerb::mail;
  cmd.path = std::move(*path);
  while (!rest.empty()) {
    const auto param = next_word(rest);
    const auto eq = param.find('=');
    const auto key = upper(param.substr(0, eq));
    const auto value = eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
    if (key == "SIZE") {
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
        return syntax("Bad SIZE parameter");
      cmd.declared_size = static_cast<std::size_t>(std::stoull(std::string(value)));
    } else if (key == "BODY") {
      if (iequals(value, "7BIT")) {
        cmd.body = MailBody::seven_bit;
      } else if (iequals(value, "8BITMIME")) {
        cmd.body = MailBody::eight_bit_mime;
      } else {
        return syntax("Bad BODY parameter");
      }
    } else if (key == "AUTH") {
      // RFC 4954 §5: the submitter's identity for relays; a final receiver may ignore it.
    } else {
      return SmtpReply{555, "MAIL parameter not recognized: " + std::string(param)};
    }
  }
  return cmd;
}

ParsedCommand parse_rcpt(std::string_view rest) {
  const std::string_view prefix = "TO:";
  if (rest.size() < prefix.size() || !iequals(rest.substr(0, prefix.size()), prefix))
    return syntax("Syntax: RCPT TO:<address>");
  rest.remove_prefix(prefix.size());
  auto path = take_path(rest);
  if (!path || path->empty()) return syntax("Bad recipient address syntax");
  if (!rest.empty()) return SmtpReply{555, "RCPT parameters not recognized"};
  SmtpCommand cmd;
  cmd.verb = SmtpVerb::rcpt;
  cmd.path = std::move(*path);
  return cmd;
}

ParsedCommand parse_auth(std::string_view rest) {
  const auto mechanism = upper(next_word(rest));
  if (mechanism.empty()) return syntax("Syntax: AUTH mechanism [initial-response]");
  if (mechanism != "PLAIN" && mechanism != "LOGIN")
    return SmtpReply{504, "Unrecognized authentication type"};
  SmtpCommand cmd;
  cmd.verb = SmtpVerb::auth;
  cmd.mechanism = mechanism;
  if (!rest.empty()) {
    cmd.initial_response = std::string(next_word(rest));
    if (!rest.empty()) return syntax("Syntax: AUTH mechanism [initial-response]");
  }
  return cmd;
}

ParsedCommand without_argument(SmtpVerb verb, std::string_view rest, const char* name) {
  if (!rest.empty()) {
    std::string text = "Syntax: ";
    text += name;
    text += " takes no arguments";
    return syntax(std::move(text));
  }
  SmtpCommand cmd;
  cmd.verb = verb;
  return cmd;
}

}  // namespace

ParsedCommand parse_command(std::string_view line, std::size_t max_line_bytes) {
  if (line.size() > max_line_bytes) return SmtpReply{500, "Line too long"};
  for (unsigned char c : line)
    if ((c < 0x20 && c != '\t') || c >= 0x7f)
      return SmtpReply{500, "Command contains invalid characters"};

  std::string_view rest = line;
  const auto verb = upper(next_word(rest));
  if (verb == "HELO" || verb == "EHLO") {
    SmtpCommand cmd;
    cmd.verb = verb == "HELO" ? SmtpVerb::helo : SmtpVerb::ehlo;
    // Only the first word names the client; some clients add more, which is harmless.
    cmd.domain = std::string(next_word(rest));
    if (cmd.domain.empty()) return syntax(verb + " requires a domain or address");
    return cmd;
  }
  if (verb == "MAIL") return parse_mail(rest);
  if (verb == "RCPT") return parse_rcpt(rest);
  if (verb == "AUTH") return parse_auth(rest);
  if (verb == "DATA") return without_argument(SmtpVerb::data, rest, "DATA");
  if (verb == "RSET") return without_argument(SmtpVerb::rset, rest, "RSET");
  if (verb == "QUIT") return without_argument(SmtpVerb::quit, rest, "QUIT");
  if (verb == "STARTTLS") return without_argument(SmtpVerb::starttls, rest, "STARTTLS");
  if (verb == "NOOP" || verb == "HELP") {
    SmtpCommand cmd;  // both may carry a string, which is ignored
    cmd.verb = verb == "NOOP" ? SmtpVerb::noop : SmtpVerb::help;
    return cmd;
  }
  if (verb == "VRFY") {
    if (rest.empty()) return syntax("Syntax: VRFY string");
    SmtpCommand cmd;
    cmd.verb = SmtpVerb::vrfy;
    return cmd;
  }
  if (verb == "EXPN" || verb == "TURN" || verb == "SEND" || verb == "SOML" || verb == "SAML")
    return SmtpReply{502, "Command not implemented"};
  return SmtpReply{500, "Command unrecognized"};
}

}  // namespace jemhead::smtp
