#pragma once
// Taking in one PQDIF file, however it arrived (pulled by SFTP/HTTP, pushed by SCP/FTP,
// attached to an alarm, uploaded): the bytes are stored durably first (file_store.hpp),
// then the row (repository.hpp). Acknowledge the file to its sender only after this
// returns: a crash before the row is written leaves an object that the next attempt
// finds, and the row's (file name, content) key makes the retry return the same row, so
// a file is ingested exactly once even across restarts.
//
// The meter is the one given, or else the one whose serial is the serial in the file name
// (matched exactly); a file with no such meter is kept with no meter.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/pqdif_stored_file.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace jemhead::storage {

struct PqdifArrival {
  std::string file_name;  // as the meter named it
  PqdifSource source = PqdifSource::upload;
  std::optional<std::int64_t> meter_id;  // NotFound when given and unknown
  UtcTime received_at{};                 // zero: now
  // Runs inside the transaction that writes the row (e.g. the API's audit entry), with the
  // stored row and whether it was created now.
  std::function<void(Store&, const PqdifStoredFile&, bool created)> also;
};

struct PqdifIngested {
  PqdifStoredFile file;  // as stored (the earlier row when it was already there)
  bool created = false;
};

PqdifIngested ingest_pqdif_bytes(Repository& repo, FileStore& files, const PqdifArrival& arrival,
                                 std::string_view bytes);
// Streams the file at `path` into the store; the caller removes it afterwards if it wants.
PqdifIngested ingest_pqdif_path(Repository& repo, FileStore& files, const PqdifArrival& arrival,
                                const std::filesystem::path& path);

}  // namespace jemhead::storage
