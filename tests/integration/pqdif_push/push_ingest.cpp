#include "tests/integration/pqdif_push/push_ingest.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/digest/sha256.hpp"

namespace jemhead::testing {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

std::string meter_file_name(int i) {
  return "142300003_" + std::to_string(1454408745 + i) + "_133724_07.pqd";
}

std::string meter_file_bytes(const std::string& tag) {
  static const std::string sample =
      read_file(std::string(JEMHEAD_SOURCE_DIR) + "/tests/data/pqdif/secha-example.pqd");
  std::string bytes = sample;
  bytes += "#";
  bytes += tag;
  return bytes;
}

PushIngest::PushIngest(fs::path drop, std::string source)
    : drop_(std::move(drop)), source_(std::move(source)) {
  std::string extra =
      "fleet:\n"
      "  meters:\n"
      "    - {serial: \"142300003\", name: \"Feeder 3\"}\n"
      "pqdif:\n"
      "  drop_settle_ms: 200\n"
      "  drop_directories:\n"
      "    - {path: ";
  extra += drop_.string();
  extra += ", source: ";
  extra += source_;
  extra += ", after_ingest: move}\n";
  jemhead_ = std::make_unique<Jemhead>(dir_, daemon_config(dir_, extra));
}

std::map<std::string, json::object> PushIngest::rows() const {
  const auto reply = jemhead_->call("GET", "/api/v1/pqdif?limit=1000");
  if (reply.status != 200) throw std::runtime_error("GET /api/v1/pqdif: " + reply.body);
  std::map<std::string, json::object> rows;
  const auto body = reply.json();  // the range below refers into it
  for (const auto& item : body.at("items").as_array()) {
    const auto& o = item.as_object();
    const std::string name(o.at("file_name").as_string());
    if (rows.count(name)) ADD_FAILURE() << name << " stored more than once";
    rows[name] = o;
  }
  return rows;
}

void PushIngest::expect_stored_once(const std::map<std::string, std::string>& expected) {
  const auto all_moved = [&] {
    for (const auto& [name, bytes] : expected)
      if (!fs::exists(drop_ / "processed" / name) || fs::exists(drop_ / name)) return false;
    return rows().size() >= expected.size();
  };
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!all_moved() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  std::this_thread::sleep_for(300ms);  // a second (duplicate) row would show up by now

  const auto stored = rows();
  EXPECT_EQ(stored.size(), expected.size()) << jemhead_->process().log();
  for (const auto& [name, bytes] : expected) {
    const auto it = stored.find(name);
    if (it == stored.end()) {
      ADD_FAILURE() << name << " not stored\n" << jemhead_->process().log();
      continue;
    }
    const auto& row = it->second;
    EXPECT_EQ(row.at("sha256").as_string(), digest::sha256_hex(bytes)) << name;
    EXPECT_EQ(row.at("size_bytes").as_int64(), static_cast<std::int64_t>(bytes.size())) << name;
    EXPECT_EQ(row.at("meter_serial"), json::value("142300003")) << name;
    EXPECT_EQ(row.at("source"), json::value(source_)) << name;
    EXPECT_EQ(read_file((drop_ / "processed" / name).string()), bytes) << name;
    EXPECT_FALSE(fs::exists(drop_ / name)) << name << " left in the drop directory";
  }
}

}  // namespace jemhead::testing
