#pragma once
// A PQDIF file the head-end has stored: the original bytes live content-addressed on disk
// (storage/file_store.hpp, by sha256); this is what the database keeps about them. A file
// whose meter is unknown (serial not in the fleet, name not the meter's convention) is
// kept with no meter, never dropped.
#include <cstdint>
#include <optional>
#include <string>

#include "core/enum_text.hpp"
#include "core/time.hpp"

namespace jemhead {

// How the file reached the head-end.
enum class PqdifSource { sftp, http, scp, ftp, web_alarm, mail_alarm, upload };

template <>
struct EnumText<PqdifSource> {
  static constexpr std::array<std::pair<PqdifSource, std::string_view>, 7> names{{
      {PqdifSource::sftp, "sftp"},
      {PqdifSource::http, "http"},
      {PqdifSource::scp, "scp"},
      {PqdifSource::ftp, "ftp"},
      {PqdifSource::web_alarm, "web_alarm"},
      {PqdifSource::mail_alarm, "mail_alarm"},
      {PqdifSource::upload, "upload"},
  }};
};

// Where the codec got with the file: pending until parsed; partial keeps what was read
// before an error (the error says where).
enum class PqdifParseStatus { pending, ok, partial, failed };

template <>
struct EnumText<PqdifParseStatus> {
  static constexpr std::array<std::pair<PqdifParseStatus, std::string_view>, 4> names{{
      {PqdifParseStatus::pending, "pending"},
      {PqdifParseStatus::ok, "ok"},
      {PqdifParseStatus::partial, "partial"},
      {PqdifParseStatus::failed, "failed"},
  }};
};

// What parsing the file found out (the observations themselves are stored elsewhere).
struct PqdifParseResult {
  PqdifParseStatus status = PqdifParseStatus::pending;
  std::string error;
  std::optional<bool> compressed;
  std::optional<UtcTime> first_observation, last_observation;
  std::optional<std::int64_t> observation_count;
};

struct PqdifStoredFile {
  std::int64_t id = 0;
  std::optional<std::int64_t> meter_id;
  std::string file_name;  // as the meter named it
  std::string sha256;     // lower-case hex of the content: the object's key on disk
  std::int64_t size_bytes = 0;
  std::optional<std::uint32_t> data_type;  // from the name; unset when it does not parse
  std::optional<UtcTime> file_time;        // from the name
  UtcTime received_at{};                   // zero: now, on insert
  PqdifSource source = PqdifSource::upload;
  PqdifParseResult parse;
};

}  // namespace jemhead
