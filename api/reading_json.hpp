#pragma once
// JSON forms of what drivers read (registers, instantaneous values, status snapshots and
// edges) and of operation errors, shared by the read and write routes.
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "api/meter_access.hpp"
#include "core/readings.hpp"
#include "core/status_snapshot_json.hpp"

namespace jemhead::api {

using jemhead::to_json;  // status snapshots (core/status_snapshot_json.hpp)

boost::json::object to_json(const RegisterReading& r);
boost::json::object to_json(const InstantaneousValue& v);
boost::json::object to_json(const OperationError& e);
boost::json::object to_json(const drivers::OutputState& s);

}  // namespace jemhead::api
