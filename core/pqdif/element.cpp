#include "core/pqdif/element.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::pqdif {

namespace {

static_assert(std::endian::native == std::endian::little,
              "PQDIF values are little-endian and read in place");

template <typename T>
T load(const Values& v, std::size_t i, std::size_t offset = 0) {
  T out;
  std::memcpy(&out, v.bytes.data() + i * *size_of(v.type) + offset, sizeof out);
  return out;
}

void check_index(const Values& v, std::size_t i) {
  const auto size = size_of(v.type);
  if (!size) throw PqdifError("unknown physical type " + std::to_string(int(v.type)));
  if (i >= v.count || v.bytes.size() < (i + 1) * *size)
    throw PqdifError("value " + std::to_string(i) + " of " + std::to_string(v.count) +
                     " is out of range");
}

[[noreturn]] void wrong_type(const Values& v, const char* wanted) {
  throw PqdifError(std::string("a ") + std::string(to_text(v.type)) + " value is not " + wanted);
}

template <typename T>
Values of(PhysicalType type, std::span<const T> values) {
  Values v;
  v.type = type;
  v.count = static_cast<std::uint32_t>(values.size());
  v.bytes.resize(values.size_bytes());
  if (!values.empty()) std::memcpy(v.bytes.data(), values.data(), values.size_bytes());
  return v;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

double Values::real(std::size_t i) const {
  check_index(*this, i);
  switch (type) {
    case PhysicalType::boolean1: return load<std::uint8_t>(*this, i) != 0;
    case PhysicalType::boolean2: return load<std::uint16_t>(*this, i) != 0;
    case PhysicalType::boolean4: return load<std::uint32_t>(*this, i) != 0;
    case PhysicalType::integer1: return load<std::int8_t>(*this, i);
    case PhysicalType::integer2: return load<std::int16_t>(*this, i);
    case PhysicalType::integer4: return load<std::int32_t>(*this, i);
    case PhysicalType::unsigned1: return load<std::uint8_t>(*this, i);
    case PhysicalType::unsigned2: return load<std::uint16_t>(*this, i);
    case PhysicalType::unsigned4: return load<std::uint32_t>(*this, i);
    case PhysicalType::real4: return load<float>(*this, i);
    case PhysicalType::real8: return load<double>(*this, i);
    case PhysicalType::complex8: return load<float>(*this, i);
    case PhysicalType::complex16: return load<double>(*this, i);
    default: wrong_type(*this, "a number");
  }
}

std::int64_t Values::integer(std::size_t i) const {
  check_index(*this, i);
  switch (type) {
    case PhysicalType::real4:
    case PhysicalType::real8: {
      const double d = real(i);
      if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > 9.0e15)
        wrong_type(*this, "an integer");
      return static_cast<std::int64_t>(d);
    }
    case PhysicalType::complex8:
    case PhysicalType::complex16:
    case PhysicalType::char1:
    case PhysicalType::char2:
    case PhysicalType::timestamp:
    case PhysicalType::guid: wrong_type(*this, "an integer");
    default: return static_cast<std::int64_t>(real(i));
  }
}

std::complex<double> Values::complex(std::size_t i) const {
  check_index(*this, i);
  if (type == PhysicalType::complex8) return {load<float>(*this, i), load<float>(*this, i, 4)};
  if (type == PhysicalType::complex16) return {load<double>(*this, i), load<double>(*this, i, 8)};
  return {real(i), 0.0};
}

Timestamp Values::timestamp(std::size_t i) const {
  check_index(*this, i);
  if (type != PhysicalType::timestamp) wrong_type(*this, "a timestamp");
  return {load<std::uint32_t>(*this, i), load<double>(*this, i, 4)};
}

Guid Values::guid(std::size_t i) const {
  check_index(*this, i);
  if (type != PhysicalType::guid) wrong_type(*this, "a GUID");
  Guid g;
  std::memcpy(g.bytes.data(), bytes.data() + i * 16, 16);
  return g;
}

std::string Values::text() const {
  std::string out;
  if (type == PhysicalType::char1) {
    for (std::size_t i = 0; i < count && i < bytes.size(); ++i) {
      const auto c = bytes[i];
      if (c == 0) break;
      append_utf8(out, c);  // Latin-1 beyond ASCII
    }
    return out;
  }
  if (type == PhysicalType::char2) {
    for (std::size_t i = 0; i < count && 2 * i + 1 < bytes.size(); ++i) {
      std::uint32_t unit = load<std::uint16_t>(*this, i);
      if (unit == 0) break;
      if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < count) {
        const std::uint32_t low = load<std::uint16_t>(*this, i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          ++i;
        }
      }
      append_utf8(out, unit);
    }
    return out;
  }
  wrong_type(*this, "text");
}

namespace {

// Series values are most of a file: one switch per vector, then a tight loop that also
// applies scale and offset, so each value is touched once.
template <typename T, std::size_t Stride = sizeof(T)>
void append_all(const Values& v, double scale, double offset, std::vector<double>& out) {
  const std::uint8_t* p = v.bytes.data();
  out.resize(v.count);
  double* to = out.data();
  const bool scaled = scale != 1.0 || offset != 0.0;
  for (std::size_t i = 0; i < v.count; ++i, p += Stride) {
    T value;
    std::memcpy(&value, p, sizeof value);
    to[i] = static_cast<double>(value);
  }
  if (scaled)
    for (std::size_t i = 0; i < v.count; ++i) to[i] = to[i] * scale + offset;
}

}  // namespace

std::vector<double> Values::reals(double scale, double offset) const {
  std::vector<double> out;
  if (count == 0) return out;
  check_index(*this, count - 1);
  switch (type) {
    case PhysicalType::integer1: append_all<std::int8_t>(*this, scale, offset, out); break;
    case PhysicalType::integer2: append_all<std::int16_t>(*this, scale, offset, out); break;
    case PhysicalType::integer4: append_all<std::int32_t>(*this, scale, offset, out); break;
    case PhysicalType::unsigned1: append_all<std::uint8_t>(*this, scale, offset, out); break;
    case PhysicalType::unsigned2: append_all<std::uint16_t>(*this, scale, offset, out); break;
    case PhysicalType::unsigned4: append_all<std::uint32_t>(*this, scale, offset, out); break;
    case PhysicalType::real4: append_all<float>(*this, scale, offset, out); break;
    case PhysicalType::real8: append_all<double>(*this, scale, offset, out); break;
    case PhysicalType::complex8: append_all<float, 8>(*this, scale, offset, out); break;
    case PhysicalType::complex16: append_all<double, 16>(*this, scale, offset, out); break;
    default:  // booleans (or a type that is not a number: real() throws)
      out.reserve(count);
      for (std::size_t i = 0; i < count; ++i) out.push_back(real(i) * scale + offset);
  }
  return out;
}

Values Values::of_real8(std::span<const double> v) {
  return of(PhysicalType::real8, v);
}
Values Values::of_real4(std::span<const float> v) {
  return of(PhysicalType::real4, v);
}
Values Values::of_integer4(std::span<const std::int32_t> v) {
  return of(PhysicalType::integer4, v);
}
Values Values::of_unsigned4(std::span<const std::uint32_t> v) {
  return of(PhysicalType::unsigned4, v);
}
Values Values::of_integer2(std::span<const std::int16_t> v) {
  return of(PhysicalType::integer2, v);
}

Values Values::of_text(std::string_view ascii) {
  Values v;
  v.type = PhysicalType::char1;
  v.bytes.assign(ascii.begin(), ascii.end());
  v.bytes.push_back(0);
  v.count = static_cast<std::uint32_t>(v.bytes.size());
  return v;
}

Values Values::of_guid(const Guid& g) {
  Values v;
  v.type = PhysicalType::guid;
  v.count = 1;
  v.bytes.assign(g.bytes.begin(), g.bytes.end());
  return v;
}

Values Values::of_timestamp(const Timestamp& t) {
  Values v;
  v.type = PhysicalType::timestamp;
  v.count = 1;
  v.bytes.resize(12);
  std::memcpy(v.bytes.data(), &t.days, 4);
  std::memcpy(v.bytes.data() + 4, &t.seconds, 8);
  return v;
}

Values Values::of_scalar_unsigned4(std::uint32_t value) {
  return of(PhysicalType::unsigned4, std::span<const std::uint32_t>(&value, 1));
}
Values Values::of_scalar_real8(double value) {
  return of(PhysicalType::real8, std::span<const double>(&value, 1));
}
Values Values::of_scalar_boolean4(bool value) {
  const std::uint32_t word = value ? 1 : 0;
  return of(PhysicalType::boolean4, std::span<const std::uint32_t>(&word, 1));
}

const Element* Element::find(const Guid& child_tag) const {
  for (const auto& c : children)
    if (c.tag == child_tag) return &c;
  return nullptr;
}

std::vector<const Element*> Element::find_all(const Guid& child_tag) const {
  std::vector<const Element*> out;
  for (const auto& c : children)
    if (c.tag == child_tag) out.push_back(&c);
  return out;
}

Element Element::collection(const Guid& tag, std::vector<Element> children) {
  Element e;
  e.tag = tag;
  e.type = ElementType::collection;
  e.children = std::move(children);
  return e;
}

Element Element::scalar(const Guid& tag, Values value) {
  Element e;
  e.tag = tag;
  e.type = ElementType::scalar;
  e.values = std::move(value);
  return e;
}

Element Element::vector(const Guid& tag, Values values) {
  Element e;
  e.tag = tag;
  e.type = ElementType::vector;
  e.values = std::move(values);
  return e;
}

}  // namespace jemhead::pqdif
