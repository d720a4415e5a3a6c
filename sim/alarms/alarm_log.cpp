#include "sim/alarms/alarm_log.hpp"

namespace jemhead::sim {

std::uint64_t AlarmLog::add(const std::function<SimAlarm(std::uint64_t id)>& make) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = alarms_.size() + 1;
  alarms_.push_back(make(id));
  alarms_.back().id = id;
  return id;
}

bool AlarmLog::update(std::uint64_t id, const std::function<void(SimAlarm&)>& change) {
  std::lock_guard lock(mutex_);
  if (id == 0 || id > alarms_.size()) return false;
  SimAlarm& a = alarms_[id - 1];
  change(a);
  // The file is no longer needed once no channel waits to send it.
  const bool web_waits = a.web && a.web->state == DeliveryState::pending;
  const bool mail_waits = a.mail && a.mail->state == DeliveryState::pending;
  if (!web_waits && !mail_waits) a.file_bytes.reset();
  return true;
}

std::optional<SimAlarm> AlarmLog::get(std::uint64_t id) const {
  std::lock_guard lock(mutex_);
  if (id == 0 || id > alarms_.size()) return std::nullopt;
  return alarms_[id - 1];
}

std::vector<SimAlarm> AlarmLog::list(std::string_view serial) const {
  std::lock_guard lock(mutex_);
  std::vector<SimAlarm> out;
  for (const auto& a : alarms_) {
    if (!serial.empty() && a.serial != serial) continue;
    out.push_back(a);
    out.back().file_bytes.reset();
  }
  return out;
}

std::size_t AlarmLog::size() const {
  std::lock_guard lock(mutex_);
  return alarms_.size();
}

}  // namespace jemhead::sim
