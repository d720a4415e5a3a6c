#include "sim/pqdif/pqdif_file_builder.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

#include "core/pqdif/logical_writer.hpp"

namespace jemhead::sim {

namespace {

using namespace jemhead::pqdif;

struct Writer {
  const std::string& serial;
  const DataSource& source;
  const PqdifSpec& spec;
  UtcTime created;

  std::string write(const std::string& name, const std::vector<Observation>& obs) const {
    Container c;
    c.file_name = name;
    c.creation = created;
    c.application = "jemsim JEMStar II";
    c.title = "JEMStar II " + serial;
    if (spec.compressed) {
      c.compression_style = CompressionStyle::record_level;
      c.compression_algorithm = CompressionAlgorithm::zlib;
    }
    WriteOptions w;
    w.style = spec.compressed ? CompressionStyle::record_level : CompressionStyle::none;
    EncodeOptions e;
    e.values_type = PhysicalType::real4;  // the generator's values are floats already
    std::ostringstream out;
    write_pqdif(out, c, {source}, obs, w, e);
    return std::move(out).str();
  }
};

std::int64_t micros_of(const Observation& o) {
  const auto us = to_unix_micros(o.time_triggered.value_or(o.time_start));
  return ((us % 1'000'000) + 1'000'000) % 1'000'000;
}

// Splits an observation by channels until each part fits `budget` bytes on its own.
struct Part {
  Observation observation;
  std::size_t size = 0;
  std::size_t origin = 0;  // index of the observation it was split from
};

void fit(const Writer& w, const Observation& o, std::size_t origin, std::size_t base,
         std::size_t budget, std::vector<Part>& out) {
  const std::size_t size = w.write("x", {o}).size() - base;
  if (size <= budget || o.channels.size() < 2) {
    out.push_back({o, size, origin});
    return;
  }
  Observation first = o, second = o;
  const auto half = o.channels.begin() + static_cast<std::ptrdiff_t>(o.channels.size() / 2);
  first.channels.assign(o.channels.begin(), half);
  second.channels.assign(half, o.channels.end());
  // Trigger indexes point into the channel instances: each part keeps its own.
  const auto cut = static_cast<std::uint32_t>(first.channels.size());
  first.channel_trigger_indexes.clear();
  second.channel_trigger_indexes.clear();
  for (std::uint32_t t : o.channel_trigger_indexes)
    (t < cut ? first : second).channel_trigger_indexes.push_back(t < cut ? t : t - cut);
  fit(w, first, origin, base, budget, out);
  fit(w, second, origin, base, budget, out);
}

// The meter's data source cut down to the channel definitions the observations use (a
// measurement-log file needs no waveform channels), the observations renumbered to match.
void only_channels_used(const DataSource& full, const std::vector<Observation>& in,
                        DataSource& source, std::vector<Observation>& out) {
  std::vector<std::uint32_t> index(full.channels.size(), 0);
  std::vector<bool> used(full.channels.size(), false);
  for (const auto& o : in)
    for (const auto& c : o.channels) used.at(c.channel_definition_index) = true;
  source = full;
  source.channels.clear();
  for (std::size_t i = 0; i < full.channels.size(); ++i)
    if (used[i]) {
      index[i] = static_cast<std::uint32_t>(source.channels.size());
      source.channels.push_back(full.channels[i]);
    }
  out = in;
  for (auto& o : out) {
    for (auto& c : o.channels) c.channel_definition_index = index[c.channel_definition_index];
  }
}

}  // namespace

std::string pqdif_file_name(const std::string& serial, std::int64_t seconds, std::int64_t micros,
                            std::uint32_t data_type) {
  std::string name;
  for (char c : serial)
    if (c != ' ') name += c;
  name += '_';
  name += std::to_string(seconds);
  name += '_';
  name += std::to_string(micros);
  name += '_';
  if (data_type < 10) name += '0';
  name += std::to_string(data_type);
  name += ".pqd";
  return name;
}

ObservationSummary summarize(const Observation& o, const DataSource& source) {
  ObservationSummary s;
  s.name = o.name;
  s.start = o.time_start;
  s.triggered = o.time_triggered;
  s.channel_count = o.channels.size();
  for (std::uint32_t c = 0; c < o.channels.size(); ++c) {
    const auto& ch = o.channels[c];
    for (std::uint32_t k = 0; k < ch.series.size(); ++k) {
      const auto& v = ch.series[k].values;
      s.value_count += v.size();
      SeriesSummary ss;
      ss.channel = c;
      ss.channel_name = ch.channel_definition_index < source.channels.size()
                            ? source.channels[ch.channel_definition_index].name
                            : std::string{};
      ss.series = k;
      ss.count = v.size();
      ss.first.assign(v.begin(),
                      v.begin() + static_cast<std::ptrdiff_t>(std::min(v.size(), kSummaryValues)));
      s.series.push_back(std::move(ss));
    }
  }
  return s;
}

std::vector<PqdifFile> build_pqdif_files(const std::string& serial, const DataSource& meter_source,
                                         const std::vector<Observation>& meter_observations,
                                         std::int64_t name_seconds, UtcTime created,
                                         std::uint32_t data_type, const PqdifSpec& spec) {
  DataSource source;
  std::vector<Observation> observations;
  only_channels_used(meter_source, meter_observations, source, observations);
  const Writer w{serial, source, spec, created};
  // Records are encoded (and compressed) one by one, so a file's size is the size of its
  // container and data source plus each observation's own: measure those apart.
  const std::size_t base = w.write("x", {}).size();
  constexpr std::size_t kNameSlack = 64;  // the real name is longer than "x"
  const std::size_t limit = spec.max_file_bytes;
  const std::size_t budget = limit > base + kNameSlack ? limit - base - kNameSlack : 1;
  std::vector<Part> parts;
  for (std::size_t i = 0; i < observations.size(); ++i)
    fit(w, observations[i], i, base, budget, parts);

  std::vector<PqdifFile> files;
  std::vector<Observation> current;
  std::size_t current_size = 0;
  std::size_t current_origin = 0;
  auto flush = [&] {
    if (current.empty()) return;
    PqdifFile f;
    f.name = pqdif_file_name(serial, name_seconds + static_cast<std::int64_t>(files.size()),
                             micros_of(current.front()), data_type);
    f.bytes = w.write(f.name, current);
    f.created = created;
    f.data_type = data_type;
    for (const auto& o : current) f.observations.push_back(summarize(o, source));
    files.push_back(std::move(f));
    current.clear();
    current_size = 0;
  };
  for (const auto& part : parts) {
    if (!current.empty() && current_size + part.size > budget) flush();
    // Parts of one observation that share a file are one observation again.
    if (!current.empty() && current_origin == part.origin) {
      auto& channels = current.back().channels;
      for (std::uint32_t t : part.observation.channel_trigger_indexes)
        current.back().channel_trigger_indexes.push_back(
            t + static_cast<std::uint32_t>(channels.size()));
      channels.insert(channels.end(), part.observation.channels.begin(),
                      part.observation.channels.end());
    } else {
      current.push_back(part.observation);
    }
    current_origin = part.origin;
    current_size += part.size;
  }
  flush();
  return files;
}

}  // namespace jemhead::sim
