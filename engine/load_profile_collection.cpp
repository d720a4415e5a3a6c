#include "engine/load_profile_collection.hpp"

#include <algorithm>

namespace jemhead::engine {

using boost::asio::awaitable;

namespace {

// Empty chunks before the first data of a meter's first read grow up to this many chunks,
// so reaching back a year over a meter that keeps a month costs a few requests, not 365.
constexpr int kMaxEmptyChunkGrowth = 16;
constexpr auto kUnknownClockMargin = std::chrono::hours(1);

std::string channel_list(const LoadProfileLayout& layout) {
  std::string out = "[";
  for (const auto& c : layout.channels) {
    if (out.size() > 1) out += ", ";
    out += c.obis;
  }
  return out + "]";
}

bool is_not_present(const drivers::DriverError& e) {
  return e.kind() == "not_present";
}

}  // namespace

std::string load_profile_checkpoint_key(std::uint8_t profile) {
  std::string key = "load_profile.";
  key += std::to_string(profile);
  key += ".last_interval_end";
  return key;
}

std::optional<UtcTime> checkpoint_after_chunk(std::optional<UtcTime> current,
                                              const drivers::LoadProfileRead& read,
                                              UtcTime chunk_to, std::optional<UtcTime> settled) {
  std::optional<UtcTime> next = current;
  auto advance = [&](UtcTime t) {
    if (!next || *next < t) next = t;
  };
  for (const auto& v : read.values) advance(v.interval_end);
  if (read.values.empty() && settled && chunk_to <= *settled) advance(chunk_to);
  return next;
}

std::string layout_change(const LoadProfileLayout& stored, const LoadProfileLayout& read) {
  std::string change;
  if (stored.capture_period_s != read.capture_period_s)
    change += "capture period " + std::to_string(stored.capture_period_s) + " s -> " +
              std::to_string(read.capture_period_s) + " s";
  bool same_channels = stored.channels.size() == read.channels.size();
  for (std::size_t i = 0; same_channels && i < read.channels.size(); ++i)
    same_channels = stored.channels[i].obis == read.channels[i].obis &&
                    stored.channels[i].channel == read.channels[i].channel;
  if (!same_channels) {
    if (!change.empty()) change += "; ";
    change += "channels " + channel_list(stored) + " -> " + channel_list(read);
  }
  return change;
}

namespace {

// Records the layout a chunk reported in `out` and the chunk; notes a change against the
// layout before (read earlier in this job, else stored).
void take_layout(const LoadProfileKnown& known, LoadProfileLayout layout, LoadProfileChunk& chunk,
                 LoadProfileResult& out) {
  layout.profile = chunk.profile;
  const LoadProfileLayout* before = nullptr;
  const auto in_job = out.layouts.find(chunk.profile);
  if (in_job != out.layouts.end())
    before = &in_job->second;
  else if (auto k = known.layouts.find(chunk.profile); k != known.layouts.end())
    before = &k->second;
  bool changed = false;
  if (before) {
    if (const auto change = layout_change(*before, layout); !change.empty()) {
      changed = true;
      std::string text = "load profile ";
      text += std::to_string(chunk.profile);
      text += " layout changed: " + change;
      LogEvent e;
      e.meter_id = chunk.meter_id;
      e.log = kHeadEndLog;
      e.event_time = utc_now();
      e.code = kLayoutChangedCode;
      e.description = text;
      chunk.layout_changes.push_back(e);
      out.warnings.push_back("meter " + std::to_string(chunk.meter_id) + ": " + text);
    }
  }
  if (in_job == out.layouts.end() || changed) chunk.layout = layout;
  out.layouts[chunk.profile] = std::move(layout);
}

awaitable<void> collect_one(drivers::Session& session, std::int64_t meter_id, std::uint8_t profile,
                            LoadProfileSettings settings, const LoadProfileKnown& known,
                            UtcTime present, std::optional<UtcTime> trusted, LoadProfileSink& sink,
                            LoadProfileResult& out) {
  std::optional<UtcTime> checkpoint;
  if (auto it = out.checkpoints.find(profile); it != out.checkpoints.end())
    checkpoint = it->second;  // resumed within the job (after a reconnect)
  else if (auto k = known.checkpoints.find(profile); k != known.checkpoints.end())
    checkpoint = k->second;
  const bool first_read = !checkpoint;
  UtcTime from = checkpoint ? *checkpoint : present - settings.first_read;
  Micros chunk_span = settings.chunk;
  bool seen_data = false;
  while (from < present) {
    const UtcTime to = std::min(present, from + chunk_span);
    drivers::LoadProfileRequest request;
    request.profile = profile;
    request.after = from;
    request.to = to;
    auto reading = session.read_load_profile(request);
    auto read = co_await std::move(reading);
    LoadProfileChunk chunk;
    chunk.meter_id = meter_id;
    chunk.profile = profile;
    for (auto& v : read.values) {
      v.meter_id = meter_id;
      v.profile = profile;
    }
    const auto period = std::chrono::seconds(read.layout.capture_period_s);
    std::optional<UtcTime> settled;
    if (trusted && period.count() > 0) settled = *trusted - period;
    checkpoint = checkpoint_after_chunk(checkpoint, read, to, settled);
    chunk.checkpoint = checkpoint;
    seen_data = seen_data || !read.values.empty();
    const auto values = static_cast<std::int64_t>(read.values.size());
    chunk.values = std::move(read.values);
    take_layout(known, std::move(read.layout), chunk, out);
    auto taking = sink.take(std::move(chunk));
    co_await std::move(taking);
    // Handed over: the job resumes after this chunk, and counts it.
    if (checkpoint) out.checkpoints[profile] = *checkpoint;
    out.values += values;
    from = to;
    if (first_read && !seen_data)
      chunk_span = std::min<Micros>(chunk_span * 2, settings.chunk * kMaxEmptyChunkGrowth);
    else
      chunk_span = settings.chunk;
  }
}

}  // namespace

boost::asio::awaitable<void> collect_load_profile(drivers::Session& session, std::int64_t meter_id,
                                                  LoadProfileSettings settings,
                                                  const LoadProfileKnown& known,
                                                  std::optional<ClockReading> meter_clock,
                                                  LoadProfileSink& sink, LoadProfileResult& out) {
  const auto now = utc_now();
  const UtcTime present = meter_clock ? meter_clock->meter_time : now + kUnknownClockMargin;
  const std::optional<UtcTime> trusted =
      meter_clock ? meter_clock->meter_time : now - kUnknownClockMargin;
  if (settings.chunk <= Micros{0}) settings.chunk = std::chrono::hours(24);
  for (const auto profile : kLoadProfiles) {
    if (std::find(out.not_present.begin(), out.not_present.end(), profile) != out.not_present.end())
      continue;
    bool absent = false;
    try {
      auto one =
          collect_one(session, meter_id, profile, settings, known, present, trusted, sink, out);
      co_await std::move(one);
    } catch (const drivers::DriverError& e) {
      if (!is_not_present(e)) throw;
      absent = true;  // profile 2 is an option of the meter
    }
    if (absent) out.not_present.push_back(profile);
  }
}

}  // namespace jemhead::engine
