#pragma once
// An SMTP server (RFC 5321) on Boost.Asio for the meters' alarm e-mail: EHLO/HELO,
// STARTTLS (OpenSSL), AUTH PLAIN and LOGIN (optional or required), SIZE, 8BITMIME,
// PIPELINING, MAIL, RCPT, DATA, RSET, NOOP, QUIT; limits on line length, message size,
// recipients and connections; a timeout per command and per message.
//
// A message is answered 250 only after the sink said it is durable: the sink runs on a
// worker pool (it may block on the database) while the connection waits for its verdict.
// Asio and OpenSSL types stay out of this header.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/http_server.hpp"  // net::Endpoint

namespace boost::asio {
class io_context;
}

namespace jemhead::smtp {

struct ReceivedMail {
  std::string raw;  // the message as received, dot-stuffing undone, CRLF line ends
  std::string mail_from;
  std::vector<std::string> recipients;
  std::string helo;           // what the client called itself
  std::string peer_address;   // remote IP
  bool tls = false;           // STARTTLS was in effect
  std::string authenticated;  // AUTH user name, "" when none
};

// What to answer to the end of DATA: 250 = accepted and durable; 4xx = try again later
// (storage unavailable); 5xx = refused for good.
struct MailVerdict {
  int code = 250;
  std::string text = "OK";
};

using MailSink = std::function<MailVerdict(const ReceivedMail&)>;

struct SmtpUser {
  std::string name;
  std::string password_sha256;  // lower-case hex of SHA-256(password)
};

struct SmtpServerOptions {
  std::vector<net::Endpoint> listen{net::Endpoint{"127.0.0.1", 2525}};
  std::string hostname = "jemhead";  // in the greeting and EHLO reply
  // STARTTLS is offered when both are set (PEM files).
  std::string certificate_file, private_key_file;
  bool require_tls = false;                          // MAIL refused (530) before STARTTLS
  std::vector<SmtpUser> users;                       // AUTH offered when not empty
  bool require_auth = false;                         // MAIL refused (530) before AUTH
  std::size_t max_message_bytes = 16 * 1024 * 1024;  // SIZE; 552 beyond
  std::size_t max_recipients = 100;
  std::size_t max_line_bytes = 4096;  // command lines and message lines (RFC: 1000)
  std::size_t max_connections = 256;  // further connections get 421 and are closed
  std::chrono::milliseconds command_timeout{300'000};  // RFC 5321 4.5.3.2: 5 minutes
  std::chrono::milliseconds data_timeout{600'000};     // whole DATA phase
  std::size_t sink_threads = 2;
};

class SmtpServer {
 public:
  SmtpServer(boost::asio::io_context& io, SmtpServerOptions options, MailSink sink);
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  // Binds every endpoint (throws std::system_error naming the address) and accepts.
  // Throws std::runtime_error when the certificate or key cannot be loaded.
  void start();
  std::vector<net::Endpoint> bound() const;
  // Stop accepting; let messages being handed to the sink finish (up to `grace`); close.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds{5000});
  std::size_t active_connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace jemhead::smtp
