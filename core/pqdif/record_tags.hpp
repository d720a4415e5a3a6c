#pragma once
// The identifiers the physical layer itself needs: the signature that opens every record
// header, the record-level tags (what kind of record a header announces), and the two
// container elements that switch record-level compression on. Everything else the logical
// layer names lives in tags.hpp.
#include <array>
#include <cstdint>

#include "core/pqdif/guid.hpp"

namespace jemhead::pqdif {

namespace detail {
// The byte tail shared by most standard tags (Data4 of {8973xxxx-f1c3-11cf-9d89-0080c72e70a3}).
inline constexpr std::array<std::uint8_t, 8> kStandardTagTail{0x9d, 0x89, 0x00, 0x80,
                                                              0xc7, 0x2e, 0x70, 0xa3};
}  // namespace detail

// {4a111440-e49f-11cf-9900-505144494600}: first 16 bytes of every record header.
inline constexpr Guid kRecordSignature =
    Guid::of(0x4a111440, 0xe49f, 0x11cf, {0x99, 0x00, 0x50, 0x51, 0x44, 0x49, 0x46, 0x00});

// Record types (the header's second GUID).
inline constexpr Guid kTagContainer =
    Guid::of(0x89738606, 0xf1c3, 0x11cf, detail::kStandardTagTail);
inline constexpr Guid kTagRecordDataSource =
    Guid::of(0x89738619, 0xf1c3, 0x11cf, detail::kStandardTagTail);
inline constexpr Guid kTagRecordMonitorSettings =
    Guid::of(0xb48d858c, 0xf5f5, 0x11cf, detail::kStandardTagTail);
inline constexpr Guid kTagRecordObservation =
    Guid::of(0x8973861a, 0xf1c3, 0x11cf, detail::kStandardTagTail);
// Fills space: as a record tag it marks a record readers skip; inside a collection, an
// element readers ignore.
inline constexpr Guid kTagBlank = Guid::of(0x89738618, 0xf1c3, 0x11cf, detail::kStandardTagTail);

// Container elements (scalar unsigned4) announcing compression of the following records.
inline constexpr Guid kTagCompressionStyleID =
    Guid::of(0x8973861b, 0xf1c3, 0x11cf, detail::kStandardTagTail);
inline constexpr Guid kTagCompressionAlgorithmID =
    Guid::of(0x8973861c, 0xf1c3, 0x11cf, detail::kStandardTagTail);

// Values of kTagCompressionStyleID. total_file is deprecated since PQDIF 1.5.
enum class CompressionStyle : std::uint32_t { none = 0, total_file = 1, record_level = 2 };
// Values of kTagCompressionAlgorithmID.
// The standard's ID_COMP_ALG_PKZIPCL is 64 (not 2).
enum class CompressionAlgorithm : std::uint32_t { none = 0, zlib = 1, pkzip = 64 };

}  // namespace jemhead::pqdif
