#pragma once
// ModemLink: a Link through a Hayes-compatible (AT command) modem on a serial line, for
// meters reached over PSTN or GPRS dial-up (the JEMStar's DLMS runs over its PSTN and GPRS
// modems, manual L13932-L13934; its internal modem is Port 5, L5272-L5309).
//
// open()   opens the line, sends the init string (the profile's modem_init, "ATZ" by
//          default) and waits for OK, then dials ATD<phone> and waits for CONNECT. Every
//          other outcome is its own TransportError: BUSY (line_busy), NO CARRIER
//          (no_carrier), NO DIALTONE (no_dialtone), NO ANSWER (no_answer), ERROR
//          (modem_error), nothing to the init string (modem_no_response), nothing to ATD
//          within the dial timeout (dial_timeout). The modem's line is closed on failure.
//          Verbose (V1) and numeric (V0) result codes are both understood; command echo
//          (E1) and RING are skipped.
// then     bytes pass through untouched. Bytes that arrived behind CONNECT are kept.
// close_gracefully()  hangs up the way a modem expects: silence for the guard time,
//          "+++", the guard time again, the OK, "ATH" and its OK, then closes the line.
// close()  closes the line at once; closing the device drops DTR, on which a modem on a
//          normally configured port (HUPCL, the Linux default) hangs up too.
//
// A carrier lost mid-session is not detected here: the modem's NO CARRIER arrives as data,
// which the protocol layer above discards as noise before its own timeouts fire.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "drivers/transport/link.hpp"

namespace jemhead::transport {

struct ModemLinkOptions {
  std::string init = "ATZ";                         // sent first; must be answered OK
  std::string phone;                                // dialled as ATD<phone>; required
  std::chrono::milliseconds command_timeout{5000};  // for OK to the init string, +++ and ATH
  std::chrono::milliseconds dial_timeout{60000};    // for a result code to ATD
  std::chrono::milliseconds guard_time{1000};       // silence before and after "+++"
};

class ModemLink final : public Link {
 public:
  // `line` is the serial link the modem is on. Throws TransportError(invalid_options) for
  // no line, an empty phone number or init string, or a non-positive timeout.
  ModemLink(std::unique_ptr<Link> line, ModemLinkOptions options);
  ~ModemLink() override;

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> write_all(std::span<const std::uint8_t> bytes,
                                         Deadline deadline) override;
  boost::asio::awaitable<std::size_t> read_some(std::span<std::uint8_t> buffer,
                                                Deadline deadline) override;
  void close() noexcept override;
  boost::asio::awaitable<void> close_gracefully() override;
  // Open means connected: the dial succeeded and the line is still open.
  bool is_open() const override;
  LinkStats stats() const override;
  std::string describe() const override;
  boost::asio::any_io_executor get_executor() override;

  const ModemLinkOptions& options() const { return options_; }
  // The CONNECT line the modem answered, e.g. "CONNECT 9600" ("1" in numeric mode).
  const std::string& connect_message() const { return connect_message_; }

 private:
  enum class Result { ok, connect, busy, no_carrier, no_dialtone, no_answer, error, none };
  struct Answer {
    Result result = Result::none;
    std::string line;
  };

  boost::asio::awaitable<void> send_command(std::string text, Deadline deadline);
  // Reads lines until a result code other than RING arrives or `deadline` passes.
  boost::asio::awaitable<Answer> await_result(Deadline deadline);
  // Whole lines the bytes so far hold; the rest stays buffered.
  bool next_line(std::string& line);
  [[noreturn]] void fail(TransportErrc code, const std::string& detail);

  std::unique_ptr<Link> line_;
  ModemLinkOptions options_;
  std::string description_;
  bool connected_ = false;
  std::string text_;                   // command-mode bytes not yet split into lines
  std::vector<std::uint8_t> pending_;  // data that arrived behind CONNECT
  bool skip_line_feed_ = false;        // CONNECT ended at CR; its LF may still come
  std::string connect_message_;
  std::string last_command_;  // echoed back by a modem in E1
};

}  // namespace jemhead::transport
