#include "drivers/protocol/dlms/axdr/walk.hpp"

namespace jemhead::dlms::axdr {

std::string element_context(std::string_view name, std::size_t index) {
  return std::string(name) + " element " + std::to_string(index);
}

std::string entry_context(std::string_view name, std::size_t index) {
  return std::string(name) + "[" + std::to_string(index) + "]";
}

const std::vector<Data>& elements_of(const Data& value, DataType container, std::string_view name,
                                     std::optional<std::size_t> expected_count) {
  if (!value.is(container)) throw TypeMismatch(container, value.type(), std::string(name));
  const auto& elements = container == DataType::array ? value.as_array() : value.as_structure();
  if (expected_count && elements.size() != *expected_count)
    throw ShapeError(std::string(name) + " has " + std::to_string(elements.size()) +
                     " elements, expected " + std::to_string(*expected_count));
  return elements;
}

StructureReader::StructureReader(const Data& structure, std::string_view name,
                                 std::optional<std::size_t> expected_count)
    : elements_(&elements_of(structure, DataType::structure, name, expected_count)), name_(name) {}

const Data& StructureReader::next() {
  if (at_end())
    throw ShapeError(name_ + " has " + std::to_string(elements_->size()) + " elements, element " +
                     std::to_string(next_) + " was asked for");
  return (*elements_)[next_++];
}

void StructureReader::expect_end() const {
  if (!at_end())
    throw ShapeError(name_ + " has " + std::to_string(elements_->size()) + " elements, " +
                     std::to_string(next_) + " expected");
}

std::string StructureReader::element_context(std::size_t index) const {
  return axdr::element_context(name_, index);
}

}  // namespace jemhead::dlms::axdr
