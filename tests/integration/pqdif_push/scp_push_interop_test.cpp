// The SCP push path with real servers (issue 6): a real OpenSSH sshd runs the deploy's own
// Match block (deploy/sshd-jemstar-push.conf.in: ForceCommand deploy/jemstar-push-shell,
// no TTY, no forwarding) for the current user, the real OpenSSH clients play the meter
// (scp in its default SFTP mode, legacy `scp -O`, `sftp -b`), and a real jemhead watches
// the drop directory. Key authentication stands in for the meters' password (no sshpass).
// Without root the Match block is the same; only the account differs.
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "tests/integration/pqdif_push/push_ingest.hpp"
#include "tests/integration/pqdif_push/run_tool.hpp"
#include "tests/integration/support/real_sshd.hpp"

namespace jemhead::testing {
namespace {

namespace fs = std::filesystem;

const std::string kDeploy = std::string(JEMHEAD_SOURCE_DIR) + "/deploy";

// The deploy template with this test's account, drop directory and the repository's shell.
std::string match_block(const std::string& user, const std::string& drop) {
  auto block = read_file(kDeploy + "/sshd-jemstar-push.conf.in");
  block = std::regex_replace(block, std::regex("@PUSH_USER@"), user);
  block = std::regex_replace(block, std::regex("@DROP@"), drop);
  return std::regex_replace(block, std::regex("@PUSH_SHELL@"), kDeploy + "/jemstar-push-shell");
}

std::string current_user() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw ? pw->pw_name : "";
}

class PqdifPushInteropScp : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!RealSshd::available(why)) GTEST_SKIP() << why;
    for (const char* tool : {"/usr/bin/scp", "/usr/bin/sftp", "/usr/bin/ssh"})
      if (!fs::exists(tool)) GTEST_SKIP() << tool << " is missing (Debian openssh-client)";
    fs::create_directories(drop);
    sshd = std::make_unique<RealSshd>(match_block(current_user(), drop.string()));
    write_file(local.file("known_hosts"), sshd->known_hosts_line());
  }

  // Options every client gets: this server's key only, no agent, no user config.
  std::vector<std::string> ssh_options(const std::string& port_flag) const {
    return {"-F",      "/dev/null",
            port_flag, std::to_string(sshd->port()),
            "-i",      sshd->client_key(),
            "-o",      "IdentitiesOnly=yes",
            "-o",      "BatchMode=yes",
            "-o",      "StrictHostKeyChecking=yes",
            "-o",      "UserKnownHostsFile=" + local.file("known_hosts")};
  }
  std::string remote(const std::string& path) const { return sshd->user() + "@127.0.0.1:" + path; }

  // A meter's file written locally under its meter name; returns the local path.
  std::string local_file(const std::string& name, const std::string& bytes) {
    fs::create_directories(local.file("meter"));
    const auto path = local.file("meter/" + name);
    write_file(path, bytes);
    return path;
  }

  ToolResult scp(std::vector<std::string> mode, const std::string& from, const std::string& to) {
    std::vector<std::string> argv{"/usr/bin/scp"};
    argv.insert(argv.end(), mode.begin(), mode.end());
    for (auto& o : ssh_options("-P")) argv.push_back(o);
    argv.push_back(from);
    argv.push_back(to);
    return run_tool(argv);
  }

  ToolResult sftp_batch(const std::string& commands) {
    write_file(local.file("batch"), commands);
    std::vector<std::string> argv{"/usr/bin/sftp", "-b", local.file("batch")};
    for (auto& o : ssh_options("-P")) argv.push_back(o);
    argv.push_back(sshd->user() + "@127.0.0.1");
    return run_tool(argv);
  }

  ToolResult ssh(const std::vector<std::string>& command,
                 const std::vector<std::string>& options = {}) {
    std::vector<std::string> argv{"/usr/bin/ssh"};
    for (auto& o : ssh_options("-p")) argv.push_back(o);
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back(sshd->user() + "@127.0.0.1");
    argv.insert(argv.end(), command.begin(), command.end());
    return run_tool(argv);
  }

  TempDir local;
  TempDir server_side;
  const fs::path drop = fs::path(server_side.path()) / "drop";
  std::unique_ptr<RealSshd> sshd;
};

TEST_F(PqdifPushInteropScp, ScpBothProtocolsAndSftpBatchUploadsAreEachStoredOnce) {
  PushIngest ingest(drop, "scp");
  std::map<std::string, std::string> sent;
  const auto send = [&](int i, const std::string& how) {
    sent[meter_file_name(i)] = meter_file_bytes(how);
    return local_file(meter_file_name(i), sent[meter_file_name(i)]);
  };

  // scp's default (SFTP protocol) into the login directory, which is the drop directory.
  auto r = scp({}, send(0, "scp-sftp"), remote(""));
  ASSERT_EQ(r.code, 0) << r.output << sshd->log();
  // Legacy SCP protocol, as embedded clients speak it; the path the meter names is
  // ignored, the file lands in the drop directory under its own name.
  r = scp({"-O"}, send(1, "scp-legacy"), remote("/var/tmp/" + meter_file_name(1)));
  ASSERT_EQ(r.code, 0) << r.output << sshd->log();
  r = scp({"-O"}, send(2, "scp-legacy-dot"), remote("."));
  ASSERT_EQ(r.code, 0) << r.output << sshd->log();
  // An sftp client that uploads under a temporary name and renames when complete.
  const auto path = send(3, "sftp-rename");
  r = sftp_batch("put " + path + " " + meter_file_name(3) + ".part\nrename " + meter_file_name(3) +
                 ".part " + meter_file_name(3) + "\n");
  ASSERT_EQ(r.code, 0) << r.output << sshd->log();
  r = sftp_batch("put " + send(4, "sftp") + "\n");
  ASSERT_EQ(r.code, 0) << r.output << sshd->log();

  ingest.expect_stored_once(sent);
  EXPECT_FALSE(fs::exists("/var/tmp/" + meter_file_name(1)));
  EXPECT_EQ(ingest.jemhead().stop(), 0);
}

// Legacy `scp -p` (preserve times) sets the file's time after closing it, a round trip
// later. When that lands while jemhead stores the file, the watcher sees a "change" that no
// close event follows; it looks at the file again once it has settled (drop_settle_ms) and
// moves it. A large file makes the window wide. (Before that fix the file stayed in the
// drop directory until the next start, in about 1 run of 3.)
TEST_F(PqdifPushInteropScp, LegacyScpPreservingTimesIsMovedAfterStoring) {
  PushIngest ingest(drop, "scp");
  std::string bytes;
  for (int i = 0; bytes.size() < 4'000'000; ++i) bytes += meter_file_bytes(std::to_string(i));
  const auto name = meter_file_name(9);
  const auto r = scp({"-O", "-p"}, local_file(name, bytes), remote("."));
  ASSERT_EQ(r.code, 0) << r.output << sshd->log();
  ingest.expect_stored_once({{name, bytes}});
}

TEST_F(PqdifPushInteropScp, PushAccountRefusesCommandsDownloadsAndDeletes) {
  write_file((drop / "secret.txt").string(), "not for meters");

  auto r = ssh({"id"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.output.find("only file uploads by SCP or SFTP are allowed"), std::string::npos)
      << r.output;
  r = ssh({"scp", "-t", "-r", "/tmp"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.output.find("scp option -r is not allowed"), std::string::npos) << r.output;
  // Legacy download (scp -f on the server).
  r = scp({"-O"}, remote((drop / "secret.txt").string()), local.file("got-legacy"));
  EXPECT_NE(r.code, 0) << r.output;
  EXPECT_FALSE(fs::exists(local.file("got-legacy")));
  // SFTP download, delete and mkdir: the server refuses the requests.
  r = sftp_batch("get " + (drop / "secret.txt").string() + " " + local.file("got-sftp") + "\n");
  EXPECT_NE(r.code, 0) << r.output;
  // (sftp creates the local file before the server refuses to read: it stays empty.)
  EXPECT_EQ(fs::exists(local.file("got-sftp")) ? read_file(local.file("got-sftp")) : "", "");
  EXPECT_NE(r.output.find("Permission denied"), std::string::npos) << r.output;
  r = sftp_batch("rm " + (drop / "secret.txt").string() + "\n");
  EXPECT_NE(r.code, 0) << r.output;
  r = sftp_batch("mkdir " + (drop / "sub").string() + "\n");
  EXPECT_NE(r.code, 0) << r.output;
  EXPECT_TRUE(fs::exists(drop / "secret.txt"));
  EXPECT_FALSE(fs::exists(drop / "sub"));
  // Forwarding is off: a local forward is refused by the server.
  r = ssh({}, {"-W", "127.0.0.1:" + std::to_string(sshd->port())});
  EXPECT_NE(r.code, 0) << r.output;
}

}  // namespace
}  // namespace jemhead::testing
