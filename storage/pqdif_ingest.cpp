#include "storage/pqdif_ingest.hpp"

#include "core/pqdif_file_name.hpp"

namespace jemhead::storage {

namespace {

PqdifIngested record(Repository& repo, const PqdifArrival& arrival, const StoredObject& object) {
  PqdifStoredFile row;
  row.file_name = arrival.file_name;
  row.sha256 = object.sha256;
  row.size_bytes = object.size_bytes;
  row.source = arrival.source;
  row.received_at = arrival.received_at;
  row.meter_id = arrival.meter_id;
  if (const auto name = parse_pqdif_file_name(arrival.file_name)) {
    row.data_type = name->data_type;
    row.file_time = name->time;
    if (!row.meter_id)
      if (const auto meter = repo.find_meter_by_serial(name->serial)) row.meter_id = meter->id;
  }
  PqdifIngested out;
  repo.transact([&](Store& store) {
    const auto inserted = store.insert_pqdif_file(row);
    auto stored = store.find_pqdif_file(inserted.id);
    if (!stored) throw StorageError("PQDIF file " + std::to_string(inserted.id) + " not stored");
    if (arrival.also) arrival.also(store, *stored, inserted.created);
    out.file = std::move(*stored);
    out.created = inserted.created;
  });
  return out;
}

}  // namespace

PqdifIngested ingest_pqdif_bytes(Repository& repo, FileStore& files, const PqdifArrival& arrival,
                                 std::string_view bytes) {
  return record(repo, arrival, files.put(bytes));
}

PqdifIngested ingest_pqdif_path(Repository& repo, FileStore& files, const PqdifArrival& arrival,
                                const std::filesystem::path& path) {
  return record(repo, arrival, files.put_file(path));
}

}  // namespace jemhead::storage
