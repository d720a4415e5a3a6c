#pragma once
// The seam between the collection engine and the meter protocols. A protocol driver
// registers a factory under its protocol name and declares what it can do; the engine
// asks the registry which profile of a meter can serve a kind of job, opens a session
// through that profile's driver and calls the typed operations. Adding a protocol
// touches no other driver (the native "JEM Binary" protocol would be one more entry).
//
// Sessions are Asio coroutines on the executor given to open(); only this header and the
// drivers see Asio, callers that only route (the API's validation) need nothing more.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/capability.hpp"
#include "core/connection_profile.hpp"
#include "core/meter.hpp"
#include "core/readings.hpp"
#include "core/status_snapshot.hpp"
#include "drivers/driver_errors.hpp"

namespace jemhead::drivers {

template <typename T>
using Task = boost::asio::awaitable<T>;
using Executor = boost::asio::any_io_executor;

// A register preset: the register named by `point` (protocol-specific: for Modbus the
// counter point number, or its name) set to `value` in the register's own units.
struct RegisterPreset {
  std::string point;
  double value = 0;
};

// An output (relay / digital out) command, and an output's state as read back.
struct OutputCommand {
  std::string output;  // protocol-specific: for Modbus the coil point number or its name
  bool on = false;
};
struct OutputState {
  std::string output;  // the output's name
  int channel = 0;     // the meter's DIO channel, 0 when unknown
  bool on = false;
};

// What read_load_profile is asked for: one profile's intervals whose end lies in
// (after, to]. Collection is incremental: `after` is the last interval already stored.
struct LoadProfileRequest {
  std::uint8_t profile = 1;      // 1 or 2
  std::optional<UtcTime> after;  // nullopt: from the oldest interval the meter keeps
  std::optional<UtcTime> to;     // nullopt: up to the newest
};

// What came back: the profile's layout as the meter reported it (read in the same
// session, never assumed) and every channel's value of every interval returned, in
// ascending interval_end and, within one interval, channel order. Intervals the meter did
// not record (power outage) are absent, not invented.
struct LoadProfileRead {
  LoadProfileLayout layout;
  std::vector<LoadProfileValue> values;
  std::size_t intervals = 0;  // buffer entries returned
};

// The meter's identity as it reports it (serial number, firmware versions, CT/VT ratios,
// identification fields), as (name, value) pairs in the meter's order.
struct MeterIdentity {
  std::vector<std::pair<std::string, std::string>> fields;
};

// A file the meter offers for retrieval (PQDIF files: the SFTP directory or the web
// server's /pqdif listing): its name as the meter names it, and its size and modification
// time when the listing gives them.
struct RemoteFile {
  std::string name;
  std::optional<std::uint64_t> size;
  std::optional<UtcTime> modified;
};

// One open session with one meter over one connection profile. Every operation has a
// default that throws Unsupported, so a driver implements exactly what it declares.
// Failures are DriverError subclasses (driver_errors.hpp). One operation at a time.
class Session {
 public:
  virtual ~Session() = default;

  virtual Task<std::vector<RegisterReading>> read_registers();
  virtual Task<std::vector<InstantaneousValue>> read_instantaneous();
  virtual Task<StatusSnapshot> read_status();
  // Writes the presets, then reads the written registers back and returns them.
  virtual Task<std::vector<RegisterReading>> write_presets(std::vector<RegisterPreset> values);
  // Switches the outputs, then reads every output back and returns their states.
  virtual Task<std::vector<OutputState>> control_outputs(std::vector<OutputCommand> commands);
  virtual Task<ClockReading> read_clock();
  // Sets the meter's clock to the head-end's time (taken as late as possible, just before
  // the request goes out), then reads the clock back and returns the read-back.
  virtual Task<ClockReading> set_clock();
  virtual Task<MeterIdentity> read_identity();
  virtual Task<LoadProfileRead> read_load_profile(LoadProfileRequest request);
  // The meter's log entries newer than `after` (all it keeps when nullopt), oldest first.
  virtual Task<std::vector<LogEvent>> read_events(std::optional<UtcTime> after);
  // The PQDIF files the meter offers (Capability::fetch_pq_files), in the listing's order.
  virtual Task<std::vector<RemoteFile>> list_pq_files();
  // Streams one listed file into the local file `into` (created or replaced), never whole
  // in memory; fails (BadResponse) when the listing gave a size and the bytes differ.
  virtual Task<void> fetch_pq_file(RemoteFile file, std::filesystem::path into);
  // Deletes the file on the meter (only when the profile allows it: Refused otherwise).
  virtual Task<void> delete_pq_file(RemoteFile file);

  virtual Task<void> close() = 0;

  // Bytes sent plus received on the meter's line so far (job history and metrics); 0 when
  // the driver does not count them.
  virtual std::uint64_t bytes_transferred() const { return 0; }
  // Where the session's point map came from (Modbus: "inline", "file <path>",
  // "configuration version <n>", "factory default"), reported with the job and read
  // results; "" for drivers without a point map.
  virtual std::string point_map_source() const { return {}; }
};

class Driver {
 public:
  virtual ~Driver() = default;
  virtual Protocol protocol() const = 0;
  virtual CapabilitySet capabilities() const = 0;
  // What a session through `profile` can do: the driver's capabilities narrowed by the
  // profile's options (a DLMS profile with a read-only client cannot set the clock), so
  // routing picks a profile that can.
  virtual CapabilitySet capabilities_for(const ConnectionProfile& profile) const {
    (void)profile;
    return capabilities();
  }
  // Checks the profile's protocol-specific options (options_json) before it is stored.
  virtual Validation validate_options(const ConnectionProfile& profile) const = 0;
  // Connects to the meter through `profile`. Throws DriverError (ConnectionFailed,
  // ConfigurationError, ...) when it cannot.
  virtual Task<std::unique_ptr<Session>> open(const Meter& meter, const ConnectionProfile& profile,
                                              Executor executor) const;
};

class DriverRegistry {
 public:
  using Factory = std::function<std::unique_ptr<Driver>()>;
  void add(Protocol protocol, Factory factory);
  const Driver* find(Protocol protocol) const;
  std::vector<Protocol> protocols() const;

  // The profile of `profiles` that can do `capability`: the default profile first, then
  // the others in order. nullopt with `why` filled when none can.
  std::optional<ConnectionProfile> route(const std::vector<ConnectionProfile>& profiles,
                                         Capability capability, std::string& why) const;

 private:
  std::map<Protocol, std::unique_ptr<Driver>> drivers_;
};

}  // namespace jemhead::drivers
