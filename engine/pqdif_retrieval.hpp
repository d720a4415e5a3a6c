#pragma once
// The PQDIF job kind: pulls a meter's new PQDIF files through a session that can fetch
// them (the "http" and "sftp" drivers), the way the manual's scheduled JEMWare retrieval
// does (part4 §3.7).
//
// For each file the meter lists that is not stored for the meter yet (same name and, when
// the listing gives it, same size): download to a temporary under <data_dir>/pqdif/tmp,
// ingest it (storage/pqdif_ingest: object, then the row, in its own transaction), then —
// only once that committed, and only when the profile says delete_after_retrieval — delete
// it on the meter, and tell the parser. One file failing does not lose the others: the
// rest are still tried, and the first failure is rethrown at the end (after a broken
// connection the rest wait for the runner's next attempt, which lists again).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/pqdif_stored_file.hpp"
#include "drivers/driver.hpp"
#include "storage/file_store.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

// What the engine needs to store pulled files; given by the daemon (set_pqdif_retrieval).
struct PqdifRetrievalSetup {
  std::shared_ptr<storage::FileStore> files;  // the originals' store, <data_dir>/pqdif
  // Called after each new file committed (the parser's notify()); may be empty.
  std::function<void()> stored;
};

struct PqdifRetrievalResult {
  std::int64_t retrieved = 0;  // files newly stored by this job
  std::int64_t skipped = 0;    // listed files already stored
  std::int64_t deleted = 0;    // deleted on the meter after storing
};

// The profile's options_json says delete_after_retrieval: true (both pull drivers' key).
bool deletes_after_retrieval(const ConnectionProfile& profile);

// The listed files not stored for the meter yet, in listing order (repository reads:
// call off the I/O threads).
std::vector<drivers::RemoteFile> new_pq_files(storage::Repository& repo, std::int64_t meter_id,
                                              const std::vector<drivers::RemoteFile>& listed);

struct PqdifRetrievalContext {
  storage::Repository& repo;
  const PqdifRetrievalSetup& setup;
  boost::asio::any_io_executor blocking;  // repository and file-store work
  std::int64_t meter_id = 0;
  PqdifSource source = PqdifSource::http;
  bool delete_after_retrieval = false;
};

// Runs the retrieval on `session`; `out` counts as it goes (so a failure keeps the count).
boost::asio::awaitable<void> retrieve_pqdif(drivers::Session& session,
                                            const PqdifRetrievalContext& context,
                                            PqdifRetrievalResult& out);

}  // namespace jemhead::engine
