#include "engine/pqdif_retrieval.hpp"

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <exception>

#include "engine/run_to_completion.hpp"
#include "storage/pqdif_ingest.hpp"

namespace jemhead::engine {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using drivers::RemoteFile;

bool deletes_after_retrieval(const ConnectionProfile& profile) {
  std::error_code ec;
  const auto doc = boost::json::parse(profile.options_json, ec);
  if (ec || !doc.is_object()) return false;
  const auto* flag = doc.as_object().if_contains("delete_after_retrieval");
  return flag && flag->is_bool() && flag->as_bool();
}

std::vector<RemoteFile> new_pq_files(storage::Repository& repo, std::int64_t meter_id,
                                     const std::vector<RemoteFile>& listed) {
  std::vector<RemoteFile> out;
  for (const auto& f : listed) {
    storage::PqdifFileFilter filter;
    filter.meter_id = meter_id;
    filter.file_name = f.name;
    bool stored = false;
    for (const auto& row : repo.list_pqdif_files(filter, storage::Page{0, 100}))
      stored = stored || !f.size || static_cast<std::uint64_t>(row.size_bytes) == *f.size;
    if (!stored) out.push_back(f);
  }
  return out;
}

namespace {

// A temporary of our own in the store's tmp directory (same file system as the objects,
// so the store's rename stays cheap); never the meter's file name, which we do not trust
// as a path.
std::filesystem::path temporary_for(const storage::FileStore& files, std::int64_t meter_id) {
  static std::atomic<std::uint64_t> counter{0};
  const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  std::string name = "pull-";
  name += std::to_string(meter_id);
  name += '-';
  name += std::to_string(ticks);
  name += '-';
  name += std::to_string(counter.fetch_add(1));
  name += ".part";
  return files.root() / "tmp" / name;
}

struct TemporaryFile {
  std::filesystem::path path;
  ~TemporaryFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

awaitable<std::vector<RemoteFile>> new_files_here(storage::Repository* repo, std::int64_t meter,
                                                  std::vector<RemoteFile> listed) {
  co_return new_pq_files(*repo, meter, listed);
}

awaitable<bool> ingest_here(const PqdifRetrievalContext* c, std::string name,
                            std::filesystem::path path) {
  storage::PqdifArrival arrival;
  arrival.file_name = std::move(name);
  arrival.source = c->source;
  arrival.meter_id = c->meter_id;
  arrival.received_at = utc_now();
  const auto stored = storage::ingest_pqdif_path(c->repo, *c->setup.files, arrival, path);
  co_return stored.created;
}

// A broken or silent connection: the files after this one wait for the next attempt.
bool session_lost(const drivers::DriverError& e) {
  return dynamic_cast<const drivers::ConnectionFailed*>(&e) != nullptr ||
         dynamic_cast<const drivers::Timeout*>(&e) != nullptr;
}

}  // namespace

awaitable<void> retrieve_pqdif(drivers::Session& session, const PqdifRetrievalContext& context,
                               PqdifRetrievalResult& out) {
  if (!context.setup.files)
    throw drivers::ConfigurationError("this jemhead has no PQDIF file store configured");
  auto listing = session.list_pq_files();
  auto listed = co_await std::move(listing);
  auto reading =
      run_to_completion(context.blocking, new_files_here(&context.repo, context.meter_id, listed));
  const auto fresh = co_await std::move(reading);
  out.skipped += static_cast<std::int64_t>(listed.size() - fresh.size());

  std::exception_ptr first_failure;
  for (const auto& file : fresh) {
    try {
      TemporaryFile temporary{temporary_for(*context.setup.files, context.meter_id)};
      auto fetching = session.fetch_pq_file(file, temporary.path);
      co_await std::move(fetching);
      auto ingesting =
          run_to_completion(context.blocking, ingest_here(&context, file.name, temporary.path));
      const bool created = co_await std::move(ingesting);
      if (created) {
        ++out.retrieved;
        if (context.setup.stored) context.setup.stored();
      } else {
        ++out.skipped;  // the same name and content arrived another way meanwhile
      }
      // Only now is the file durable here: deleting it on the meter loses nothing.
      if (context.delete_after_retrieval) {
        auto deleting = session.delete_pq_file(file);
        co_await std::move(deleting);
        ++out.deleted;
      }
    } catch (const boost::system::system_error&) {
      throw;  // cancellation (deadline, shutdown)
    } catch (const drivers::DriverError& e) {
      if (!first_failure) first_failure = std::current_exception();
      if (session_lost(e)) break;
    } catch (const std::exception&) {
      if (!first_failure) first_failure = std::current_exception();
    }
  }
  if (first_failure) std::rethrow_exception(first_failure);
}

}  // namespace jemhead::engine
