// PQDIF push end to end (issue 6, "Tests"): jemsim's meters push their files by "SCP" (SFTP
// to a real OpenSSH sshd, key authentication) and by FTP (a real pyftpdlib server) into a
// real jemhead's drop directory; jemhead stores exactly the files the simulator's truth
// says were pushed, byte for byte, each parsed with the truth's observation count. A meter
// whose server refuses connections logs the failure and keeps retrying.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "tests/integration/pqdif_push_e2e/push_e2e_rig.hpp"
#include "tests/integration/pqdif_push_e2e/pyftpd.hpp"
#include "tests/integration/support/real_sshd.hpp"

namespace jemhead::testing::pqdif_push {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// A loopback port bound but not listening: connecting to it is refused, and no other
// process can take it while the test runs.
class RefusingPort {
 public:
  RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("cannot bind a loopback port");
    port_ = ntohs(a.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_;
  std::uint16_t port_ = 0;
};

class PqdifPushEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(drop); }

  // Nothing left in the drop directory but jemhead's processed/ (no .part leftovers).
  void expect_drop_empty() const {
    for (const auto& entry : fs::directory_iterator(drop))
      EXPECT_EQ(entry.path().filename(), "processed") << entry.path();
  }

  TempDir dir;
  const std::string drop = dir.file("drop");
};

std::string scp_push(const RealSshd& sshd, const std::string& drop) {
  std::string push = "protocol: scp, host: 127.0.0.1, port: ";
  push += std::to_string(sshd.port());
  push += ", username: " + sshd.user() + ", private_key_file: " + sshd.client_key();
  push += ", directory: " + drop;
  return push;
}

// Every meter writes its files with their final names (what a JEMStar most plausibly does).
// The meter's Test button sends a sample file now; then every meter's pushed files (and
// that sample) are what jemhead stored from `source`.
void press_test_then_expect_every_push_stored(Jemsim& sim, Jemhead& head, const std::string& tested,
                                              const std::string& source) {
  const auto r = sim.call("POST", "/meters/" + tested + "/pqdif/push-test");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(r.json().at("sent").as_bool()) << r.body;
  std::size_t files = 0;
  for (const auto& serial : kSerials) {
    const auto t = wait_pushed(sim, serial);
    const auto expected = expected_files(t);
    files += expected.size();
    expect_stored(head, serial, expected, source);
  }
  EXPECT_GE(files, 3u * 5u);  // event, measurement-log and daily files for every meter
}

TEST_F(PqdifPushEndToEnd, ScpPushesReachJemheadExactlyAsTheMetersWroteThem) {
  std::string why;
  if (!RealSshd::available(why)) GTEST_SKIP() << why;
  RealSshd sshd;
  RefusingPort refusing;
  Jemhead head(dir, head_config(dir, drop, "scp"));
  std::string dead = "    - {serial: \"71000009\", pqdif: {mode: single, push: {port: ";
  dead += std::to_string(refusing.port());
  dead += ", retry_initial_ms: 50, retry_max_ms: 200}}}\n";
  Jemsim sim(dir, sim_fleet(scp_push(sshd, drop), dead, false));
  make_files(sim);
  // The Test button: a sample file, sent now.
  press_test_then_expect_every_push_stored(sim, head, "71000001", "scp");
  expect_drop_empty();

  // The meter whose server refuses: every file logged with the reason, none pushed, and
  // retried with backoff (50, 100, 200, 200 ms...).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  auto t = truth(sim, "71000009");
  while (t.at("files").as_array().back().at("push_attempts").as_int64() < 3 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    t = truth(sim, "71000009");
  }
  ASSERT_FALSE(t.at("files").as_array().empty());
  for (const auto& f : t.at("files").as_array()) {
    EXPECT_TRUE(f.at("pushed_at").is_null()) << f;
    ASSERT_TRUE(f.at("push_error").is_string()) << f;
    EXPECT_NE(std::string(f.at("push_error").as_string()).find("connect"), std::string::npos) << f;
  }
  EXPECT_GE(t.at("files").as_array().back().at("push_attempts").as_int64(), 3)
      << json::serialize(t.at("push"));
  auto r = sim.call("POST", "/meters/71000009/pqdif/push-test");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().at("sent").as_bool());
  EXPECT_TRUE(r.json().at("push_error").is_string());
}

// upload_then_rename over SFTP: OpenSSH's sftp-server renames a regular file with link(2)
// then unlink(2), so the final name appears as a hard link (inotify IN_CREATE), neither a
// close after writing nor a rename into the directory. jemhead's drop watcher takes a name
// created already holding bytes once it has settled.
TEST_F(PqdifPushEndToEnd, ScpUploadThenRenameLandsByHardLink) {
  std::string why;
  if (!RealSshd::available(why)) GTEST_SKIP() << why;
  RealSshd sshd;
  Jemhead head(dir, head_config(dir, drop, "scp"));
  Jemsim sim(dir, sim_fleet(scp_push(sshd, drop), {}, true));
  make_files(sim);
  const auto t = wait_pushed(sim, "71000003");
  expect_stored(head, "71000003", expected_files(t), "scp", std::chrono::seconds(20));
  expect_drop_empty();
}

TEST_F(PqdifPushEndToEnd, FtpPushesReachJemheadExactlyAsTheMetersWroteThem) {
  std::string why;
  if (!PyFtpd::available(why)) GTEST_SKIP() << why;
  PyFtpd ftpd(drop, "meter", "Ftp-push 9", dir.file("ftpd.log"));
  Jemhead head(dir, head_config(dir, drop, "ftp"));
  std::string push = "protocol: ftp, host: 127.0.0.1, port: ";
  push += std::to_string(ftpd.port());
  push += ", username: meter, password: \"Ftp-push 9\"";
  Jemsim sim(dir, sim_fleet(push));
  make_files(sim);
  press_test_then_expect_every_push_stored(sim, head, "71000002", "ftp");
  expect_drop_empty();
}

}  // namespace
}  // namespace jemhead::testing::pqdif_push
