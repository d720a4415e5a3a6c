#pragma once
// Every failure to read or write PQDIF: what went wrong, in which record and at which byte
// offset of the file (the offset of the record header, or of the element, when known).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace jemhead::pqdif {

class PqdifError : public std::runtime_error {
 public:
  explicit PqdifError(const std::string& what, std::optional<std::size_t> record = std::nullopt,
                      std::optional<std::uint64_t> offset = std::nullopt);
  // 0-based index of the record, and the file offset.
  std::optional<std::size_t> record() const { return record_; }
  std::optional<std::uint64_t> offset() const { return offset_; }

 private:
  std::optional<std::size_t> record_;
  std::optional<std::uint64_t> offset_;
};

}  // namespace jemhead::pqdif
