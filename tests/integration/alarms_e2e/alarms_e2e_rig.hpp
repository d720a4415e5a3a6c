#pragma once
// Alarm ingestion end to end (issue 7): a real jemsim whose meters notify alarms by web
// and by mail, as the manual describes, to a real jemhead. The simulator's truth (GET
// /alarms: every alarm it raised and what became of it on each channel) is compared with
// what jemhead stored (GET /api/v1/alarms, paged through). Both sides are read into plain
// structs here so the tests compare values, not JSON shapes.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing::alarms_e2e {

// What became of one alarm on one channel in jemsim: "" when the meter does not send by
// that channel, else pending | sent | failed.
struct TruthDelivery {
  std::string state;
  std::string json;   // the event's JSON as this channel sent it
  std::string error;  // why it failed
  std::int64_t http_status = 0;
  std::int64_t mail_number = 0;  // which of the meter's mails carried it
};

struct TruthFile {
  std::string name;
  std::int64_t size = 0;
  std::string sha256;
};

struct TruthAlarm {
  std::int64_t id = 0;
  std::string serial;
  std::string type;
  std::int64_t event_time_us = 0;
  std::string event_id;
  std::map<std::string, std::string> properties;
  TruthDelivery web, mail;
  std::optional<TruthFile> file;

  bool sent_by(const std::string& channel) const;
  bool pending() const { return web.state == "pending" || mail.state == "pending"; }
  std::set<std::string> sent_channels() const;
  std::set<std::string> tried_channels() const;  // sent or failed
  std::string describe() const;
};

// Every alarm jemsim raised (of `serial`, or all).
std::vector<TruthAlarm> sim_truth(const Jemsim& sim, const std::string& serial = {});

struct StoredAlarmRow {
  std::int64_t id = 0;
  std::optional<std::string> meter_serial;  // unset: quarantined
  bool quarantined = false;
  std::string sender_key;
  std::string type;
  std::int64_t event_time_us = 0;
  std::map<std::string, std::string> properties, identification;
  std::string event_id, device_id;
  std::vector<std::string> channels;
  std::int64_t arrivals = 0;
  std::optional<std::int64_t> pqdif_file_id;
  std::string raw;
  std::string describe() const;
};

// Every stored alarm, newest first, `limit` per page (so several pages are read).
std::vector<StoredAlarmRow> stored_alarms(const Jemhead& head, int limit = 100);
// The stored total (the count query of one small page).
std::int64_t stored_total(const Jemhead& head);

// The identity jemhead merges arrivals by (stored_alarm.hpp): who, type, event time and
// trigger descriptions. Who is the meter's serial, or the sender key when quarantined.
std::string identity(const std::string& who, const std::string& type, std::int64_t time_us,
                     const std::map<std::string, std::string>& properties);
std::string identity(const StoredAlarmRow& a);

// One alarms: section for jemhead: the web receiver on `web_listen` with one sender per
// token (named after it), the SMTP receiver on `smtp_listen` requiring AUTH as kSmtpUser.
inline const std::string kSmtpUser = "meter";
inline const std::string kSmtpPassword = "mail-secret";
std::string head_alarms_section(const std::string& web_listen, const std::string& smtp_listen,
                                const std::vector<std::string>& tokens);

// The jemsim alarms: web: and mail: bodies (flow mappings without braces) pointing at the
// receivers.
std::string sim_web(const std::string& web_url, const std::string& token,
                    const std::string& style = "documented");
std::string sim_mail(const std::string& smtp_host, const std::string& smtp_port, int frequency_min,
                     const std::string& style = "documented");

// The ready file's receivers (written by the jemhead started in `dir`).
struct Receivers {
  std::string web_url;  // http://127.0.0.1:port/ingest/web-alarm
  std::string smtp_host, smtp_port;
};
Receivers receivers_of(const TempDir& dir);

// Polls jemsim until no alarm is pending on any channel; returns the truth then. Fails the
// test (and returns what it has) after `timeout`.
std::vector<TruthAlarm> wait_settled(const Jemsim& sim,
                                     std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace jemhead::testing::alarms_e2e
