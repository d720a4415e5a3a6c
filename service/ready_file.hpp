#pragma once
// The ready file tells supervisors and tests that the daemon is serving and where:
//   {"pid":123,"version":"0.1.0","api":["http://127.0.0.1:8080"],
//    "web_alarms":["http://127.0.0.1:8081/ingest/web-alarm"],"smtp":["127.0.0.1:2525"]}
// It is written to a temporary name and renamed, so a reader never sees half a file, and
// it is removed on exit.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace jemhead::service {

// `more`: further lists of addresses by name ("web_alarms", "smtp"), written after "api".
std::string ready_file_json(
    long pid, const std::string& version, const std::vector<std::string>& api_urls,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& more = {});

// Throws std::filesystem::filesystem_error / std::runtime_error naming the path on failure.
void write_ready_file(const std::filesystem::path& path, const std::string& json);

// Removes the file if present; never throws (called on the way out).
void remove_ready_file(const std::filesystem::path& path) noexcept;

}  // namespace jemhead::service
