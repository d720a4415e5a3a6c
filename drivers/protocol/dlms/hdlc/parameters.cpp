#include "drivers/protocol/dlms/hdlc/parameters.hpp"

#include <algorithm>

namespace jemhead::dlms::hdlc {
namespace {

constexpr std::uint32_t kDefaultInfo = 128;
constexpr std::uint32_t kDefaultWindow = 1;

void put_value(std::vector<std::uint8_t>& out, ParameterId id, std::uint32_t value,
               std::size_t width) {
  out.push_back(static_cast<std::uint8_t>(id));
  out.push_back(static_cast<std::uint8_t>(width));
  for (std::size_t i = width; i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::size_t info_width(std::uint32_t value) {
  return value > 0xFFFF ? 4 : 2;
}

std::optional<std::uint32_t>* slot(HdlcParameters& p, std::uint8_t id) {
  switch (static_cast<ParameterId>(id)) {
    case ParameterId::max_info_transmit: return &p.max_info_transmit;
    case ParameterId::max_info_receive: return &p.max_info_receive;
    case ParameterId::window_transmit: return &p.window_transmit;
    case ParameterId::window_receive: return &p.window_receive;
  }
  return nullptr;
}

}  // namespace

std::vector<std::uint8_t> encode_parameters(const HdlcParameters& p) {
  std::vector<std::uint8_t> group;
  if (p.max_info_transmit)
    put_value(group, ParameterId::max_info_transmit, *p.max_info_transmit,
              info_width(*p.max_info_transmit));
  if (p.max_info_receive)
    put_value(group, ParameterId::max_info_receive, *p.max_info_receive,
              info_width(*p.max_info_receive));
  if (p.window_transmit) put_value(group, ParameterId::window_transmit, *p.window_transmit, 4);
  if (p.window_receive) put_value(group, ParameterId::window_receive, *p.window_receive, 4);
  if (group.empty()) return {};
  std::vector<std::uint8_t> out{kParameterFormatId, kParameterGroupId,
                                static_cast<std::uint8_t>(group.size())};
  out.insert(out.end(), group.begin(), group.end());
  return out;
}

std::vector<std::uint8_t> encode_parameters(const LinkParameters& p) {
  return encode_parameters(stated(p));
}

std::optional<HdlcParameters> decode_parameters(std::span<const std::uint8_t> info) {
  HdlcParameters p;
  if (info.empty()) return p;
  if (info.size() < 3 || info[0] != kParameterFormatId || info[1] != kParameterGroupId ||
      info[2] != info.size() - 3)
    return std::nullopt;
  auto rest = info.subspan(3);
  while (!rest.empty()) {
    if (rest.size() < 2) return std::nullopt;
    const std::uint8_t id = rest[0];
    const std::size_t width = rest[1];
    if (rest.size() < 2 + width) return std::nullopt;
    const auto bytes = rest.subspan(2, width);
    rest = rest.subspan(2 + width);
    auto* target = slot(p, id);
    if (!target) continue;  // a parameter this profile does not define
    if (width != 1 && width != 2 && width != 4) return std::nullopt;
    if (target->has_value()) return std::nullopt;
    std::uint32_t value = 0;
    for (std::uint8_t b : bytes) value = value << 8 | b;
    if (value == 0) return std::nullopt;
    *target = value;
  }
  return p;
}

LinkParameters negotiate(const LinkParameters& local, const HdlcParameters& peer) {
  return LinkParameters{
      std::min(local.max_info_transmit, peer.max_info_receive.value_or(kDefaultInfo)),
      std::min(local.max_info_receive, peer.max_info_transmit.value_or(kDefaultInfo)),
      std::min(local.window_transmit, peer.window_receive.value_or(kDefaultWindow)),
      std::min(local.window_receive, peer.window_transmit.value_or(kDefaultWindow)),
  };
}

HdlcParameters stated(const LinkParameters& p) {
  return HdlcParameters{p.max_info_transmit, p.max_info_receive, p.window_transmit,
                        p.window_receive};
}

}  // namespace jemhead::dlms::hdlc
