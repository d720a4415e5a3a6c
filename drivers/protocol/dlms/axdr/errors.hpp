#pragma once
// Typed failures of the A-XDR layer. Everything derives from AxdrError so the application
// layer can catch the family; the subclasses say which side failed.
#include <cstddef>
#include <stdexcept>
#include <string>

#include "drivers/protocol/dlms/axdr/data_type.hpp"

namespace jemhead::dlms::axdr {

class AxdrError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class DecodeErrc {
  truncated,                 // a fixed-size field runs past the end of the input
  unknown_tag,               // reserved or unknown type tag
  bad_length,                // 0x80 (indefinite) or a length form longer than 4 bytes
  length_exceeds_remaining,  // a count or byte length larger than what is left
  depth_exceeded,            // containers nested deeper than DecodeOptions::max_depth
  too_many_elements,         // more values than DecodeOptions::max_elements
  input_too_large,           // input longer than DecodeOptions::max_input_bytes
  non_canonical,             // strict mode: valid but not the form the encoder writes
  trailing_bytes,            // decode() of a whole buffer left bytes over
  bad_compact_array,         // description or contents inconsistent
};

std::string_view decode_errc_name(DecodeErrc code);

// "array length 5000 exceeds remaining 12 bytes at offset 4": the message always ends in
// the byte offset (from the start of the decoded span) where the problem was found.
class DecodeError : public AxdrError {
 public:
  DecodeError(DecodeErrc code, std::size_t offset, const std::string& what);
  DecodeErrc code() const noexcept { return code_; }
  std::size_t offset() const noexcept { return offset_; }

 private:
  DecodeErrc code_;
  std::size_t offset_;
};

// A value that cannot be written: a compact-array element that does not match its
// description, a date-time of the wrong size, nesting beyond the encoder's limit.
class EncodeError : public AxdrError {
 public:
  using AxdrError::AxdrError;
};

// Asking a Data for the wrong type: "scaler_unit element 0: expected integer, got long".
class TypeMismatch : public AxdrError {
 public:
  TypeMismatch(DataType expected, DataType actual, const std::string& context = {});
  DataType expected() const noexcept { return expected_; }
  DataType actual() const noexcept { return actual_; }

 private:
  DataType expected_;
  DataType actual_;
};

// A structure or array of the wrong shape (element count), or a value out of range for
// the requested C++ type (a long64-unsigned above INT64_MAX asked for as int64).
class ShapeError : public AxdrError {
 public:
  using AxdrError::AxdrError;
};

// A COSEM date/time/date-time whose fields are out of range, or a conversion to UTC that
// the value does not allow (wildcards, deviation not specified).
class DateTimeError : public AxdrError {
 public:
  using AxdrError::AxdrError;
};

}  // namespace jemhead::dlms::axdr
