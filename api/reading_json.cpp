#include "api/reading_json.hpp"

#include <boost/json.hpp>

namespace jemhead::api {

namespace json = boost::json;

json::object to_json(const RegisterReading& r) {
  return {{"register_id", r.register_id},
          {"description", r.description},
          {"value", r.value},
          {"unit", r.unit},
          {"read_at", format_iso8601(r.read_at)},
          {"source", r.source}};
}

json::object to_json(const InstantaneousValue& v) {
  return {{"quantity", v.quantity},
          {"phase", v.phase},
          {"value", v.value},
          {"unit", v.unit},
          {"read_at", format_iso8601(v.read_at)},
          {"source", v.source}};
}

json::object to_json(const OperationError& e) {
  json::object o{{"type", e.type}, {"message", e.message}};
  if (e.exception_code) o["exception_code"] = *e.exception_code;
  if (e.function_code) o["function_code"] = *e.function_code;
  return o;
}

json::object to_json(const drivers::OutputState& s) {
  return {{"output", s.output}, {"channel", s.channel}, {"on", s.on}};
}

}  // namespace jemhead::api
