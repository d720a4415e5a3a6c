#pragma once
// The server's per-attribute verdict (Data-Access-Result, Green Book) with its names, and
// the typed error a client raises when a GET/SET came back with anything but success.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jemhead::dlms::apdu {

enum class DataAccessResult : std::uint8_t {
  success = 0,
  hardware_fault = 1,
  temporary_failure = 2,
  read_write_denied = 3,
  object_undefined = 4,
  object_class_inconsistent = 9,
  object_unavailable = 11,
  type_unmatched = 12,
  scope_of_access_violated = 13,
  data_block_unavailable = 14,
  long_get_aborted = 15,
  no_long_get_in_progress = 16,
  long_set_aborted = 17,
  no_long_set_in_progress = 18,
  data_block_number_invalid = 19,
  other_reason = 250,
};

// "read-write-denied"; values outside the enumeration read "unknown".
std::string_view to_text(DataAccessResult result);
bool is_known(std::uint8_t code);

// "read-write-denied (3)" for any received code, known or not.
std::string describe_data_access_result(std::uint8_t code);

// Thrown by later layers (session, driver) when the meter refused an attribute; `code`
// says which result it was, so callers can tell read-write-denied from object-undefined.
class DataAccessError : public std::runtime_error {
 public:
  DataAccessError(std::uint8_t code, const std::string& what_was_accessed)
      : std::runtime_error(what_was_accessed + ": " + describe_data_access_result(code)),
        code_(code) {}
  std::uint8_t code() const { return code_; }
  DataAccessResult result() const { return static_cast<DataAccessResult>(code_); }

 private:
  std::uint8_t code_;
};

}  // namespace jemhead::dlms::apdu
