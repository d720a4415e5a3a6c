// Stopping the collection engine while a job is connecting to a meter that never answers,
// through the real DLMS driver over TCP: the job is cancelled quietly. Nothing escapes
// io_context::run (a cancellation exception there stops the daemon's I/O thread), the job
// ends at once rather than after stop()'s cancel grace, and nothing is recorded against
// the meter (the restart runs the job again). The meter is a loopback listener: one that
// takes the connection and stays mute (the job waits in the association), and one whose
// accept queue is full (the job waits in the TCP connect, its SYNs unanswered).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <exception>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "drivers/builtin_drivers.hpp"
#include "engine/collection_engine.hpp"
#include "storage/repository.hpp"

namespace jemhead::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
  const auto until = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

// A TCP listener on 127.0.0.1 that never says a word. With a zero backlog and one
// connection of its own left unaccepted, its accept queue is full and the kernel drops
// every further SYN: a client then waits in connect().
class MuteListener {
 public:
  explicit MuteListener(int backlog) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(fd_, backlog) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
  }
  ~MuteListener() {
    for (int fd : {accepted_, filler_, fd_})
      if (fd >= 0) ::close(fd);
  }
  MuteListener(const MuteListener&) = delete;
  MuteListener& operator=(const MuteListener&) = delete;

  std::uint16_t port() const { return port_; }

  // Connects to itself and leaves the connection in the accept queue.
  void fill_accept_queue() {
    filler_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port_);
    if (filler_ < 0 || ::connect(filler_, reinterpret_cast<sockaddr*>(&address), sizeof address))
      throw std::runtime_error("cannot fill the accept queue");
  }

  // Takes the next connection and waits for the client's first bytes (it then waits for
  // an answer that never comes). False when none came within `limit`.
  bool accept_first_request(std::chrono::milliseconds limit) {
    pollfd listening{fd_, POLLIN, 0};
    if (::poll(&listening, 1, static_cast<int>(limit.count())) != 1) return false;
    accepted_ = ::accept(fd_, nullptr, nullptr);
    if (accepted_ < 0) return false;
    pollfd client{accepted_, POLLIN, 0};
    if (::poll(&client, 1, static_cast<int>(limit.count())) != 1) return false;
    char bytes[512];
    return ::recv(accepted_, bytes, sizeof bytes, 0) > 0;
  }

  // A client socket of this host waits in SYN_SENT towards this listener.
  bool has_connect_waiting() const {
    std::ifstream table("/proc/net/tcp");
    std::string line;
    std::getline(table, line);  // header
    while (std::getline(table, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state;
      fields >> slot >> local >> remote >> state;
      const auto colon = remote.find(':');
      if (colon == std::string::npos || state != "02") continue;  // 02: SYN_SENT
      if (std::stoul(remote.substr(colon + 1), nullptr, 16) == port_) return true;
    }
    return false;
  }

 private:
  int fd_ = -1;
  int filler_ = -1;
  int accepted_ = -1;
  std::uint16_t port_ = 0;
};

class EngineStopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    drivers::register_builtin_drivers(drivers_);
    io_thread_ = std::thread([this] {
      try {
        io_.run();
      } catch (...) {
        escaped_ = std::current_exception();
      }
      run_returned_ = true;
    });
  }
  void TearDown() override {
    if (engine_) engine_->stop(0ms);
    engine_.reset();
    work_.reset();
    io_.stop();
    io_thread_.join();
    repo_->close();
  }

  void start_engine() {
    engine::EngineOptions options;
    options.enabled = false;  // run-now only
    engine_ =
        std::make_shared<engine::CollectionEngine>(*repo_, drivers_, io_.get_executor(), options);
    engine_->start();
  }

  // A meter whose DLMS profile (IEC 62056-47 wrapper over TCP) points at `port`; its
  // timeouts are far longer than the test, so only the stop ends the job.
  std::int64_t add_meter(std::uint16_t port, std::uint32_t retries) {
    Meter m;
    m.serial = "60000001";
    m.name = "mute meter";
    meter_ = repo_->insert_meter(m);
    ConnectionProfile p;
    p.meter_id = meter_;
    p.name = "ethernet";
    p.protocol = Protocol::dlms;
    p.transport = Transport::tcp;
    p.host = "127.0.0.1";
    p.port = port;
    p.retries = retries;
    p.retry_delay_s = 0;
    p.timeout_ms = 120000;
    p.is_default = true;
    p.options_json = R"({"client":"reader","password":"12345678"})";
    repo_->insert_connection(p);
    return meter_;
  }

  // Stops the engine with `grace` and checks the `jobs` ended quietly: stop() returned well
  // before its cancel grace (5 s) ran out, run() neither threw nor kept work, the job is
  // finished and nothing was recorded for the meter.
  void stop_and_expect_quiet_cancel(std::chrono::milliseconds grace, std::uint64_t jobs = 1) {
    const auto before = Clock::now();
    engine_->stop(grace);
    const auto took = Clock::now() - before;
    EXPECT_LT(took, grace + 2s) << "the cancelled job did not end";

    const auto status = engine_->status();
    EXPECT_EQ(status.running, 0u);
    EXPECT_EQ(status.jobs_finished, jobs);
    EXPECT_EQ(status.sessions_total, 0u);

    // With the engine stopped nothing is left on the I/O context: run() returns by itself.
    work_.reset();
    EXPECT_TRUE(eventually([&] { return run_returned_.load(); }, 5s))
        << "io_context::run kept work after the engine stopped";
    if (escaped_) {
      try {
        std::rethrow_exception(escaped_);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "io_context::run threw: " << e.what();
      } catch (...) {
        ADD_FAILURE() << "io_context::run threw a non-std exception";
      }
    }

    storage::JobFilter filter;
    filter.meter_id = meter_;
    EXPECT_TRUE(repo_->job_runs(filter, {0, 100}).empty()) << "a cancelled job was recorded";
    EXPECT_FALSE(repo_->meter_health(meter_).has_value()) << "shutdown counted as a failure";
  }

  std::unique_ptr<storage::Repository> repo_;
  drivers::DriverRegistry drivers_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      io_.get_executor()};
  std::thread io_thread_;
  std::exception_ptr escaped_;  // written by the I/O thread before run_returned_
  std::atomic<bool> run_returned_{false};
  std::shared_ptr<engine::CollectionEngine> engine_;
  std::int64_t meter_ = 0;
};

TEST_F(EngineStopTest, StopWithoutGraceDuringAssociationCancelsTheJobQuietly) {
  MuteListener meter(8);
  add_meter(meter.port(), 0);
  start_engine();
  engine_->run_now({meter_}, {engine::JobKind::registers});
  ASSERT_TRUE(meter.accept_first_request(10s)) << "the job never sent its AARQ";
  stop_and_expect_quiet_cancel(0ms);
}

TEST_F(EngineStopTest, StopWithShortGraceDuringAssociationCancelsTheJobQuietly) {
  MuteListener meter(8);
  add_meter(meter.port(), 0);
  start_engine();
  engine_->run_now({meter_}, {engine::JobKind::registers});
  ASSERT_TRUE(meter.accept_first_request(10s)) << "the job never sent its AARQ";
  stop_and_expect_quiet_cancel(50ms);
}

TEST_F(EngineStopTest, StopWithoutGraceDuringTcpConnectCancelsTheJobQuietly) {
  MuteListener meter(0);
  meter.fill_accept_queue();
  add_meter(meter.port(), 0);
  start_engine();
  engine_->run_now({meter_}, {engine::JobKind::registers});
  ASSERT_TRUE(eventually([&] { return meter.has_connect_waiting(); }))
      << "the job never started connecting";
  stop_and_expect_quiet_cancel(0ms);
}

// With attempts left, the cancelled connect must not lead to another attempt.
TEST_F(EngineStopTest, StopWithoutGraceWithRetriesLeftCancelsTheJobQuietly) {
  MuteListener meter(8);
  add_meter(meter.port(), 3);
  start_engine();
  engine_->run_now({meter_}, {engine::JobKind::registers});
  ASSERT_TRUE(meter.accept_first_request(10s)) << "the job never sent its AARQ";
  stop_and_expect_quiet_cancel(0ms);
}

// Stopped at once, the job is usually still loading its meter on the engine's blocking
// pool: a cancelled read that never suspended used to throw out of the pool thread
// (std::terminate, the test process aborted). Many rounds, each with a new engine.
TEST_F(EngineStopTest, StopWithoutGraceRightAfterRunNowCancelsTheJobQuietly) {
  MuteListener meter(64);
  add_meter(meter.port(), 0);
  for (int round = 0; round < 30; ++round) {
    start_engine();
    engine_->run_now({meter_}, {engine::JobKind::registers});
    const auto before = Clock::now();
    engine_->stop(0ms);
    EXPECT_LT(Clock::now() - before, 2s) << "round " << round;
    EXPECT_EQ(engine_->status().running, 0u) << "round " << round;
    EXPECT_EQ(engine_->status().jobs_finished, 1u) << "round " << round;
    engine_.reset();
  }
  start_engine();
  stop_and_expect_quiet_cancel(0ms, 0);
}

}  // namespace
}  // namespace jemhead::testing
