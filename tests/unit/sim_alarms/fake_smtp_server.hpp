#pragma once
// A minimal SMTP receiver on loopback for the mail notifier tests (the project's own SMTP
// server is tested elsewhere): EHLO with AUTH PLAIN, MAIL, RCPT, DATA, QUIT, one
// connection at a time; it keeps each message with its envelope and the AUTH it saw.
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <istream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/digest/base64.hpp"

namespace jemhead::sim::testing {

struct FakeMail {
  std::string auth;  // the AUTH PLAIN argument (base64), "" when none
  std::string mail_from;
  std::vector<std::string> recipients;
  std::string data;  // the message, CRLF line ends, dot-stuffing undone
};

class FakeSmtpServer {
 public:
  FakeSmtpServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeSmtpServer() {
    stop_ = true;
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);  // unblocks accept()
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::vector<FakeMail> mails() const {
    std::lock_guard lock(mutex_);
    return mails_;
  }

 private:
  void serve() {
    while (!stop_) {
      boost::asio::ip::tcp::socket s(io_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      session(s);
    }
  }
  static void say(boost::asio::ip::tcp::socket& s, const std::string& text) {
    boost::system::error_code ec;
    boost::asio::write(s, boost::asio::buffer(text), ec);
  }
  void session(boost::asio::ip::tcp::socket& s) {
    boost::asio::streambuf in;
    boost::system::error_code ec;
    FakeMail mail;
    say(s, "220 fake ESMTP\r\n");
    for (;;) {
      boost::asio::read_until(s, in, "\r\n", ec);
      if (ec) return;
      std::istream lines(&in);
      std::string line;
      std::getline(lines, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string verb = line.substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        say(s, "250-fake\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
      } else if (line.starts_with("AUTH PLAIN")) {
        if (line.size() > 11) {  // initial response (SASL-IR)
          mail.auth = line.substr(11);
        } else {  // the credentials on the next line
          say(s, "334 \r\n");
          boost::asio::read_until(s, in, "\r\n", ec);
          if (ec) return;
          std::getline(lines, mail.auth);
          if (!mail.auth.empty() && mail.auth.back() == '\r') mail.auth.pop_back();
        }
        say(s, "235 ok\r\n");
      } else if (verb == "MAIL") {
        mail.mail_from = line.substr(10);
        say(s, "250 ok\r\n");
      } else if (verb == "RCPT") {
        mail.recipients.push_back(line.substr(8));
        say(s, "250 ok\r\n");
      } else if (verb == "DATA") {
        say(s, "354 go on\r\n");
        std::string data;
        for (;;) {
          boost::asio::read_until(s, in, "\r\n", ec);
          if (ec) return;
          std::getline(lines, line);
          if (line == ".\r") break;
          if (line.starts_with(".")) line.erase(0, 1);
          data += line;
          data += '\n';
        }
        mail.data = std::move(data);
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(mail);
        }
        mail = FakeMail{mail.auth, {}, {}, {}};
        say(s, "250 queued\r\n");
      } else if (verb == "QUIT") {
        say(s, "221 bye\r\n");
        return;
      } else {
        say(s, "250 ok\r\n");
      }
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<FakeMail> mails_;
  std::thread thread_;
};

// Base64 as mail carries it, in lines: the line breaks dropped, the rest must be clean
// ("<not base64>" otherwise, which no expected value equals).
inline std::string base64_decode(const std::string& text) {
  std::string joined;
  for (char c : text)
    if (c != '\r' && c != '\n') joined += c;
  return digest::base64_decode(joined).value_or("<not base64>");
}

}  // namespace jemhead::sim::testing
