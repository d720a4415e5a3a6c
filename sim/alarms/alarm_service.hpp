#pragma once
// The fleet's alarm notification (part4 §4): each meter with `alarms:` raises alarms when
// its PQ recorder's triggers fire (OU/SS/PQ, RE when they end), when a PQDIF file appears
// in its store (PQD, with the file), and on demand (the control routes: BAT, TS, CFG, ...).
// Every alarm goes into the log (the truth) and out by web and/or mail:
// - one thread looks at the meters' recorders (simulated time may jump at any moment) and
//   sends the mails whose Frequency window has passed on the meter's clock;
// - another posts web alarms one by one, so a slow web server never holds a mail back.
// No retries (the manual describes none): a failure is recorded.
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/alarms/alarm_event_builder.hpp"
#include "sim/alarms/alarm_log.hpp"
#include "sim/alarms/mail_notifier.hpp"
#include "sim/alarms/web_notifier.hpp"

namespace jemhead::sim {

class PqdifRecorder;

struct AlarmTarget {
  const MeterSpec* meter = nullptr;    // outlives the service; meter->alarms is set
  PqdifRecorder* recorder = nullptr;   // PQ triggers and PQDIF files; null = on demand only
  std::function<UtcTime()> meter_now;  // the meter's simulated clock
};

// The senders, replaceable in tests.
struct AlarmSenders {
  std::function<WebAlarmResult(const WebAlarmSpec&, const WebAlarmPost&)> web = post_web_alarm;
  std::function<MailAlarmResult(const MailAlarmSpec&, const std::string&,
                                const std::vector<MailAlarmItem>&, UtcTime)>
      mail = send_alarm_mail;
};

// Why an on-demand alarm was refused, with the HTTP status the control route answers.
struct AlarmRequestError : std::runtime_error {
  AlarmRequestError(int s, const std::string& what) : std::runtime_error(what), status(s) {}
  int status;
};

class AlarmService {
 public:
  explicit AlarmService(std::vector<AlarmTarget> targets, AlarmSenders senders = {},
                        std::chrono::milliseconds poll = std::chrono::milliseconds(100));
  ~AlarmService();
  AlarmService(const AlarmService&) = delete;
  AlarmService& operator=(const AlarmService&) = delete;

  void start();
  void stop();  // waits for a send in progress

  bool notifies(std::string_view serial) const;
  const AlarmSpec* spec(std::string_view serial) const;
  const AlarmLog& log() const;

  // On demand: `count` alarms of `type` at the meter's clock now, 1 µs apart (distinct
  // identities). Empty properties: the type's defaults. PQD needs `file`, a file in the
  // meter's PQDIF store (its EventTime is the name's time). Throws AlarmRequestError.
  std::vector<std::uint64_t> raise(std::string_view serial, const std::string& type,
                                   const AlarmProperties& properties, std::size_t count,
                                   const std::string& file = {});

  // One pass of each thread's work (public for tests): look at the recorders and send due
  // mails; post every queued web alarm.
  void run_sources_once();
  void run_web_once();

 private:
  struct Meter;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::sim
