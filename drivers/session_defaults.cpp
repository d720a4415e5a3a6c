// The defaults of Session and Driver: every operation a driver does not implement says so
// with Unsupported, naming the operation, instead of failing obscurely.
#include "drivers/driver.hpp"

namespace jemhead::drivers {

namespace {
[[noreturn]] void unsupported(const char* operation) {
  throw Unsupported(std::string("this session cannot ") + operation);
}
}  // namespace

Task<std::vector<RegisterReading>> Session::read_registers() {
  unsupported("read registers");
  co_return std::vector<RegisterReading>{};
}

Task<std::vector<InstantaneousValue>> Session::read_instantaneous() {
  unsupported("read instantaneous values");
  co_return std::vector<InstantaneousValue>{};
}

Task<StatusSnapshot> Session::read_status() {
  unsupported("read status");
  co_return StatusSnapshot{};
}

Task<std::vector<RegisterReading>> Session::write_presets(std::vector<RegisterPreset>) {
  unsupported("write register presets");
  co_return std::vector<RegisterReading>{};
}

Task<std::vector<OutputState>> Session::control_outputs(std::vector<OutputCommand>) {
  unsupported("control outputs");
  co_return std::vector<OutputState>{};
}

Task<ClockReading> Session::read_clock() {
  unsupported("read the clock");
  co_return ClockReading{};
}

Task<ClockReading> Session::set_clock() {
  unsupported("set the clock");
  co_return ClockReading{};
}

Task<MeterIdentity> Session::read_identity() {
  unsupported("read the meter's identity");
  co_return MeterIdentity{};
}

Task<LoadProfileRead> Session::read_load_profile(LoadProfileRequest) {
  unsupported("read load profile");
  co_return LoadProfileRead{};
}

Task<std::vector<LogEvent>> Session::read_events(std::optional<UtcTime>) {
  unsupported("read logs");
  co_return std::vector<LogEvent>{};
}

Task<std::vector<RemoteFile>> Session::list_pq_files() {
  unsupported("list PQDIF files");
  co_return std::vector<RemoteFile>{};
}

Task<void> Session::fetch_pq_file(RemoteFile, std::filesystem::path) {
  unsupported("fetch PQDIF files");
  co_return;
}

Task<void> Session::delete_pq_file(RemoteFile) {
  unsupported("delete PQDIF files");
  co_return;
}

Task<std::unique_ptr<Session>> Driver::open(const Meter&, const ConnectionProfile& profile,
                                            Executor) const {
  throw Unsupported("the " + std::string(to_text(profile.protocol)) +
                    " driver cannot open sessions");
  co_return nullptr;
}

}  // namespace jemhead::drivers
