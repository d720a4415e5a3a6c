#pragma once
// The real jemhead with its alarm receivers on ephemeral loopback ports (found through
// the ready file's "web_alarms" and "smtp" lists), and real clients run as processes:
// curl for web alarms, swaks for e-mail.
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/digest/sha256.hpp"
#include "tests/data/pqdif_files.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/process.hpp"
#include "tests/unit/alarm/manual_samples.hpp"

namespace jemhead::testing::alarms {

// The URL secret of the test meter's sender, the SMTP user and its password.
inline const std::string kUrlToken = "feeder-1-url-token";
inline const std::string kSmtpUser = "meter";
inline const std::string kSmtpPassword = "s3cret-mail";
inline const std::string kSerial = "140800001";
// The file name sample 3 carries (part4 §4.4), whose time is that sample's EventTime.
inline const std::string kSampleThreeFile = "140800001_1594577710_813931_06.pqd";

// One meter whose MV-90 identification is the manual's sample value: the samples carry no
// DeviceId, so resolution goes by the identification label.
inline std::string fleet_section() {
  return "fleet:\n"
         "  meters:\n"
         "    - serial: \"" +
         kSerial +
         "\"\n"
         "      name: \"Feeder 1\"\n"
         "      identification:\n"
         "        - { title: \"MV90 Meter ID\", value: \"JEMStarII ID\" }\n";
}

// `extra_senders` are more list items under alarms.web.senders (six spaces, "- {...}");
// `web_extra` is added under alarms.web (e.g. a tls block), indented by four spaces.
inline std::string alarms_section(const std::string& web_extra = {}, bool mail = true,
                                  const std::string& extra_senders = {}) {
  std::string s =
      "alarms:\n"
      "  web:\n"
      "    enabled: true\n"
      "    listen: [\"127.0.0.1:0\"]\n"
      "    body_limit_bytes: 1048576\n"
      "    senders:\n"
      "      - { name: feeder-1, url_token_sha256: \"" +
      digest::sha256_hex(kUrlToken) + "\" }\n";
  s += extra_senders;
  s += web_extra;
  if (mail)
    s += "  mail:\n"
         "    enabled: true\n"
         "    listen: [\"127.0.0.1:0\"]\n"
         "    require_auth: true\n"
         "    users:\n"
         "      - { name: " +
         kSmtpUser + ", password_sha256: \"" + digest::sha256_hex(kSmtpPassword) + "\" }\n";
  return s;
}

struct Receivers {
  std::string web_url;  // ".../ingest/web-alarm"
  std::string smtp_host;
  std::string smtp_port;
};

inline Receivers receivers_of(const TempDir& dir) {
  const auto ready = boost::json::parse(read_file(dir.file("jemhead.ready"))).as_object();
  Receivers r;
  const auto& web = ready.at("web_alarms").as_array();
  if (!web.empty()) r.web_url = std::string(web.at(0).as_string());
  const auto& smtp = ready.at("smtp").as_array();
  if (!smtp.empty()) {
    const std::string a(smtp.at(0).as_string());
    r.smtp_host = a.substr(0, a.rfind(':'));
    r.smtp_port = a.substr(a.rfind(':') + 1);
  }
  return r;
}

inline std::string file_bytes(const std::string& path) {
  std::string bytes(std::filesystem::file_size(path), '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

struct ClientRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs a client to completion (30 s at most) with its output captured.
inline ClientRun run(const TempDir& dir, std::vector<std::string> argv, const std::string& name) {
  Process p(std::move(argv), dir.file(name + ".out"), dir.path());
  const auto code = p.wait(std::chrono::seconds(30));
  return ClientRun{code.value_or(-1), p.log()};
}

// What curl saw: every status line (a 100 Continue first when it was asked for) and the
// final body.
struct CurlReply {
  std::vector<int> statuses;
  std::string body;
  std::string headers;
  int final_status() const { return statuses.empty() ? 0 : statuses.back(); }
  boost::json::value json() const { return boost::json::parse(body); }
};

inline CurlReply curl(const TempDir& dir, std::vector<std::string> args,
                      const std::string& name = "curl") {
  const auto headers = dir.file(name + ".headers");
  const auto body = dir.file(name + ".body");
  std::vector<std::string> argv{"/usr/bin/curl", "-sS", "--max-time", "20", "-D",
                                headers,         "-o",  body};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run(dir, argv, name);
  CurlReply reply;
  std::ifstream h(headers);
  std::string line;
  while (std::getline(h, line)) {
    reply.headers += line + "\n";
    if (line.rfind("HTTP/", 0) == 0 && line.size() >= 12)
      reply.statuses.push_back(std::stoi(line.substr(line.find(' ') + 1, 3)));
  }
  std::error_code ec;
  if (std::filesystem::exists(body, ec)) reply.body = file_bytes(body);
  if (r.exit_code != 0 && reply.statuses.empty()) reply.body = "curl failed: " + r.output;
  return reply;
}

// "@<path>": curl's and swaks' "the content of this file".
inline std::string at_file(const std::string& path) {
  std::string s = "@";
  s += path;
  return s;
}

inline std::string sample_pqdif_path() {
  return pqdif_test_file("secha-example.pqd");
}

// The manual's sample 2 (tests/unit/alarm/manual_samples.hpp) and a shortened sample 3 JSON
// part (L8502–L8590).
inline const std::string kSampleTwoJson{test::kManualSample2};

inline const std::string kSampleThreeJson = R"({
  "Account Number": "1-888-222-6282",
  "Administrator": "Ametek Power",
  "Configuration ID": "Factory Default",
  "EventTime": "2020-07-12T18:15:10.813931Z",
  "EventType": "PQD",
  "Location": "Rochester, New York",
  "MV 90 Meter ID": "JEMStarII ID",
  "Owner": "Ametek",
  "Properties": { "PQDIF file": "" },
  "Source": "JEMStarII"
})";

}  // namespace jemhead::testing::alarms
