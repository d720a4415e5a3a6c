// The FTP push path with real servers (issue 6): a real vsftpd (tests' RealVsftpd, the
// deploy's restrictions) receives files from curl playing the meter, in passive and active
// mode, and a real jemhead watches the drop directory. A large file written slowly (curl
// --limit-rate) is stored once, complete, only after the upload closed it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "core/digest/sha256.hpp"
#include "tests/integration/pqdif_push/push_ingest.hpp"
#include "tests/integration/pqdif_push/real_vsftpd.hpp"
#include "tests/integration/pqdif_push/run_tool.hpp"

namespace jemhead::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kCurl = "/usr/bin/curl";

class PqdifPushInteropFtp : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!RealVsftpd::available(why)) GTEST_SKIP() << why;
    if (::access(kCurl, X_OK) != 0) GTEST_SKIP() << "/usr/bin/curl is missing (Debian curl)";
    ftpd = std::make_unique<RealVsftpd>();
  }

  std::vector<std::string> curl(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{kCurl,        "-sS",        "--fail", "--user",
                                  "anonymous:", "--max-time", "60"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  std::string local_file(const std::string& name, const std::string& bytes) const {
    const auto path = local.file(name);
    write_file(path, bytes);
    return path;
  }

  TempDir local;
  std::unique_ptr<RealVsftpd> ftpd;
};

TEST_F(PqdifPushInteropFtp, PassiveAndActiveUploadsAreEachStoredOnce) {
  PushIngest ingest(ftpd->drop(), "ftp");
  std::map<std::string, std::string> sent;
  for (int i = 0; i < 4; ++i) {
    const auto name = meter_file_name(i);
    sent[name] = meter_file_bytes("ftp-" + std::to_string(i));
    std::vector<std::string> args{"-T", local_file(name, sent[name]), ftpd->url(name)};
    if (i % 2 == 1) args.insert(args.begin(), {"--ftp-port", "127.0.0.1"});  // active mode
    const auto r = run_tool(curl(args));
    ASSERT_EQ(r.code, 0) << r.output << ftpd->log();
  }
  ingest.expect_stored_once(sent);

  // Upload only: the server refuses to hand a file back or delete one.
  const auto name = meter_file_name(0);
  auto r = run_tool(curl({"-o", local.file("back"), ftpd->url("processed/" + name)}));
  EXPECT_NE(r.code, 0) << r.output;
  EXPECT_FALSE(fs::exists(local.file("back")));
  r = run_tool(curl({"-Q", "DELE /drop/processed/" + name, ftpd->url("")}));
  EXPECT_NE(r.code, 0) << r.output;
  EXPECT_TRUE(fs::exists(fs::path(ftpd->drop()) / "processed" / name));
  EXPECT_EQ(ingest.jemhead().stop(), 0);
}

TEST_F(PqdifPushInteropFtp, SlowLargeUploadIsStoredOnceCompleteAfterClose) {
  PushIngest ingest(ftpd->drop(), "ftp");
  const auto name = meter_file_name(7);
  std::string bytes;
  for (int i = 0; bytes.size() < 1'200'000; ++i) bytes += meter_file_bytes(std::to_string(i));
  const auto path = local_file(name, bytes);

  // About 4 s on the wire: jemhead sees the file grow for a while before it is closed.
  TempDir out;
  Process upload(curl({"--limit-rate", "300k", "-T", path, ftpd->url(name)}), out.file("curl.log"));
  const auto partial = fs::path(ftpd->drop()) / name;
  int polls_while_growing = 0;
  while (upload.running()) {
    std::error_code ec;
    if (fs::exists(partial, ec) && fs::file_size(partial, ec) > 0) {
      ++polls_while_growing;
      EXPECT_EQ(ingest.rows().count(name), 0u) << "stored before the upload finished";
    }
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(upload.wait(1s), std::optional<int>(0)) << upload.log() << ftpd->log();
  EXPECT_GE(polls_while_growing, 5) << "the upload was not slow enough to test anything";

  ingest.expect_stored_once({{name, bytes}});
  EXPECT_EQ(ingest.rows().at(name).at("sha256").as_string(), digest::sha256_hex(bytes));
  EXPECT_EQ(ingest.jemhead().stop(), 0);
}

}  // namespace
}  // namespace jemhead::testing
