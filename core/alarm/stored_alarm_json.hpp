#pragma once
// The one JSON form of a stored alarm: what GET /api/v1/alarms lists and what a webhook
// subscriber receives (engine/webhook_dispatcher.hpp), so both read the same fields.
// `fields` is the decoded event (StoredAlarm::fields_json) as a JSON value; `raw` is the
// event's JSON exactly as the meter sent it, as a string: it may not be valid JSON, and a
// consumer that wants the meter's own spelling must not get our re-encoding.
#include <boost/json/object.hpp>

#include "core/alarm/stored_alarm.hpp"

namespace jemhead {

boost::json::object to_json(const StoredAlarm& alarm);

}  // namespace jemhead
