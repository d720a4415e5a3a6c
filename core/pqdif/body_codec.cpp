#include "core/pqdif/body_codec.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "core/pqdif/pqdif_error.hpp"

namespace jemhead::pqdif {

namespace {

constexpr std::size_t kElementHeaderSize = 28;
constexpr std::size_t kEmbeddedBytes = 8;

std::uint32_t load_u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

void store_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

class Decoder {
 public:
  Decoder(std::span<const std::uint8_t> body, const ReadLimits& limits, const BodyOrigin& origin)
      : body_(body), limits_(limits), origin_(origin) {}

  Element collection_at(std::size_t pos, std::size_t depth) {
    if (depth > limits_.max_depth)
      fail(pos, "collections nest deeper than " + std::to_string(limits_.max_depth));
    // A collection reached again through its own children would expand forever.
    if (std::find(open_.begin(), open_.end(), pos) != open_.end())
      fail(pos, "collection links back to an enclosing collection");
    need(pos, 4, "collection count");
    const std::int32_t count = static_cast<std::int32_t>(load_u32(body_.data() + pos));
    if (count < 0) fail(pos, "negative collection count " + std::to_string(count));
    const auto n = static_cast<std::size_t>(count);
    if (n > limits_.max_collection_elements)
      fail(pos, "collection of " + std::to_string(n) + " elements exceeds the limit of " +
                    std::to_string(limits_.max_collection_elements));
    if (n > (body_.size() - pos - 4) / kElementHeaderSize)
      fail(pos, "collection of " + std::to_string(n) + " elements overruns the body");
    count_elements(pos, n);

    open_.push_back(pos);
    Element out;
    out.type = ElementType::collection;
    out.children.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      out.children.push_back(element_at(pos + 4 + i * kElementHeaderSize, depth));
    open_.pop_back();
    return out;
  }

 private:
  Element element_at(std::size_t at, std::size_t depth) {
    const std::uint8_t* h = body_.data() + at;
    Element e;
    std::memcpy(e.tag.bytes.data(), h, 16);
    const std::uint8_t element_type = h[16];
    const std::uint8_t physical = h[17];
    const bool embedded = h[18] != 0;
    const std::uint8_t* slot = h + 20;

    if (element_type == static_cast<std::uint8_t>(ElementType::collection)) {
      if (embedded) fail(at, "a collection cannot be embedded");
      const Guid tag = e.tag;
      e = collection_at(link_of(at, slot).link, depth + 1);
      e.tag = tag;
      return e;
    }
    if (element_type != static_cast<std::uint8_t>(ElementType::scalar) &&
        element_type != static_cast<std::uint8_t>(ElementType::vector))
      fail(at, "unknown element type " + std::to_string(element_type));
    if (!is_physical_type(physical)) fail(at, "unknown physical type " + std::to_string(physical));
    const auto type = static_cast<PhysicalType>(physical);
    const std::size_t value_size = *size_of(type);
    e.values.type = type;

    if (element_type == static_cast<std::uint8_t>(ElementType::scalar)) {
      e.type = ElementType::scalar;
      e.values.count = 1;
      if (embedded) {
        if (value_size > kEmbeddedBytes)
          fail(at, std::string("an embedded scalar cannot hold a ") + std::string(to_text(type)));
        take_values(at, e.values, slot, value_size);
      } else {
        const auto [link, size] = link_of(at, slot);
        if (size < value_size)
          fail(at,
               "scalar " + std::string(to_text(type)) + " of " + std::to_string(size) + " bytes");
        take_values(at, e.values, body_.data() + link, value_size);
      }
      return e;
    }

    // Vectors are linked blocks: int32 count, then the values. Some writers embed a tiny
    // vector in the 8-byte slot the same way; accept that rather than lose the element.
    e.type = ElementType::vector;
    const std::uint8_t* block = slot;
    std::size_t room = kEmbeddedBytes;
    std::size_t block_at = at + 20;
    if (!embedded) {
      const auto [link, size] = link_of(at, slot);
      block = body_.data() + link;
      room = size;
      block_at = link;
    }
    if (room < 4) fail(block_at, "vector block of " + std::to_string(room) + " bytes");
    const std::int32_t count = static_cast<std::int32_t>(load_u32(block));
    if (count < 0) fail(block_at, "negative vector count " + std::to_string(count));
    const auto n = static_cast<std::size_t>(count);
    if (n > (room - 4) / value_size)
      fail(block_at, "vector of " + std::to_string(n) + " " + std::string(to_text(type)) +
                         " values overruns its " + std::to_string(room) + "-byte block");
    e.values.count = static_cast<std::uint32_t>(n);
    take_values(block_at, e.values, block + 4, n * value_size);
    return e;
  }

  struct Link {
    std::size_t link;
    std::size_t size;
  };
  // The (link, size) pair of a header: a block that must lie inside the body.
  Link link_of(std::size_t at, const std::uint8_t* slot) {
    const std::int64_t link = static_cast<std::int32_t>(load_u32(slot));
    const std::int64_t size = static_cast<std::int32_t>(load_u32(slot + 4));
    const auto body_size = static_cast<std::int64_t>(body_.size());
    if (link < 0 || size < 0 || link > body_size || size > body_size - link)
      fail(at, "link " + std::to_string(link) + " size " + std::to_string(size) +
                   " points outside the " + std::to_string(body_size) + "-byte body");
    return {static_cast<std::size_t>(link), static_cast<std::size_t>(size)};
  }

  void take_values(std::size_t at, Values& v, const std::uint8_t* from, std::size_t bytes) {
    value_bytes_ += bytes;
    if (value_bytes_ > limits_.max_value_bytes)
      fail(at, "values exceed the limit of " + std::to_string(limits_.max_value_bytes) +
                   " bytes per record");
    v.bytes.assign(from, from + bytes);
  }

  void count_elements(std::size_t at, std::size_t n) {
    elements_ += n;
    if (elements_ > limits_.max_body_elements)
      fail(at, "record expands to more than " + std::to_string(limits_.max_body_elements) +
                   " elements");
  }

  void need(std::size_t pos, std::size_t bytes, const char* what) {
    if (pos > body_.size() || bytes > body_.size() - pos)
      fail(pos, std::string(what) + " overruns the " + std::to_string(body_.size()) + "-byte body");
  }

  [[noreturn]] void fail(std::size_t pos, const std::string& what) const {
    std::string message = what;
    message += " (body byte ";
    message += std::to_string(pos);
    message += origin_.inflated ? " after inflating)" : ")";
    throw PqdifError(message, origin_.record,
                     origin_.inflated ? origin_.record_offset : origin_.body_offset + pos);
  }

  std::span<const std::uint8_t> body_;
  const ReadLimits& limits_;
  const BodyOrigin& origin_;
  std::vector<std::size_t> open_;  // positions of the collections being decoded
  std::size_t elements_ = 0;
  std::size_t value_bytes_ = 0;
};

// Appends the standard layout of `collection` at the (4-aligned) end of `out`.
class Encoder {
 public:
  explicit Encoder(std::vector<std::uint8_t>& out) : out_(out) {}

  void collection(const Element& c) {
    const std::size_t start = out_.size();
    const std::size_t n = c.children.size();
    check_fits(n * kElementHeaderSize);
    out_.resize(start + 4 + n * kElementHeaderSize, 0);
    store_u32(out_.data() + start, static_cast<std::uint32_t>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const Element& e = c.children[i];
      const std::size_t h = start + 4 + i * kElementHeaderSize;
      std::uint8_t fields[kElementHeaderSize] = {};
      std::memcpy(fields, e.tag.bytes.data(), 16);
      fields[16] = static_cast<std::uint8_t>(e.type);
      switch (e.type) {
        case ElementType::collection: {
          align();
          const std::size_t link = out_.size();
          collection(e);
          put_link(fields, link, 4 + e.children.size() * kElementHeaderSize);
          break;
        }
        case ElementType::scalar: {
          const std::size_t size = checked_size(e, 1);
          fields[17] = static_cast<std::uint8_t>(e.values.type);
          if (size <= kEmbeddedBytes) {
            fields[18] = 1;
            std::memcpy(fields + 20, e.values.bytes.data(), size);
          } else {
            align();
            const std::size_t link = out_.size();
            append(e.values.bytes.data(), size);
            put_link(fields, link, size);
          }
          break;
        }
        case ElementType::vector: {
          const std::size_t size = checked_size(e, e.values.count);
          fields[17] = static_cast<std::uint8_t>(e.values.type);
          align();
          const std::size_t link = out_.size();
          std::uint8_t count[4];
          store_u32(count, e.values.count);
          append(count, 4);
          append(e.values.bytes.data(), size);
          put_link(fields, link, 4 + size);
          break;
        }
        default:
          throw PqdifError("cannot encode element type " +
                           std::to_string(static_cast<int>(e.type)));
      }
      std::memcpy(out_.data() + h, fields, kElementHeaderSize);
    }
    align();
  }

 private:
  static std::size_t checked_size(const Element& e, std::uint32_t count) {
    const auto size = size_of(e.values.type);
    if (!size)
      throw PqdifError("cannot encode physical type " +
                       std::to_string(static_cast<int>(e.values.type)));
    if (e.values.count != count && e.type == ElementType::scalar)
      throw PqdifError("scalar " + e.tag.to_string() + " holds " + std::to_string(e.values.count) +
                       " values");
    if (e.values.bytes.size() != *size * count)
      throw PqdifError("element " + e.tag.to_string() + ": " +
                       std::to_string(e.values.bytes.size()) + " bytes for " +
                       std::to_string(count) + " " + std::string(to_text(e.values.type)) +
                       " values");
    return e.values.bytes.size();
  }

  void put_link(std::uint8_t* fields, std::size_t link, std::size_t size) {
    store_u32(fields + 20, static_cast<std::uint32_t>(link));
    store_u32(fields + 24, static_cast<std::uint32_t>(size));
  }

  void append(const std::uint8_t* p, std::size_t n) {
    check_fits(n);
    out_.insert(out_.end(), p, p + n);
  }

  void align() { out_.resize((out_.size() + 3) & ~std::size_t{3}, 0); }

  // Links and sizes are int32: a body must stay below 2 GiB.
  void check_fits(std::size_t more) const {
    constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
    if (more > kMax - 8 || out_.size() + more > kMax - 8)
      throw PqdifError("record body exceeds 2 GiB");
  }

  std::vector<std::uint8_t>& out_;
};

}  // namespace

Element decode_body(std::span<const std::uint8_t> body, const ReadLimits& limits,
                    const BodyOrigin& origin) {
  Decoder decoder(body, limits, origin);
  return decoder.collection_at(0, 0);
}

std::vector<std::uint8_t> encode_body(const Element& body) {
  if (body.type != ElementType::collection) throw PqdifError("a record body must be a collection");
  std::vector<std::uint8_t> out;
  Encoder(out).collection(body);
  return out;
}

}  // namespace jemhead::pqdif
