// The stored PQDIF files REST (issue 6): upload, list with filters, metadata, download.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/digest/sha256.hpp"
#include "storage/file_store.hpp"
#include "tests/unit/api/api_fixture.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

constexpr const char* kName = "142300003_1454408745_133724_07.pqd";

// Bytes a text-only path would mangle: NULs, CR/LF, high bytes.
std::string binary_content(std::size_t n, unsigned seed) {
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((i * 131 + seed * 7) % 256);
  return out;
}

class PqdifApiTest : public ApiTest {
 protected:
  void configure(api::ApiOptions& options) override {
    files_ = std::make_shared<storage::FileStore>(dir_.file("pqdif"));
    options.pqdif_files = files_;
  }

  Reply upload(const std::string& query, const std::string& bytes,
               const std::string& token = kOperator) {
    return call("POST", "/api/v1/pqdif?" + query, token, bytes, "application/octet-stream");
  }
  // Uploads and returns the new file's id (asserting 201).
  std::int64_t uploaded(const std::string& name, const std::string& bytes) {
    auto r = upload("name=" + name, bytes);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  std::vector<std::int64_t> listed(const std::string& query) {
    auto r = call("GET", "/api/v1/pqdif" + query, kViewer);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::int64_t> ids;
    if (r.status != 200) return ids;
    const auto body = r.json();  // kept alive: the loop walks into it
    for (const auto& item : body.at("items").as_array()) ids.push_back(item.at("id").as_int64());
    return ids;
  }
  std::size_t uploads_audited() {
    std::size_t n = 0;
    for (const auto& e : repo_->audit({}, storage::Page{0, 1000})) n += e.action == "pqdif.upload";
    return n;
  }

  storage::testing::TempDir dir_;
  std::shared_ptr<storage::FileStore> files_;
};

using Ids = std::vector<std::int64_t>;
using PqdifApiUpload = PqdifApiTest;
using PqdifApiList = PqdifApiTest;
using PqdifApiDownload = PqdifApiTest;

TEST_F(PqdifApiUpload, UploadThenListMetadataAndDownloadTheSameBytes) {
  const auto meter = create_meter(R"({"serial":"142300003"})");
  const auto bytes = binary_content(5000, 1);
  const auto r = upload(std::string("name=") + kName, bytes);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto file = r.json().as_object();
  const auto id = file.at("id").as_int64();
  EXPECT_EQ(r.header("location"), "/api/v1/pqdif/" + std::to_string(id));
  EXPECT_EQ(file.at("meter_id").as_int64(), meter);
  EXPECT_EQ(file.at("meter_serial").as_string(), "142300003");
  EXPECT_EQ(file.at("name_serial").as_string(), "142300003");
  EXPECT_EQ(file.at("file_name").as_string(), kName);
  EXPECT_EQ(file.at("sha256").as_string(), digest::sha256_hex(bytes));
  EXPECT_EQ(file.at("size_bytes").as_int64(), 5000);
  EXPECT_EQ(file.at("data_type").as_int64(), 7);
  EXPECT_EQ(json::serialize(file.at("data_type_names")),
            R"(["sag_swell","waveform_capture","high_speed_rms"])");
  EXPECT_EQ(file.at("file_time").as_string(), "2016-02-02T10:25:45.133724Z");
  EXPECT_EQ(file.at("source").as_string(), "upload");
  EXPECT_EQ(file.at("parse_status").as_string(), "pending");
  EXPECT_EQ(file.at("parse_error").as_string(), "");
  EXPECT_TRUE(file.at("compressed").is_null());
  EXPECT_TRUE(file.at("observation_count").is_null());
  EXPECT_TRUE(file.at("first_observation").is_null());
  EXPECT_TRUE(file.at("last_observation").is_null());
  EXPECT_EQ(file.at("download").as_string(), "/api/v1/pqdif/" + std::to_string(id) + "/download");
  EXPECT_TRUE(parse_iso8601(file.at("received_at").as_string()));

  const auto one = call("GET", "/api/v1/pqdif/" + std::to_string(id), kViewer);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json(), r.json());
  const auto list = call("GET", "/api/v1/pqdif", kViewer);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.json().at("items").at(0), r.json());
  EXPECT_TRUE(list.json().at("next_after").is_null());

  const auto got = call("GET", "/api/v1/pqdif/" + std::to_string(id) + "/download", kViewer);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, bytes);
  EXPECT_EQ(got.header("content-type"), "application/octet-stream");
  EXPECT_EQ(got.header("etag"), "\"" + digest::sha256_hex(bytes) + "\"");
  EXPECT_EQ(got.header("content-disposition"),
            std::string("attachment; filename=\"") + kName + "\"");
  EXPECT_EQ(uploads_audited(), 1u);
  // The bytes are on disk under their hash.
  EXPECT_EQ(files_->read(digest::sha256_hex(bytes)), bytes);
}

TEST_F(PqdifApiUpload, TheSameFileAgainAnswersTheStoredOne) {
  create_meter(R"({"serial":"142300003"})");
  const auto id = uploaded(kName, "first content");
  const auto again = upload(std::string("name=") + kName, "first content");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("id").as_int64(), id);
  EXPECT_EQ(again.header("location"), "");
  EXPECT_EQ(uploads_audited(), 1u);  // nothing changed the second time
  // Other content under the same name is another file.
  const auto changed = upload(std::string("name=") + kName, "second content");
  EXPECT_EQ(changed.status, 201);
  EXPECT_NE(changed.json().at("id").as_int64(), id);
  EXPECT_EQ(listed("").size(), 2u);
}

TEST_F(PqdifApiUpload, MeterByTheSerialInTheNameOrAsGivenOrNone) {
  const auto unknown = upload("name=999900001_1454408745_5_1.pqd", "orphan");
  ASSERT_EQ(unknown.status, 201) << unknown.body;
  EXPECT_TRUE(unknown.json().at("meter_id").is_null());
  EXPECT_TRUE(unknown.json().at("meter_serial").is_null());
  EXPECT_EQ(unknown.json().at("name_serial").as_string(), "999900001");

  const auto meter = create_meter(R"({"serial":"ELSEWHERE"})");
  const auto given = upload("name=capture.pqd&meter=" + std::to_string(meter), "given");
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(given.json().at("meter_id").as_int64(), meter);
  EXPECT_TRUE(given.json().at("name_serial").is_null());  // not the meter's naming
  EXPECT_TRUE(given.json().at("data_type").is_null());
  EXPECT_EQ(given.json().at("data_type_names").as_array().size(), 0u);
  EXPECT_TRUE(given.json().at("file_time").is_null());

  const auto no_meter = upload("name=x.pqd&meter=99999", "x");
  EXPECT_EQ(no_meter.status, 422) << no_meter.body;
  EXPECT_EQ(no_meter.error_fields(), std::vector<std::string>{"meter"});
}

TEST_F(PqdifApiUpload, BadUploadsAreRefusedAndStoreNothing) {
  EXPECT_EQ(upload("", "bytes").status, 400);                        // no name
  EXPECT_EQ(upload("name=", "bytes").status, 400);                   // empty name
  EXPECT_EQ(upload("name=..%2Fetc%2Fpasswd", "bytes").status, 400);  // a path
  EXPECT_EQ(upload("name=a%5Cb.pqd", "bytes").status, 400);          // backslash
  EXPECT_EQ(upload("name=..", "bytes").status, 400);
  EXPECT_EQ(upload("name=" + std::string(256, 'a'), "bytes").status, 400);
  EXPECT_EQ(upload(std::string("name=") + kName, "").status, 400);  // no bytes
  EXPECT_EQ(upload(std::string("name=") + kName + "&colour=red", "b").status, 400);
  EXPECT_EQ(upload(std::string("name=") + kName + "&meter=abc", "b").status, 422);
  EXPECT_TRUE(listed("").empty());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_.file("pqdif") + "/objects"),
                          std::filesystem::directory_iterator{}),
            0);
}

TEST_F(PqdifApiUpload, ADiskFailureIsNamedAsTheFileStoreAndStoresNothing) {
  // The store's temporary directory replaced by a file: every put fails (even for root,
  // which permissions would not stop).
  const auto tmp = dir_.file("pqdif") + "/tmp";
  std::filesystem::remove_all(tmp);
  { std::ofstream(tmp) << "not a directory"; }
  const auto r = upload(std::string("name=") + kName, "bytes");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("file store"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("database"), std::string::npos) << r.body;
  EXPECT_TRUE(listed("").empty());
  EXPECT_EQ(uploads_audited(), 0u);
}

TEST_F(PqdifApiUpload, OnlyOperatorsUpload) {
  const auto viewer = upload(std::string("name=") + kName, "bytes", kViewer);
  EXPECT_EQ(viewer.status, 403);
  EXPECT_EQ(upload(std::string("name=") + kName, "bytes", "").status, 401);
  EXPECT_TRUE(listed("").empty());
  EXPECT_EQ(upload(std::string("name=") + kName, "bytes", kAdmin).status, 201);
  EXPECT_EQ(call("GET", "/api/v1/pqdif", "").status, 401);
}

TEST_F(PqdifApiList, FiltersAndPagesNewestFirst) {
  const auto m1 = create_meter(R"({"serial":"M1"})");
  create_meter(R"({"serial":"M2"})");
  const auto a = uploaded("M1_1600000000_0_1.pqd", "a");    // sag/swell
  const auto b = uploaded("M1_1600000100_0_06.pqd", "b");   // WFC + HSRMS
  const auto c = uploaded("M2_1600000200_0_08.pqd", "c");   // measurement log
  const auto d = uploaded("M2_1600000300_0_128.pqd", "d");  // daily
  const auto e = uploaded("unnamed.bin", "e");              // no type, no time

  EXPECT_EQ(listed(""), (Ids{e, d, c, b, a}));
  EXPECT_EQ(listed("?meter=" + std::to_string(m1)), (Ids{b, a}));
  EXPECT_EQ(listed("?type=6"), (Ids{b}));
  EXPECT_EQ(listed("?type=waveform_capture,measurement_log"), (Ids{c, b}));
  EXPECT_EQ(listed("?type=daily"), (Ids{d}));
  EXPECT_EQ(listed("?from=2020-09-13T12:28:20Z&to=2020-09-13T12:31:40Z"), (Ids{c, b}));
  EXPECT_EQ(listed("?from=2000-01-01T00:00:00Z"), (Ids{d, c, b, a}));  // e has no time
  EXPECT_EQ(listed("?source=upload&status=pending"), (Ids{e, d, c, b, a}));
  EXPECT_EQ(listed("?source=sftp"), Ids{});
  EXPECT_EQ(listed("?name=M2_1600000200_0_08.pqd"), (Ids{c}));

  const auto first = call("GET", "/api/v1/pqdif?limit=2", kViewer).json();
  EXPECT_EQ(first.at("items").as_array().size(), 2u);
  EXPECT_EQ(first.at("next_after").as_int64(), d);
  EXPECT_EQ(listed("?limit=2&after=" + std::to_string(d)), (Ids{c, b}));
  EXPECT_EQ(listed("?limit=2&after=" + std::to_string(b)), (Ids{a}));
}

TEST_F(PqdifApiList, BadFiltersAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {"?type=0", "type"},         {"?type=sags", "type"},
      {"?type=daily,", "type"},    {"?source=usb", "source"},
      {"?status=done", "status"},  {"?meter=0", "meter"},
      {"?from=yesterday", "from"}, {"?from=2021-01-02T00:00:00Z&to=2021-01-01T00:00:00Z", "to"},
  };
  for (const auto& [query, field] : cases) {
    const auto r = call("GET", std::string("/api/v1/pqdif") + query, kViewer);
    EXPECT_EQ(r.status, 422) << query << ": " << r.body;
    EXPECT_EQ(r.error_fields(), std::vector<std::string>{field}) << query;
  }
  EXPECT_EQ(call("GET", "/api/v1/pqdif?colour=red", kViewer).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/pqdif?limit=0", kViewer).status, 400);
}

TEST_F(PqdifApiDownload, UnknownFilesAndMissingBytesAre404) {
  EXPECT_EQ(call("GET", "/api/v1/pqdif/424242", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/pqdif/abc", kViewer).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/pqdif/424242/download", kViewer).status, 404);
  const auto id = uploaded(kName, "will vanish");
  std::filesystem::remove(files_->path_of(digest::sha256_hex("will vanish")));
  const auto r = call("GET", "/api/v1/pqdif/" + std::to_string(id) + "/download", kViewer);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_NE(r.json().at("detail").as_string().find("missing from the file store"),
            std::string::npos)
      << r.body;
  // The metadata is still there.
  EXPECT_EQ(call("GET", "/api/v1/pqdif/" + std::to_string(id), kViewer).status, 200);
}

TEST_F(PqdifApiDownload, IfNoneMatchWithTheHashIsNotModified) {
  const auto id = uploaded(kName, "cached");
  const auto etag = "\"" + digest::sha256_hex("cached") + "\"";
  net::HttpHeaders headers;
  headers["Authorization"] = std::string("Bearer ") + kViewer;
  headers["If-None-Match"] = etag;
  const auto path = "/api/v1/pqdif/" + std::to_string(id) + "/download";
  const auto fresh = net::http_request("127.0.0.1", runner_->port(), "GET", path, "", headers);
  EXPECT_EQ(fresh.status, 304);
  EXPECT_EQ(fresh.body, "");
  headers["If-None-Match"] = "\"0000\"";
  const auto stale = net::http_request("127.0.0.1", runner_->port(), "GET", path, "", headers);
  EXPECT_EQ(stale.status, 200);
  EXPECT_EQ(stale.body, "cached");
}

// Without a file store (no data directory given) the metadata still reads; bytes do not.
class PqdifApiWithoutStore : public ApiTest {};

TEST_F(PqdifApiWithoutStore, DownloadAndUploadAreUnavailable) {
  PqdifStoredFile f;
  f.file_name = kName;
  f.sha256 = digest::sha256_hex("x");
  f.size_bytes = 1;
  const auto id = repo_->insert_pqdif_file(f).id;
  EXPECT_EQ(call("GET", "/api/v1/pqdif/" + std::to_string(id), kViewer).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/pqdif/" + std::to_string(id) + "/download", kViewer).status, 503);
  EXPECT_EQ(call("POST", std::string("/api/v1/pqdif?name=") + kName, kOperator, "x",
                 "application/octet-stream")
                .status,
            503);
}

}  // namespace
}  // namespace jemhead::testing
