#include "engine/config_push_context.hpp"

namespace jemhead::engine {

std::string error_text(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const drivers::DriverError& e) {
    std::string text(e.kind());
    text += ": ";
    text += e.what();
    return text;
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::string target_of(std::int64_t meter_id) {
  std::string t = "meter/";
  t += std::to_string(meter_id);
  return t;
}

}  // namespace jemhead::engine
