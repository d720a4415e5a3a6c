#include "bench/alarms/alarm_payloads.hpp"

#include "bench/pqdif/generated_file.hpp"
#include "core/time.hpp"

namespace jemhead::bench {

namespace {

constexpr std::int64_t kFirstEventUs = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z

std::string event_json(const std::string& type, std::int64_t time_us,
                       const std::string& properties) {
  std::string json = R"({"Account Number": "1-888-222-6282", "Administrator": "Ametek Power", )";
  json += R"("EventTime": ")";
  json += format_iso8601(from_unix_micros(time_us));
  json += R"(", "EventType": ")";
  json += type;
  json += R"j(", "Location": "Rochester, New York", "Location(Lat)": "0.0", )j";
  json += R"j("Location(Long)": "0.0", "MV 90 Meter ID": ")j";
  json += kBenchMeterSerial;
  json += R"(", "Owner": "Ametek", "Properties": )";
  json += properties;
  json += R"(, "Source": "JEMStarII"})";
  return json;
}

// SERIAL_EPOCH_MICROS_TYPE.pqd (manual part4 §3.8), 06 = waveform + high-speed RMS.
std::string pqdif_file_name(std::int64_t time_us) {
  std::string name = kBenchMeterSerial;
  name += '_';
  name += std::to_string(time_us / 1'000'000);
  name += '_';
  name += std::to_string(time_us % 1'000'000);
  name += "_06.pqd";
  return name;
}

}  // namespace

std::int64_t event_time_us(std::size_t client, std::size_t n) {
  return kFirstEventUs + static_cast<std::int64_t>(client) * 1'000'000'000 +
         static_cast<std::int64_t>(n) * 1000;
}

std::string json_alarm(std::size_t client, std::size_t n) {
  return event_json("SS", event_time_us(client, n),
                    R"({"1,Inst,VLN:Any,<,108,0,0,110.4,A": "0.092000"})");
}

std::string multipart_content_type() {
  std::string type = "multipart/form-data; boundary=";
  type += kMultipartBoundary;
  return type;
}

std::string multipart_alarm(std::size_t client, std::size_t n,
                            const std::vector<std::string>& files) {
  const auto time_us = event_time_us(client, n);
  const auto& file = files[(client * 7919 + n) % files.size()];
  std::string body = "--";
  body += kMultipartBoundary;
  body += "\r\nContent-Disposition: form-data; name=\"json_msg\"\r\n\r\n";
  body += event_json("PQD", time_us, R"({"PQDIF file": ""})");
  body += "\r\n--";
  body += kMultipartBoundary;
  body += "\r\nContent-Disposition: form-data; name=\"pqdif_file\"; filename=\"";
  body += pqdif_file_name(time_us);
  body += "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  body += file;
  body += "\r\n--";
  body += kMultipartBoundary;
  body += "--\r\n";
  return body;
}

std::string mail_alarm(std::size_t client, std::size_t n) {
  std::string mail =
      "From: JEMStar II <meter@bench.local>\r\n"
      "To: <alarms@head-end.local>\r\n"
      "Subject: JEMStar II alarm notification\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=us-ascii\r\n"
      "\r\n";
  mail +=
      event_json("OU", event_time_us(client, n), R"({"3 Phase Voltage Interruption": "0.000000"})");
  mail += "\r\n";
  return mail;
}

std::vector<std::string> generate_distinct_pqdif_files(std::size_t count, std::size_t bytes) {
  std::vector<std::string> files;
  files.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto file = generate_pqdif_file(bytes, true, "bench-" + std::to_string(i) + ".pqd");
    files.emplace_back(file.begin(), file.end());
  }
  return files;
}

}  // namespace jemhead::bench
