#pragma once
// JSON forms of what drivers read (registers, instantaneous values, status snapshots and
// edges) and of operation errors, shared by the read and write routes.
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "api/meter_access.hpp"
#include "core/readings.hpp"
#include "core/status_snapshot.hpp"

namespace jemhead::api {

boost::json::object to_json(const RegisterReading& r);
boost::json::object to_json(const InstantaneousValue& v);
boost::json::object to_json(const StatusSnapshot& s);
boost::json::object to_json(const OperationError& e);
boost::json::object to_json(const drivers::OutputState& s);

// The snapshot stored as a checkpoint; nullopt for text that is not one (treated as "no
// previous snapshot", so a damaged checkpoint costs one round of "set" edges, not a crash).
std::optional<StatusSnapshot> status_snapshot_from_json(std::string_view text);

}  // namespace jemhead::api
