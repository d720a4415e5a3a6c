#include "drivers/protocol/modbus/modbus_options.hpp"

#include <boost/json.hpp>
#include <string>

namespace jemhead::modbus {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxOptionsBytes = 64 * 1024;

// Integer field into a uint16 bounded by [lo, hi]; false when absent.
void read_u16(Validation& v, const json::object& o, std::string_view key, std::uint16_t& out,
              std::int64_t lo, std::int64_t hi) {
  const auto* value = o.if_contains(key);
  if (!value) return;
  const std::string field = "options/" + std::string(key);
  const auto* i = value->if_int64();
  const auto* u = value->if_uint64();
  if (!i && !u) {
    v.fail(field, "must be an integer");
    return;
  }
  const std::int64_t n = i ? *i : (*u > 1000000 ? 1000000 : static_cast<std::int64_t>(*u));
  const auto before = v.errors().size();
  v.range(field, n, lo, hi);
  if (v.errors().size() == before) out = static_cast<std::uint16_t>(n);
}

}  // namespace

ModbusOptionsLoad parse_modbus_options(std::string_view text) {
  ModbusOptionsLoad out;
  Validation& v = out.problems;
  if (text.size() > kMaxOptionsBytes) {
    v.fail("options", "too large");
    return out;
  }
  json::parse_options po;
  po.max_depth = 8;
  std::error_code ec;
  const auto doc =
      json::parse(text.empty() ? std::string_view("{}") : text, ec, json::storage_ptr(), po);
  if (ec) {
    v.fail("options", "not valid JSON: " + ec.message());
    return out;
  }
  const auto* o = doc.if_object();
  if (!o) {
    v.fail("options", "must be an object");
    return out;
  }
  for (const auto& kv : *o) {
    const std::string_view key = kv.key();
    if (key == "crc_order") {
      const auto* s = kv.value().if_string();
      const auto order = s ? from_text<CrcOrder>(std::string_view(*s)) : std::nullopt;
      if (order)
        out.options.crc_order = *order;
      else
        v.fail("options/crc_order", "must be one of " + allowed_texts<CrcOrder>());
    } else if (key == "unit_id") {
      std::uint16_t unit = 0;
      const auto before = v.errors().size();
      read_u16(v, *o, key, unit, 0, 255);
      if (v.errors().size() == before) out.options.unit_id = static_cast<std::uint8_t>(unit);
    } else if (key == "max_read_registers") {
      read_u16(v, *o, key, out.options.limits.max_read_registers, 2, 125);
    } else if (key == "max_write_registers") {
      read_u16(v, *o, key, out.options.limits.max_write_registers, 2, 120);
    } else if (key == "max_read_bits") {
      read_u16(v, *o, key, out.options.limits.max_read_bits, 1, 2000);
    } else if (key == "max_gap") {
      read_u16(v, *o, key, out.options.limits.max_gap, 0, 125);
    } else {
      v.fail("options/" + std::string(key), "unknown Modbus option");
    }
  }
  return out;
}

}  // namespace jemhead::modbus
