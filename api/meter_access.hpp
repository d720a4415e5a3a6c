#pragma once
// How the API talks to meters: picks the connection profile through the DriverRegistry,
// opens a driver session on the daemon's io_context and waits for it (with a deadline)
// from the HTTP worker thread that runs the handler. Every operation's failure is reported
// as a typed OperationError (timeout, protocol_exception with its code, ...) instead of an
// exception, so a job result can say exactly what went wrong for each part.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/connection_profile.hpp"
#include "core/engine/resource_budget.hpp"
#include "core/enum_text.hpp"
#include "core/meter.hpp"
#include "core/readings.hpp"
#include "core/status_snapshot.hpp"
#include "drivers/driver.hpp"
#include "engine/clock_sync.hpp"

namespace jemhead::api {

enum class ReadKind { registers, instantaneous, status };

Capability capability_of(ReadKind kind);

struct OperationError {
  std::string type;  // DriverError::kind(): timeout, protocol_exception, connection_failed...
  std::string message;
  std::optional<int> exception_code;  // protocol_exception: e.g. 2 (illegal data address)
  std::optional<int> function_code;
};

struct ReadOutcome {
  ReadKind kind = ReadKind::registers;
  std::string profile;     // the connection profile used
  std::string map_source;  // drivers::Session::point_map_source ("" without a point map)
  std::optional<OperationError> error;
  std::vector<RegisterReading> registers;
  std::vector<InstantaneousValue> instantaneous;
  std::optional<StatusSnapshot> status;
};

template <typename T>
struct WriteOutcome {
  std::string profile;
  std::optional<OperationError> error;
  T read_back{};
};

class MeterAccess {
 public:
  // `deadline` bounds one whole job (every request and retry of it).
  // `budget`: the session budget shared with the collection engine (null: unlimited), so an
  // operator's read never opens a third Modbus session to a meter the engine is polling.
  MeterAccess(const drivers::DriverRegistry& registry, boost::asio::any_io_executor executor,
              std::chrono::milliseconds deadline = std::chrono::minutes(2),
              engine::ResourceBudget* budget = nullptr);

  // The protocol driver's own checks of a profile's `options` (e.g. a Modbus point map);
  // no problems when no driver is installed for the protocol (nothing could use them yet).
  Validation validate_options(const ConnectionProfile& profile) const;

  // The profile that can do `capability`; ApiError 409 naming the reason when none can.
  ConnectionProfile route(const std::vector<ConnectionProfile>& profiles,
                          Capability capability) const;

  // Reads each kind through its routed profile (one session per profile).
  std::vector<ReadOutcome> read(const Meter& meter, const std::vector<ConnectionProfile>& profiles,
                                const std::vector<ReadKind>& kinds) const;
  WriteOutcome<std::vector<RegisterReading>> write_presets(
      const Meter& meter, const ConnectionProfile& profile,
      std::vector<drivers::RegisterPreset> presets) const;
  // Reads the clock and sets it when the offset exceeds `tolerance` or `force` is given
  // (engine/clock_sync.hpp), through `profile` (which must be able to set the clock).
  WriteOutcome<engine::ClockSyncResult> sync_clock(const Meter& meter,
                                                   const ConnectionProfile& profile,
                                                   std::chrono::microseconds tolerance,
                                                   bool force) const;
  WriteOutcome<std::vector<drivers::OutputState>> control_outputs(
      const Meter& meter, const ConnectionProfile& profile,
      std::vector<drivers::OutputCommand> commands) const;

 private:
  const drivers::DriverRegistry& registry_;
  boost::asio::any_io_executor executor_;
  std::chrono::milliseconds deadline_;
  engine::ResourceBudget* budget_;
};

}  // namespace jemhead::api

template <>
struct jemhead::EnumText<jemhead::api::ReadKind> {
  static constexpr std::array<std::pair<api::ReadKind, std::string_view>, 3> names{{
      {api::ReadKind::registers, "registers"},
      {api::ReadKind::instantaneous, "instantaneous"},
      {api::ReadKind::status, "status"},
  }};
};
