#pragma once
// The requests of the alarm benchmark, each one a distinct alarm (a repeat would be merged
// into the stored one, not stored again): the manual's sample-2 JSON with a unique event
// time; the same as a multipart PQD notification carrying a distinct ~300 KB PQDIF file
// named after its event time; and an e-mail with one event in its text body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jemhead::bench {

inline constexpr const char* kBenchMeterSerial = "140800001";
inline constexpr const char* kMultipartBoundary = "------------------------eb807a8a5abf1a09";

// Event time of request n of client c: distinct for every (client, n).
std::int64_t event_time_us(std::size_t client, std::size_t n);

std::string json_alarm(std::size_t client, std::size_t n);

// `files`: distinct PQDIF files, used in turn (generate_distinct_pqdif_files).
std::string multipart_alarm(std::size_t client, std::size_t n,
                            const std::vector<std::string>& files);
std::string multipart_content_type();

std::string mail_alarm(std::size_t client, std::size_t n);

// `count` PQDIF files of about `bytes` each, compressed as the meter recommends, each with
// different content.
std::vector<std::string> generate_distinct_pqdif_files(std::size_t count, std::size_t bytes);

}  // namespace jemhead::bench
