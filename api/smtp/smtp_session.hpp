#pragma once
// The SMTP conversation as a sans-IO state machine: the server feeds it the bytes it read
// and gets back the replies to write and at most one thing to do before feeding more
// (hand a message to the sink, start TLS, close). No sockets, no clocks: the same object
// runs under Asio, in the unit tests' byte scripts and under the fuzzer.
//
// PIPELINING (RFC 2920) needs nothing special: every complete line in the buffer is
// answered in order, and processing pauses only where the answer depends on the outside
// world (the sink's verdict, the TLS handshake).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/smtp/smtp_command.hpp"
#include "api/smtp/smtp_server.hpp"

namespace jemhead::smtp {

enum class SessionAction {
  read,       // write `replies`, then read more bytes and feed them
  deliver,    // write `replies`, run the sink on `mail`, then call delivered()
  start_tls,  // write `replies`, do the TLS handshake, then call tls_started()
  close,      // write `replies`, then close the connection
};

struct SessionOutput {
  std::string replies;  // bytes to write, in order
  SessionAction action = SessionAction::read;
  std::optional<ReceivedMail> mail;  // with SessionAction::deliver
};

class SmtpSession {
 public:
  // Too many bad commands on one connection look like a confused or hostile client.
  static constexpr std::size_t kMaxErrors = 10;

  // `options` must outlive the session. STARTTLS is offered when the options name a
  // certificate and key (the server has loaded them before any session starts).
  SmtpSession(const SmtpServerOptions& options, std::string peer_address);

  std::string greeting() const;  // the 220 banner
  SessionOutput feed(std::string_view bytes);
  // The sink's answer to the message of the last SessionAction::deliver.
  SessionOutput delivered(const MailVerdict& verdict);
  // The handshake after SessionAction::start_tls succeeded: everything learned in plain
  // text is forgotten (RFC 3207 §4.2) and the client must greet again.
  SessionOutput tls_started();
  // The 421 replies for a client that went quiet, or a server going down; the session is
  // closed afterwards.
  std::string timed_out();
  std::string shutting_down();

  bool in_data() const { return state_ == State::data; }
  bool tls_active() const { return tls_; }
  bool closed() const { return state_ == State::closed; }

 private:
  enum class State {
    command,
    auth_plain,
    auth_login_user,
    auth_login_password,
    data,
    paused,
    closed
  };

  SessionOutput run();
  void reply(const SmtpReply& r);
  void error_reply(const SmtpReply& r);  // counts toward kMaxErrors
  void handle_line(std::string_view line);
  void handle_command(const SmtpCommand& cmd);
  void handle_auth_response(std::string_view line);
  void handle_data_line(std::string_view line);
  void finish_auth(const std::string& authzid, const std::string& user,
                   const std::string& password);
  bool check_password(const std::string& user, const std::string& password) const;
  SmtpReply ehlo_reply() const;
  bool auth_offered() const;
  bool tls_offered() const;
  void reset_transaction();
  void end_data();
  // Processes the data phase's bytes in the buffer; true when the end was reached.
  bool consume_data();

  const SmtpServerOptions& options_;
  std::string peer_;
  State state_ = State::command;
  std::string buffer_;  // bytes received; those before consumed_ are processed
  std::size_t consumed_ = 0;
  std::size_t errors_ = 0;        // error replies so far
  bool discarding_line_ = false;  // an over-long line is being skipped up to its LF
  SessionAction pending_ = SessionAction::read;
  std::string out_;
  std::optional<ReceivedMail> mail_out_;

  // What the client told us; all of it is forgotten at STARTTLS.
  std::string helo_;
  bool extended_ = false;  // EHLO rather than HELO
  bool tls_ = false;
  std::string authenticated_;
  std::string login_user_;  // AUTH LOGIN between its two challenges

  // The mail transaction (RFC 5321 §3.3).
  bool in_transaction_ = false;
  std::string mail_from_;
  std::vector<std::string> recipients_;
  std::string message_;
  bool message_too_big_ = false;
  bool message_line_too_long_ = false;
  bool data_line_start_ = true;  // the next data byte begins a line
};

}  // namespace jemhead::smtp
