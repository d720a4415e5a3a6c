// The "sftp" driver against a real OpenSSH sshd (its internal sftp server) on loopback:
// listing only the regular *.pqd files with their sizes, streamed downloads equal to the
// served bytes, delete, and the security decisions: a host key must be known (strict),
// accept_new records an unknown key and then trusts it, a changed key is refused whatever
// the policy, an unauthorized login is access denied naming 'Read Power Quality'.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <fstream>

#include "drivers/protocol/pqdif_sftp/sftp_driver.hpp"
#include "tests/integration/support/real_sshd.hpp"
#include "tests/unit/pqdif_pull/session_calls.hpp"

namespace jemhead::testing {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using drivers::RemoteFile;
using drivers::Session;

using pull::close;
using pull::fetch;
using pull::list;
using pull::remove;
using pull::run;

asio::awaitable<std::unique_ptr<Session>> open_session(ConnectionProfile profile) {
  static const pqdif_sftp::SftpPullDriver driver;
  return pull::open_session(&driver, std::move(profile));
}

class SftpInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!RealSshd::available(why)) GTEST_SKIP() << why;
    sshd = std::make_unique<RealSshd>();
    write_file(sshd->file("known_hosts"), sshd->known_hosts_line());
  }

  ConnectionProfile profile(const std::string& extra = {}) const {
    ConnectionProfile p;
    p.name = "sftp";
    p.protocol = Protocol::sftp;
    p.host = "127.0.0.1";
    p.port = sshd->port();
    p.timeout_ms = 5000;
    p.options_json = R"({"username":")" + sshd->user() + R"(","private_key_file":")" +
                     sshd->client_key() + R"(","known_hosts_file":")" + sshd->file("known_hosts") +
                     R"(","directory":")" + sshd->files() + "\"" + extra + "}";
    return p;
  }

  std::string serve(const std::string& name, std::string bytes) {
    write_file(sshd->files() + "/" + name, bytes);
    return bytes;
  }

  std::unique_ptr<RealSshd> sshd;
  TempDir local;
};

TEST_F(SftpInterop, ListsFetchesAndDeletesRegularPqdFiles) {
  std::string big(2 * 1024 * 1024 + 5, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 131) ^ (i >> 9));
  serve("142300003_1454408745_133724_07.pqd", big);
  serve("142300003_1454408800_5_128.PQD", "upper-case extension");
  serve("readme.txt", "not a PQDIF file");
  fs::create_directories(sshd->files() + "/folder.pqd");  // a directory is no file

  auto session = run(open_session(profile(R"(,"delete_after_retrieval":true)")));
  const auto files = run(list(session.get()));
  ASSERT_EQ(files.size(), 2u) << sshd->log();
  EXPECT_EQ(files[0].name, "142300003_1454408745_133724_07.pqd");
  EXPECT_EQ(files[0].size, std::optional<std::uint64_t>(big.size()));
  EXPECT_TRUE(files[0].modified.has_value());
  EXPECT_EQ(files[1].name, "142300003_1454408800_5_128.PQD");
  EXPECT_EQ(files[1].size, std::optional<std::uint64_t>(20));

  run(fetch(session.get(), files[0], local.file("a.part")));
  run(fetch(session.get(), files[1], local.file("b.part")));
  EXPECT_EQ(read_file(local.file("a.part")), big);
  EXPECT_EQ(read_file(local.file("b.part")), "upper-case extension");
  EXPECT_EQ(session->bytes_transferred(), big.size() + 20);

  run(remove(session.get(), files[0]));
  EXPECT_FALSE(fs::exists(sshd->files() + "/" + files[0].name));
  EXPECT_TRUE(fs::exists(sshd->files() + "/" + files[1].name));
  EXPECT_EQ(run(list(session.get())).size(), 1u);
  run(close(session.get()));
}

TEST_F(SftpInterop, FileChangedSinceTheListingIsBadResponse) {
  serve("a_1_0_1.pqd", "12345");
  auto session = run(open_session(profile()));
  const auto files = run(list(session.get()));
  ASSERT_EQ(files.size(), 1u);
  serve("a_1_0_1.pqd", "1234567");  // still being written by the meter
  EXPECT_THROW(run(fetch(session.get(), files[0], local.file("a.part"))), drivers::BadResponse);
}

TEST_F(SftpInterop, DeleteRefusedUnlessTheProfileAllowsIt) {
  serve("a_1_0_1.pqd", "x");
  auto session = run(open_session(profile()));
  EXPECT_THROW(run(remove(session.get(), {"a_1_0_1.pqd", 1, {}})), drivers::Refused);
  EXPECT_TRUE(fs::exists(sshd->files() + "/a_1_0_1.pqd"));
}

TEST_F(SftpInterop, MissingDirectoryAndFileAreNotPresent) {
  auto p = profile();
  auto session = run(open_session(p));
  EXPECT_THROW(run(fetch(session.get(), {"gone_1_0_1.pqd", {}, {}}, local.file("g.part"))),
               drivers::NotPresent);
  p.options_json.replace(p.options_json.find(sshd->files()), sshd->files().size(),
                         sshd->files() + "/nowhere");
  auto elsewhere = run(open_session(p));
  EXPECT_THROW(run(list(elsewhere.get())), drivers::NotPresent);
}

TEST_F(SftpInterop, UnknownHostKeyIsRefusedWhenStrict) {
  write_file(sshd->file("known_hosts"), "");
  try {
    run(open_session(profile()));
    FAIL() << "logged in to an unknown host";
  } catch (const drivers::Refused& e) {
    EXPECT_NE(std::string(e.what()).find("not in known_hosts"), std::string::npos) << e.what();
  }
}

TEST_F(SftpInterop, AcceptNewRecordsTheKeyThenStrictTrustsIt) {
  write_file(sshd->file("known_hosts"), "");
  auto first = run(open_session(profile(R"(,"host_key_policy":"accept_new")")));
  run(close(first.get()));
  const auto recorded = read_file(sshd->file("known_hosts"));
  EXPECT_NE(recorded.find("[127.0.0.1]:" + std::to_string(sshd->port())), std::string::npos)
      << recorded;
  auto again = run(open_session(profile()));  // strict now finds it
  EXPECT_TRUE(run(list(again.get())).empty());
}

TEST_F(SftpInterop, ChangedHostKeyIsRefusedEvenWithAcceptNew) {
  write_file(sshd->file("known_hosts"), sshd->wrong_known_hosts_line());
  for (const std::string policy : {"", R"(,"host_key_policy":"accept_new")"}) {
    try {
      run(open_session(profile(policy)));
      FAIL() << "logged in despite a changed host key (" << policy << ")";
    } catch (const drivers::Refused& e) {
      EXPECT_NE(std::string(e.what()).find("differs from the one in known_hosts"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(read_file(sshd->file("known_hosts")), sshd->wrong_known_hosts_line());
}

TEST_F(SftpInterop, UnauthorizedKeyIsAccessDeniedNamingTheRight) {
  auto p = profile();
  p.options_json.replace(p.options_json.find(sshd->client_key()), sshd->client_key().size(),
                         sshd->stranger_key());
  try {
    run(open_session(p));
    FAIL() << "an unauthorized key logged in";
  } catch (const drivers::AccessDenied& e) {
    EXPECT_NE(std::string(e.what()).find("'Read Power Quality'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("user '" + sshd->user() + "'"), std::string::npos)
        << e.what();
  }
}

TEST_F(SftpInterop, NothingListeningIsConnectionFailed) {
  auto p = profile();
  const auto port = sshd->port();
  sshd.reset();  // stops sshd; its port is free again
  p.port = port;
  EXPECT_THROW(run(open_session(p)), drivers::ConnectionFailed);
}

}  // namespace
}  // namespace jemhead::testing
