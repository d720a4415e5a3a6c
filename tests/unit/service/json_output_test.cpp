// JSON written by the daemon itself: escaped strings, the ready file and JSON log lines.
#include <gtest/gtest.h>
#include <spdlog/details/log_msg.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/json_log_formatter.hpp"
#include "service/json_text.hpp"
#include "service/logging.hpp"
#include "service/ready_file.hpp"

namespace jemhead::service {
namespace {

TEST(ServiceJsonText, EscapesControlCharactersAndKeepsValidUtf8) {
  EXPECT_EQ(json_string("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
  EXPECT_EQ(json_string("Zähler"), "\"Zähler\"");
  // Invalid UTF-8 (lone continuation byte, truncated sequence, overlong) becomes U+FFFD.
  EXPECT_EQ(json_string("x\x80y"), R"("x\ufffdy")");
  EXPECT_EQ(json_string("\xE2\x82"), R"("\ufffd\ufffd")");
  EXPECT_EQ(json_string("\xC0\xAF"), R"("\ufffd\ufffd")");
  // Whatever comes in, the output parses as JSON.
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  EXPECT_NO_THROW(boost::json::parse(json_string(all)));
}

TEST(ServiceReadyFile, WritesParsableJsonAtomicallyAndRemovesIt) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jemhead-ready-" + std::to_string(::getpid()));
  const auto path = dir / "sub" / "jemhead.ready";
  write_ready_file(path, ready_file_json(42, "0.1.0", {"http://127.0.0.1:1", "http://[::1]:2"}));
  std::ifstream in(path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  auto doc = boost::json::parse(text).as_object();
  EXPECT_EQ(doc.at("pid").as_int64(), 42);
  EXPECT_EQ(doc.at("version").as_string(), "0.1.0");
  ASSERT_EQ(doc.at("api").as_array().size(), 2u);
  EXPECT_EQ(doc.at("api").as_array()[1].as_string(), "http://[::1]:2");
  // No temporary file is left beside it.
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);
  remove_ready_file(path);
  EXPECT_FALSE(std::filesystem::exists(path));
  remove_ready_file(path);  // a second removal is harmless
  std::filesystem::remove_all(dir);
}

TEST(ServiceJsonLog, OneObjectPerLineWithTimestampLevelLoggerAndMessage) {
  JsonLogFormatter formatter;
  spdlog::details::log_msg msg(spdlog::source_loc{}, "service", spdlog::level::warn,
                               "bind \"x\"\nfailed");
  msg.time =
      std::chrono::system_clock::time_point(std::chrono::microseconds(1'700'000'000'123'456));
  spdlog::memory_buf_t buf;
  formatter.format(msg, buf);
  const std::string line(buf.data(), buf.size());
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "exactly one line";
  auto doc = boost::json::parse(line).as_object();
  EXPECT_EQ(doc.at("ts").as_string(), "2023-11-14T22:13:20.123456Z");
  EXPECT_EQ(doc.at("level").as_string(), "warn");
  EXPECT_EQ(doc.at("logger").as_string(), "service");
  EXPECT_EQ(doc.at("msg").as_string(), "bind \"x\"\nfailed");
  EXPECT_NE(formatter.clone(), nullptr);
}

TEST(ServiceLogSafe, ControlCharactersCannotForgeLogLines) {
  EXPECT_EQ(log_safe("/api/v1/meters\n2026-01-01 info fake"),
            "/api/v1/meters?2026-01-01 info fake");
  EXPECT_EQ(log_safe("abcdef", 3), "abc...");
  EXPECT_EQ(log_safe("Zähler"), "Zähler");
}

}  // namespace
}  // namespace jemhead::service
