#include "engine/pqdif_parser.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>

#include "core/pqdif/logical_reader.hpp"
#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::engine {

namespace {

// Where reading a file got to: the summary that becomes its parse result.
struct ParseProgress {
  PqdifParseResult result;
  std::int64_t observations = 0;
  std::string error;  // empty: no error (yet)

  void saw(const PqdifObservationRow& row) {
    ++observations;
    auto& first = result.first_observation;
    auto& last = result.last_observation;
    if (!first || row.time_start < *first) first = row.time_start;
    if (!last || row.time_start > *last) last = row.time_start;
  }

  PqdifParseResult finish() {
    result.observation_count = observations;
    result.error = error;
    if (error.empty())
      result.status = PqdifParseStatus::ok;
    else
      result.status = observations > 0 ? PqdifParseStatus::partial : PqdifParseStatus::failed;
    return result;
  }
};

// Hands out a stored file's observations as rows, one at a time, and turns whatever the
// codec throws into the progress' error: the reader is unusable after an error, so the
// first one ends the file.
class ObservationRows {
 public:
  ObservationRows(std::istream& in, ParseProgress& progress) : in_(in), progress_(progress) {}

  std::optional<PqdifObservationRow> next() {
    if (done_) return std::nullopt;
    try {
      if (!reader_) {
        reader_.emplace(in_);
        progress_.result.compressed =
            reader_->container().compression_style != pqdif::CompressionStyle::none;
      }
      auto observation = reader_->next_observation();
      if (!observation) {
        done_ = true;
        return std::nullopt;
      }
      const auto& sources = reader_->data_sources();
      const auto* source = observation->data_source_index < sources.size()
                               ? &sources[observation->data_source_index]
                               : nullptr;
      auto row = pqdif_observation_row(std::move(*observation), source, index_++);
      progress_.saw(row);
      return row;
    } catch (const pqdif::PqdifError& e) {
      progress_.error = e.what();
    } catch (const std::exception& e) {
      // Not a PqdifError (e.g. out of memory on an absurd size): still the file's fault.
      progress_.error = "PQDIF: ";
      progress_.error += e.what();
    }
    done_ = true;
    return std::nullopt;
  }

 private:
  std::istream& in_;
  ParseProgress& progress_;
  std::optional<pqdif::PqdifFileReader> reader_;
  std::int64_t index_ = 0;
  bool done_ = false;
};

std::size_t value_count(const PqdifObservationRow& row) {
  std::size_t n = 0;
  for (const auto& s : row.series) n += s.values.size();
  return n;
}

}  // namespace

PqdifObservationRow pqdif_observation_row(pqdif::Observation observation,
                                          const pqdif::DataSource* source,
                                          std::int64_t index_in_file) {
  PqdifObservationRow row;
  row.index_in_file = index_in_file;
  row.name = std::move(observation.name);
  row.time_start = observation.time_start;
  row.time_create = observation.time_create;
  row.time_triggered = observation.time_triggered;
  row.trigger_method = observation.trigger_method;
  row.channel_count = static_cast<std::int64_t>(observation.channels.size());
  if (source) row.data_source_name = source->name;
  for (std::size_t c = 0; c < observation.channels.size(); ++c) {
    auto& channel = observation.channels[c];
    const pqdif::ChannelDefinition* definition =
        source && channel.channel_definition_index < source->channels.size()
            ? &source->channels[channel.channel_definition_index]
            : nullptr;
    for (std::size_t s = 0; s < channel.series.size(); ++s) {
      auto& instance = channel.series[s];
      PqdifSeriesRow series;
      series.channel_index = static_cast<std::uint32_t>(c);
      series.series_index = static_cast<std::uint32_t>(s);
      series.channel_group_id = channel.channel_group_id;
      if (definition) {
        series.channel_name = definition->name;
        series.phase = definition->phase;
        series.quantity_type = definition->quantity_type.to_string();
        series.quantity_measured = definition->quantity_measured;
      }
      const auto* series_definition =
          source ? pqdif::series_definition(*source, channel, s) : nullptr;
      if (series_definition) {
        series.value_type = series_definition->value_type.to_string();
        series.units = series_definition->quantity_units;
        series.characteristic = series_definition->characteristic.to_string();
      }
      series.storage_method = instance.storage_method;
      if (instance.share_channel_index && instance.share_series_index) {
        std::string shared = std::to_string(*instance.share_channel_index);
        shared += '/';
        shared += std::to_string(*instance.share_series_index);
        series.shared_from = std::move(shared);
      }
      series.value_count = static_cast<std::int64_t>(instance.values.size());
      series.values = std::move(instance.values);
      row.series.push_back(std::move(series));
    }
  }
  return row;
}

PqdifParseResult parse_stored_pqdif(storage::Repository& repo, const storage::FileStore& files,
                                    const PqdifStoredFile& file, const PqdifParseOptions& options) {
  ParseProgress progress;
  std::ifstream in;
  try {
    in.open(files.path_of(file.sha256), std::ios::binary);
  } catch (const std::invalid_argument& e) {
    progress.error = "the stored file's sha256 is not a file store key: ";
    progress.error += e.what();
  }
  if (progress.error.empty() && !in) {
    progress.error = "the stored object ";
    progress.error += file.sha256;
    progress.error += " is missing from the file store";
  }
  if (!progress.error.empty()) {
    const auto result = progress.finish();
    repo.replace_pqdif_content(file.id, {}, result);
    return result;
  }

  ObservationRows rows(in, progress);
  std::vector<PqdifObservationRow> buffer;
  std::size_t buffered = 0;
  while (buffered <= options.buffered_values) {
    auto row = rows.next();
    if (!row) {
      // The whole file fitted: one short transaction.
      const auto result = progress.finish();
      repo.replace_pqdif_content(file.id, buffer, result);
      return result;
    }
    buffered += value_count(*row);
    buffer.push_back(std::move(*row));
  }

  // Too large to buffer: the rest is written as it is read, in one transaction all the
  // same (the writer is held for the file's parse; only files beyond the buffer pay that).
  PqdifParseResult result;
  repo.transact([&](storage::Store& store) {
    store.replace_pqdif_content(file.id, buffer, PqdifParseResult{});
    buffer.clear();
    while (auto row = rows.next()) store.add_pqdif_observations(file.id, {&*row, 1});
    result = progress.finish();
    store.update_pqdif_parse_result(file.id, result);
  });
  return result;
}

PqdifParser::PqdifParser(storage::Repository& repo, std::shared_ptr<const storage::FileStore> files,
                         std::shared_ptr<spdlog::logger> log, PqdifParseOptions options)
    : repo_(repo),
      files_(std::move(files)),
      // A logger without sinks when none is given: tests need not set one up.
      log_(log ? std::move(log) : std::make_shared<spdlog::logger>("pqdif")),
      options_(options) {}

PqdifParser::~PqdifParser() {
  stop();
}

void PqdifParser::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  requested_ = true;  // the files left pending before this start
  thread_ = std::thread([this] { run(); });
}

void PqdifParser::notify() {
  std::lock_guard lock(mutex_);
  requested_ = true;
  wake_.notify_one();
}

void PqdifParser::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

std::uint64_t PqdifParser::files_parsed() const {
  std::lock_guard lock(mutex_);
  return parsed_;
}

bool PqdifParser::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [&] { return stopping_ || (!requested_ && !busy_); });
}

void PqdifParser::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!wake_.wait_for(lock, options_.poll_interval, [&] { return requested_ || stopping_; }))
      requested_ = true;  // nobody told us for a while: look anyway
    if (stopping_) break;
    requested_ = false;
    busy_ = true;
    lock.unlock();
    parse_pending();
    lock.lock();
    busy_ = false;
    if (!requested_) idle_.notify_all();
  }
  idle_.notify_all();
}

void PqdifParser::parse_pending() {
  // Ascending ids from where the pass got to: a file that stays pending (a storage error)
  // is passed over until the next notify, never retried in a tight loop.
  storage::Page page{0, 16};
  while (true) {
    std::vector<PqdifStoredFile> pending;
    try {
      pending = repo_.pending_pqdif_files(page);
    } catch (const std::exception& e) {
      log_->error("PQDIF parser: cannot list pending files: {}", e.what());
      return;
    }
    if (pending.empty()) return;
    for (const auto& file : pending) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      page.after_id = file.id;
      try {
        const auto result = parse_stored_pqdif(repo_, *files_, file, options_);
        if (result.status == PqdifParseStatus::ok)
          log_->info("PQDIF file {} '{}': {} observation(s)", file.id, file.file_name,
                     result.observation_count.value_or(0));
        else
          log_->warn("PQDIF file {} '{}': {} with {} observation(s): {}", file.id, file.file_name,
                     to_text(result.status), result.observation_count.value_or(0), result.error);
        std::lock_guard lock(mutex_);
        ++parsed_;
      } catch (const std::exception& e) {
        log_->error("PQDIF file {} '{}' stays pending: {}", file.id, file.file_name, e.what());
      }
    }
  }
}

}  // namespace jemhead::engine
