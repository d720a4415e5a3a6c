// ModemLink against a fake Hayes modem on a real pseudo-terminal: the init string and the
// dial, data passed through (including bytes that arrive behind CONNECT), every failing
// result code as its own TransportError, and the hang-up (guard, +++, guard, ATH).
#include "drivers/transport/modem_link.hpp"

#include <gtest/gtest.h>

#include "drivers/transport/serial_link.hpp"
#include "tests/unit/dlms_serial/fake_modem.hpp"
#include "tests/unit/transport/pty_pair.hpp"
#include "tests/unit/transport/run_awaitable.hpp"

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using testing::FakeModem;
using testing::FakeModemScript;
using testing::PtyPair;
using testing::Runner;
using Bytes = std::vector<std::uint8_t>;

ModemLinkOptions fast_options() {
  ModemLinkOptions o;
  o.init = "ATZ";
  o.phone = "5551234";
  o.command_timeout = 300ms;
  o.dial_timeout = 400ms;
  o.guard_time = 120ms;
  return o;
}

struct Rig {
  explicit Rig(FakeModemScript script = {}, ModemLinkOptions options = fast_options())
      : modem(pty, std::move(script)),
        link(std::make_unique<SerialLink>(runner.executor(),
                                          SerialLinkOptions{pty.device(), 9600, {}}),
             std::move(options)) {}
  ~Rig() { link.close(); }

  boost::asio::awaitable<Bytes> read(std::size_t n) {
    Bytes out;
    std::array<std::uint8_t, 64> buffer{};
    const auto deadline = deadline_after(2s);
    while (out.size() < n) {
      auto op = link.read_some(buffer, deadline);
      const auto got = co_await std::move(op);
      if (got == 0) break;
      out.insert(out.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got));
    }
    co_return out;
  }
  boost::asio::awaitable<void> write(Bytes bytes) {
    auto op = link.write_all(bytes, deadline_after(1s));
    co_await std::move(op);
  }

  PtyPair pty;
  FakeModem modem;
  Runner runner;
  ModemLink link;
};

TEST(DlmsSerialModemLink, DialsAndPassesDataThrough) {
  FakeModemScript script;
  script.after_connect = {0x7E, 0xA0};
  Rig rig(script);
  rig.runner.run(rig.link.open());
  ASSERT_TRUE(rig.link.is_open());
  EXPECT_EQ(rig.link.connect_message(), "CONNECT 9600");
  EXPECT_EQ(rig.modem.commands(), (std::vector<std::string>{"ATZ", "ATD5551234"}));
  // The bytes behind CONNECT come first, then the echo of what we send.
  EXPECT_EQ(rig.runner.run(rig.read(2)), (Bytes{0x7E, 0xA0}));
  rig.runner.run(rig.write({0x01, 0x0D, 0x0A, 0x7E}));
  EXPECT_EQ(rig.runner.run(rig.read(4)), (Bytes{0x01, 0x0D, 0x0A, 0x7E}));
  EXPECT_EQ(rig.modem.data(), (Bytes{0x01, 0x0D, 0x0A, 0x7E}));
  EXPECT_NE(rig.link.describe().find("modem via serial"), std::string::npos);
}

TEST(DlmsSerialModemLink, NumericResultCodesAndCommandEcho) {
  FakeModemScript script;
  script.numeric = true;
  script.echo_commands = true;
  script.init_reply = "0";
  script.dial_reply = "1";
  auto options = fast_options();
  options.init = "ATV0E1";
  Rig rig(script, options);
  rig.runner.run(rig.link.open());
  EXPECT_TRUE(rig.link.is_open());
  EXPECT_EQ(rig.link.connect_message(), "1");
  rig.runner.run(rig.write({0x42}));
  EXPECT_EQ(rig.runner.run(rig.read(1)), Bytes{0x42});
}

TransportErrc open_failure(const FakeModemScript& script) {
  Rig rig(script);
  try {
    rig.runner.run(rig.link.open());
  } catch (const TransportError& e) {
    EXPECT_FALSE(rig.link.is_open()) << e.what();
    EXPECT_NE(std::string(e.what()).find("modem via serial"), std::string::npos) << e.what();
    return e.errc();
  }
  ADD_FAILURE() << "the dial succeeded";
  return TransportErrc::io_error;
}

TEST(DlmsSerialModemLink, EachDialFailureIsItsOwnError) {
  const std::pair<const char*, TransportErrc> cases[] = {
      {"BUSY", TransportErrc::line_busy},          {"NO CARRIER", TransportErrc::no_carrier},
      {"NO DIALTONE", TransportErrc::no_dialtone}, {"NO ANSWER", TransportErrc::no_answer},
      {"ERROR", TransportErrc::modem_error},       {"", TransportErrc::dial_timeout},
  };
  for (const auto& [reply, expected] : cases) {
    FakeModemScript script;
    script.dial_reply = reply;
    EXPECT_EQ(open_failure(script), expected) << reply;
  }
  FakeModemScript numeric;
  numeric.numeric = true;
  numeric.init_reply = "0";
  numeric.dial_reply = "7";
  EXPECT_EQ(open_failure(numeric), TransportErrc::line_busy);
}

TEST(DlmsSerialModemLink, ABadOrUnansweredInitString) {
  FakeModemScript error;
  error.init_reply = "ERROR";
  EXPECT_EQ(open_failure(error), TransportErrc::modem_error);
  FakeModemScript silent;
  silent.init_reply = "";
  EXPECT_EQ(open_failure(silent), TransportErrc::modem_no_response);
}

TEST(DlmsSerialModemLink, HangsUpWithGuardTimesEscapeAndAth) {
  Rig rig;
  rig.runner.run(rig.link.open());
  rig.runner.run(rig.write({0x7E}));
  EXPECT_EQ(rig.runner.run(rig.read(1)), Bytes{0x7E});
  const auto started = std::chrono::steady_clock::now();
  rig.runner.run(rig.link.close_gracefully());
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(rig.link.is_open());
  EXPECT_EQ(rig.modem.commands(), (std::vector<std::string>{"ATZ", "ATD5551234", "+++", "ATH"}));
  // Silence before "+++" (our 120 ms guard), and ATH only after the modem's OK, which it
  // gives once its own 100 ms guard behind "+++" has passed.
  EXPECT_GE(rig.modem.silence_before_escape(), 100ms);
  EXPECT_GE(rig.modem.escape_to_hang_up(), 100ms);
  EXPECT_GE(took, 220ms);
}

TEST(DlmsSerialModemLink, OptionsAreChecked) {
  Runner runner;
  auto line = [&] {
    return std::make_unique<SerialLink>(runner.executor(),
                                        SerialLinkOptions{"/dev/null", 9600, {}});
  };
  auto no_phone = fast_options();
  no_phone.phone.clear();
  EXPECT_THROW(ModemLink(line(), no_phone), TransportError);
  auto no_init = fast_options();
  no_init.init.clear();
  EXPECT_THROW(ModemLink(line(), no_init), TransportError);
  EXPECT_THROW(ModemLink(nullptr, fast_options()), TransportError);
}

}  // namespace
}  // namespace jemhead::transport
