#include "api/smtp/smtp_session.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/digest/base64.hpp"
#include "core/digest/sha256.hpp"

namespace jemhead::smtp {

namespace {

// The AUTH LOGIN challenges, "Username:" and "Password:" in base64 (RFC 4954 practice).
constexpr const char* kUsernameChallenge = "VXNlcm5hbWU6";
constexpr const char* kPasswordChallenge = "UGFzc3dvcmQ6";

// Compares digests without an early exit, so response time says nothing about how much of
// a guessed password's digest matched.
bool same_digest(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(a[i])) ^
                                       std::tolower(static_cast<unsigned char>(b[i])));
  return diff == 0;
}

}  // namespace

SmtpSession::SmtpSession(const SmtpServerOptions& options, std::string peer_address)
    : options_(options), peer_(std::move(peer_address)) {}

std::string SmtpSession::greeting() const {
  return SmtpReply{220, options_.hostname + " ESMTP jemhead"}.wire();
}

bool SmtpSession::tls_offered() const {
  return !tls_ && !options_.certificate_file.empty() && !options_.private_key_file.empty();
}

bool SmtpSession::auth_offered() const {
  // RFC 4954 §4 / RFC 3207 §4.2: with TLS required, plain-text passwords are not invited.
  return !options_.users.empty() && (tls_ || !options_.require_tls);
}

SmtpReply SmtpSession::ehlo_reply() const {
  std::vector<std::string> lines;
  lines.push_back(options_.hostname + " greets " + helo_);
  lines.push_back("SIZE " + std::to_string(options_.max_message_bytes));
  lines.push_back("8BITMIME");
  lines.push_back("PIPELINING");
  if (tls_offered()) lines.push_back("STARTTLS");
  if (auth_offered()) lines.push_back("AUTH PLAIN LOGIN");
  return SmtpReply{250, std::move(lines)};
}

void SmtpSession::reply(const SmtpReply& r) {
  out_ += r.wire();
}

void SmtpSession::error_reply(const SmtpReply& r) {
  reply(r);
  if (++errors_ >= kMaxErrors) {
    reply(SmtpReply{421, options_.hostname + " Too many errors, closing connection"});
    state_ = State::closed;
    pending_ = SessionAction::close;
  }
}

void SmtpSession::reset_transaction() {
  in_transaction_ = false;
  mail_from_.clear();
  recipients_.clear();
  std::string{}.swap(message_);
  message_too_big_ = false;
  message_line_too_long_ = false;
  data_line_start_ = true;
}

SessionOutput SmtpSession::feed(std::string_view bytes) {
  if (state_ == State::closed) return SessionOutput{{}, SessionAction::close, {}};
  buffer_.append(bytes.data(), bytes.size());
  if (state_ == State::paused) return SessionOutput{};
  return run();
}

SessionOutput SmtpSession::delivered(const MailVerdict& verdict) {
  if (state_ != State::paused) return run();
  state_ = State::command;
  SmtpReply r{verdict.code, verdict.text};
  // A sink answering outside 2xx/4xx/5xx would confuse the client; call it a local error.
  const bool valid =
      (verdict.code >= 200 && verdict.code < 300) || (verdict.code >= 400 && verdict.code < 600);
  if (!valid) r = SmtpReply{451, "Local error in processing"};
  if (r.lines.front().empty()) r.lines.front() = r.code < 400 ? "OK" : "Not accepted";
  reply(r);
  reset_transaction();
  return run();
}

SessionOutput SmtpSession::tls_started() {
  if (state_ == State::closed) return SessionOutput{{}, SessionAction::close, {}};
  tls_ = true;
  helo_.clear();
  extended_ = false;
  authenticated_.clear();
  login_user_.clear();
  reset_transaction();
  state_ = State::command;
  return run();
}

std::string SmtpSession::timed_out() {
  state_ = State::closed;
  return SmtpReply{421, options_.hostname + " Timeout, closing connection"}.wire();
}

std::string SmtpSession::shutting_down() {
  state_ = State::closed;
  return SmtpReply{421, options_.hostname + " Service shutting down, closing connection"}.wire();
}

SessionOutput SmtpSession::run() {
  while (pending_ == SessionAction::read && state_ != State::closed && state_ != State::paused) {
    if (state_ == State::data) {
      if (!consume_data()) break;
      end_data();
      continue;
    }
    const auto lf = buffer_.find('\n', consumed_);
    if (lf == std::string::npos) {
      // No end of line in sight: past the limit the line is skipped up to its LF, so a
      // client cannot make us buffer without bound.
      if (buffer_.size() - consumed_ > options_.max_line_bytes + 1) {
        discarding_line_ = true;
        consumed_ = buffer_.size();
      }
      break;
    }
    std::string_view line(buffer_.data() + consumed_, lf - consumed_);
    consumed_ = lf + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (discarding_line_) {
      discarding_line_ = false;
      error_reply(SmtpReply{500, "Line too long"});
      continue;
    }
    handle_line(line);
  }
  // STARTTLS and close leave nothing to read in plain text: bytes a client (or an attacker
  // in the path) pipelined after STARTTLS must not be taken as commands under TLS
  // (CVE-2011-0411).
  if (pending_ == SessionAction::start_tls || pending_ == SessionAction::close) {
    buffer_.clear();
    consumed_ = 0;
  } else {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  SessionOutput out;
  out.replies = std::move(out_);
  out_.clear();
  out.action = pending_;
  out.mail = std::move(mail_out_);
  mail_out_.reset();
  if (pending_ != SessionAction::close) pending_ = SessionAction::read;
  return out;
}

void SmtpSession::handle_line(std::string_view line) {
  if (state_ == State::auth_plain || state_ == State::auth_login_user ||
      state_ == State::auth_login_password) {
    handle_auth_response(line);
    return;
  }
  auto parsed = parse_command(line, options_.max_line_bytes);
  if (auto* error = std::get_if<SmtpReply>(&parsed)) {
    error_reply(*error);
    return;
  }
  handle_command(std::get<SmtpCommand>(parsed));
}

void SmtpSession::handle_command(const SmtpCommand& cmd) {
  switch (cmd.verb) {
    case SmtpVerb::helo:
    case SmtpVerb::ehlo:
      reset_transaction();
      helo_ = cmd.domain;
      extended_ = cmd.verb == SmtpVerb::ehlo;
      reply(extended_ ? ehlo_reply() : SmtpReply{250, options_.hostname});
      return;
    case SmtpVerb::mail:
      if (helo_.empty()) return error_reply(SmtpReply{503, "Send HELO or EHLO first"});
      if (in_transaction_) return error_reply(SmtpReply{503, "Nested MAIL command"});
      if (options_.require_tls && !tls_)
        return error_reply(SmtpReply{530, "Must issue a STARTTLS command first"});
      if (options_.require_auth && authenticated_.empty())
        return error_reply(SmtpReply{530, "Authentication required"});
      if (cmd.declared_size && *cmd.declared_size > options_.max_message_bytes)
        return reply(SmtpReply{552, "Message size exceeds fixed maximum message size"});
      in_transaction_ = true;
      mail_from_ = cmd.path;
      recipients_.clear();
      return reply(SmtpReply{250, "OK"});
    case SmtpVerb::rcpt:
      if (!in_transaction_) return error_reply(SmtpReply{503, "Need MAIL before RCPT"});
      if (recipients_.size() >= options_.max_recipients)
        return reply(SmtpReply{452, "Too many recipients"});
      recipients_.push_back(cmd.path);
      return reply(SmtpReply{250, "OK"});
    case SmtpVerb::data:
      if (!in_transaction_) return error_reply(SmtpReply{503, "Need MAIL command"});
      if (recipients_.empty()) return error_reply(SmtpReply{503, "Need RCPT command"});
      state_ = State::data;
      std::string{}.swap(message_);
      message_too_big_ = false;
      message_line_too_long_ = false;
      data_line_start_ = true;
      return reply(SmtpReply{354, "End data with <CR><LF>.<CR><LF>"});
    case SmtpVerb::rset: reset_transaction(); return reply(SmtpReply{250, "OK"});
    case SmtpVerb::noop: return reply(SmtpReply{250, "OK"});
    case SmtpVerb::help: return reply(SmtpReply{214, "See RFC 5321"});
    case SmtpVerb::vrfy:
      return reply(SmtpReply{252, "Cannot VRFY user, but will accept message for delivery"});
    case SmtpVerb::quit:
      reply(SmtpReply{221, options_.hostname + " closing connection"});
      state_ = State::closed;
      pending_ = SessionAction::close;
      return;
    case SmtpVerb::starttls:
      if (tls_) return error_reply(SmtpReply{503, "TLS already active"});
      if (!tls_offered()) return error_reply(SmtpReply{502, "STARTTLS not available"});
      reply(SmtpReply{220, "Ready to start TLS"});
      state_ = State::paused;
      pending_ = SessionAction::start_tls;
      return;
    case SmtpVerb::auth: {
      if (options_.users.empty()) return error_reply(SmtpReply{502, "AUTH not available"});
      if (!extended_) return error_reply(SmtpReply{503, "Send EHLO first"});
      if (!authenticated_.empty()) return error_reply(SmtpReply{503, "Already authenticated"});
      if (in_transaction_)
        return error_reply(SmtpReply{503, "AUTH not allowed during a mail transaction"});
      if (!auth_offered())
        return error_reply(
            SmtpReply{538, "Encryption required for requested authentication mechanism"});
      if (cmd.mechanism == "PLAIN") {
        if (cmd.initial_response) {
          state_ = State::auth_plain;
          handle_auth_response(*cmd.initial_response == "=" ? "" : *cmd.initial_response);
          return;
        }
        state_ = State::auth_plain;
        return reply(SmtpReply{334, ""});
      }
      if (cmd.initial_response) {
        state_ = State::auth_login_user;
        handle_auth_response(*cmd.initial_response);
        return;
      }
      state_ = State::auth_login_user;
      return reply(SmtpReply{334, kUsernameChallenge});
    }
  }
}

void SmtpSession::handle_auth_response(std::string_view line) {
  const State step = state_;
  state_ = State::command;
  if (line == "*") return error_reply(SmtpReply{501, "Authentication cancelled"});
  auto decoded = digest::base64_decode(line);
  if (!decoded) return error_reply(SmtpReply{501, "Invalid base64 in authentication response"});
  if (step == State::auth_login_user) {
    login_user_ = std::move(*decoded);
    state_ = State::auth_login_password;
    return reply(SmtpReply{334, kPasswordChallenge});
  }
  if (step == State::auth_login_password) {
    const auto user = std::move(login_user_);
    login_user_.clear();
    return finish_auth("", user, *decoded);
  }
  // PLAIN (RFC 4616): authzid NUL authcid NUL passwd.
  const auto first = decoded->find('\0');
  const auto second =
      first == std::string::npos ? std::string::npos : decoded->find('\0', first + 1);
  if (second == std::string::npos || decoded->find('\0', second + 1) != std::string::npos)
    return error_reply(SmtpReply{501, "Malformed PLAIN authentication response"});
  finish_auth(decoded->substr(0, first), decoded->substr(first + 1, second - first - 1),
              decoded->substr(second + 1));
}

void SmtpSession::finish_auth(const std::string& authzid, const std::string& user,
                              const std::string& password) {
  // Acting for someone else (a different authzid) is not something a meter needs.
  if ((!authzid.empty() && authzid != user) || !check_password(user, password))
    return error_reply(SmtpReply{535, "Authentication credentials invalid"});
  authenticated_ = user;
  reply(SmtpReply{235, "Authentication successful"});
}

bool SmtpSession::check_password(const std::string& user, const std::string& password) const {
  const auto digest = digest::sha256_hex(password);
  bool ok = false;
  for (const auto& u : options_.users)
    if (u.name == user && same_digest(digest, u.password_sha256)) ok = true;
  return ok;
}

bool SmtpSession::consume_data() {
  for (;;) {
    const auto crlf = buffer_.find("\r\n", consumed_);
    if (crlf == std::string::npos) {
      // A partial line longer than any allowed one cannot be the terminating "." line: drop
      // it (keeping a trailing CR that may start the CRLF) and remember we are mid-line.
      const auto pending = buffer_.size() - consumed_;
      if (pending > options_.max_line_bytes + 1) {
        message_line_too_long_ = true;
        std::string{}.swap(message_);
        const bool keep_cr = buffer_.back() == '\r';
        consumed_ = buffer_.size() - (keep_cr ? 1 : 0);
        data_line_start_ = false;
      }
      return false;
    }
    std::string_view line(buffer_.data() + consumed_, crlf - consumed_);
    consumed_ = crlf + 2;
    const bool line_start = data_line_start_;
    data_line_start_ = true;
    if (line_start && line == ".") return true;
    // Transparency (RFC 5321 §4.5.2): a leading dot was doubled by the client.
    if (line_start && !line.empty() && line.front() == '.') line.remove_prefix(1);
    if (!line_start || line.size() > options_.max_line_bytes) {
      message_line_too_long_ = true;
      std::string{}.swap(message_);
    }
    if (message_too_big_ || message_line_too_long_) continue;
    if (message_.size() + line.size() + 2 > options_.max_message_bytes) {
      // Keep reading to the end of DATA so the client sees the 552 in step, but stop
      // holding the bytes.
      message_too_big_ = true;
      std::string{}.swap(message_);
      continue;
    }
    message_.append(line.data(), line.size());
    message_ += "\r\n";
  }
}

void SmtpSession::end_data() {
  state_ = State::command;
  if (message_too_big_) {
    reply(SmtpReply{552, "Message exceeds fixed maximum message size of " +
                             std::to_string(options_.max_message_bytes) + " bytes"});
    reset_transaction();
    return;
  }
  if (message_line_too_long_) {
    reply(SmtpReply{
        500, "Message line longer than " + std::to_string(options_.max_line_bytes) + " bytes"});
    reset_transaction();
    return;
  }
  ReceivedMail mail;
  mail.raw = std::move(message_);
  mail.mail_from = mail_from_;
  mail.recipients = recipients_;
  mail.helo = helo_;
  mail.peer_address = peer_;
  mail.tls = tls_;
  mail.authenticated = authenticated_;
  mail_out_ = std::move(mail);
  std::string{}.swap(message_);
  state_ = State::paused;
  pending_ = SessionAction::deliver;
}

}  // namespace jemhead::smtp
