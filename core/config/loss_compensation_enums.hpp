#pragma once
// Enumerations of TRANSFORMER LOSS COMPENSATION (manual L6738-L7041) and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Settings tab (L6865-L6873).
enum class TlcEntryMode { transformer_parameters, percentage_losses };
enum class TlcScope { total_system, each_phase };
// Received/Delivered Losses and System Loss: add to or subtract from the measured quantities
// (L6819-L6835, L6879-L6885, L7021-L7025).
enum class LossOperation { add, subtract };
// The meter's modes (L7029-L7037): derived from the settings (tlc_mode()), never stored.
enum class TlcMode { no_system_loss_and_no_tlc, tlc_only, system_loss_only, system_loss_and_tlc };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::TlcEntryMode> {
  using E = config::TlcEntryMode;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::transformer_parameters, "transformer_parameters"},
       {E::percentage_losses, "percentage_losses"}}};
};

template <>
struct EnumText<config::TlcScope> {
  using E = config::TlcScope;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::total_system, "total_system"}, {E::each_phase, "each_phase"}}};
};

template <>
struct EnumText<config::LossOperation> {
  using E = config::LossOperation;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::add, "add"}, {E::subtract, "subtract"}}};
};

template <>
struct EnumText<config::TlcMode> {
  using E = config::TlcMode;
  static constexpr std::array<std::pair<E, std::string_view>, 4> names{
      {{E::no_system_loss_and_no_tlc, "no_system_loss_and_no_tlc"},
       {E::tlc_only, "tlc_only"},
       {E::system_loss_only, "system_loss_only"},
       {E::system_loss_and_tlc, "system_loss_and_tlc"}}};
};

}  // namespace jemhead
