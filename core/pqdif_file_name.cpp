#include "core/pqdif_file_name.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace jemhead {

namespace {

constexpr std::array<std::pair<std::uint32_t, std::string_view>, 7> kBitNames{{
    {kPqdifSagSwell, "sag_swell"},
    {kPqdifWaveformCapture, "waveform_capture"},
    {kPqdifHighSpeedRms, "high_speed_rms"},
    {kPqdifMeasurementLog, "measurement_log"},
    {kPqdifRapidVoltageChange, "rapid_voltage_change"},
    {kPqdifVoltageInterruption, "voltage_interruption"},
    {kPqdifDaily, "daily"},
}};

constexpr std::string_view kUnknownPrefix = "unknown_";

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

template <typename T>
std::optional<T> to_number(std::string_view s) {
  T v{};
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc{} || p != end) return std::nullopt;
  return v;
}

bool has_pqd_extension(std::string_view name) {
  if (name.size() < 4) return false;
  const auto ext = name.substr(name.size() - 4);
  return ext[0] == '.' && (ext[1] | 0x20) == 'p' && (ext[2] | 0x20) == 'q' &&
         (ext[3] | 0x20) == 'd';
}

// A serial is how a file finds its meter, and a file name is later used on disk and in
// HTTP headers: no separators, spaces (the meter removes them) or control characters.
bool plausible_serial(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '/' || c == '\\' || c == '"') return false;
  }
  return true;
}

std::optional<PqdifFileName> fail(std::string* error, std::string reason) {
  if (error) *error = std::move(reason);
  return std::nullopt;
}

}  // namespace

std::optional<PqdifFileName> parse_pqdif_file_name(std::string_view file_name, std::string* error) {
  const std::string expected = "; expected SERIAL_EPOCHSECONDS_MICROS_DATATYPE.pqd";
  if (!has_pqd_extension(file_name)) return fail(error, "not a .pqd file name" + expected);
  auto stem = file_name.substr(0, file_name.size() - 4);
  // Split off the last three fields; what remains is the serial.
  std::array<std::string_view, 3> fields;  // epoch, micros, data type
  for (int i = 2; i >= 0; --i) {
    const auto at = stem.rfind('_');
    if (at == std::string_view::npos) return fail(error, "too few '_' separated fields" + expected);
    fields[static_cast<std::size_t>(i)] = stem.substr(at + 1);
    stem = stem.substr(0, at);
  }
  if (!plausible_serial(stem))
    return fail(error, "the serial is empty or holds spaces, slashes or control characters");
  const auto [epoch_text, micros_text, type_text] = fields;
  if (epoch_text.size() != 10 || !all_digits(epoch_text))
    return fail(error, "the time stamp must be 10 digits of Unix seconds, not '" +
                           std::string(epoch_text.substr(0, 20)) + "'");
  if (micros_text.size() > 6 || !all_digits(micros_text))
    return fail(error, "the microseconds must be 1 to 6 digits, not '" +
                           std::string(micros_text.substr(0, 20)) + "'");
  const auto data_type = all_digits(type_text) ? to_number<std::uint32_t>(type_text) : std::nullopt;
  if (!data_type)
    return fail(error, "the data type must be a decimal number, not '" +
                           std::string(type_text.substr(0, 20)) + "'");
  PqdifFileName out;
  out.serial = std::string(stem);
  const auto seconds = *to_number<std::int64_t>(epoch_text);
  const auto micros = *to_number<std::int64_t>(micros_text);
  out.time = from_unix_micros(seconds * 1'000'000 + micros);
  out.data_type = *data_type;
  out.data_type_names = pqdif_data_type_names(*data_type);
  return out;
}

std::vector<std::string> pqdif_data_type_names(std::uint32_t data_type) {
  std::vector<std::string> names;
  for (std::uint32_t bit = 1; bit != 0 && bit <= data_type; bit <<= 1) {
    if ((data_type & bit) == 0) continue;
    std::string name;
    for (const auto& [b, n] : kBitNames)
      if (b == bit) name = n;
    if (name.empty()) {
      name = kUnknownPrefix;
      name += std::to_string(bit);
    }
    names.push_back(std::move(name));
  }
  return names;
}

std::optional<std::uint32_t> pqdif_data_type_bit(std::string_view name) {
  for (const auto& [b, n] : kBitNames)
    if (n == name) return b;
  if (name.substr(0, kUnknownPrefix.size()) != kUnknownPrefix) return std::nullopt;
  const auto digits = name.substr(kUnknownPrefix.size());
  const auto bit = all_digits(digits) ? to_number<std::uint32_t>(digits) : std::nullopt;
  if (!bit || *bit == 0 || (*bit & (*bit - 1)) != 0) return std::nullopt;  // one bit only
  for (const auto& [b, n] : kBitNames)
    if (b == *bit) return std::nullopt;  // a known bit has its own name
  return bit;
}

}  // namespace jemhead
