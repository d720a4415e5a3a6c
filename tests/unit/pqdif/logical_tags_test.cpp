// The standard's identifiers as data: a sample of tags and IDs checked against their
// textual GUIDs (as instruments write them), and the name lookups.
#include <gtest/gtest.h>

#include "core/pqdif/tags.hpp"

namespace jemhead::pqdif {
namespace {

std::string text(const Guid& g) {
  return g.to_string();
}

TEST(PqdifLogicalTags, TagGuidsMatchTheStandardText) {
  EXPECT_EQ(text(kTagVersionInfo), "89738607-f1c3-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kTagChannelDefns), "b48d858d-f5f5-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kTagQuantityMeasuredID), "c690e872-f755-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kTagQuantityCharacteristicID), "3d786f9e-f76e-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kTagEffective), "62f28183-f9c4-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kTagSeriesShareSeriesIdx), "89738620-f1c3-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kTagSeriesNominalQuantity), "0fa118c8-cb4a-11d2-b30b-fe25cb9a1760");
  EXPECT_EQ(text(kTagChannelGroupID), "f90de218-e67b-4cf1-a295-b021a2d46767");
  EXPECT_EQ(text(kTagQuantityResolutionID), "fb228ee0-fc8d-11d2-b49a-006008b37183");
  EXPECT_EQ(text(kTagQuantitySignificantDigitsID), "a112f421-b111-11d2-9b37-0040052c2d28");
  EXPECT_EQ(text(kTagSettingPhysicalConnection), "9f256ee0-803b-11d3-b92f-0050da2b1f4d");
  EXPECT_EQ(text(kTagTriggerHighHigh), "5b12f431-ff54-11d3-b968-0050da2b1f4d");
}

TEST(PqdifLogicalTags, IdentifierGuidsMatchTheStandardText) {
  EXPECT_EQ(text(kQuantityTypeWaveform), "67f6af80-f753-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kQuantityTypeMagDurTime), "67f6af8d-f753-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kValueTypeTime), "c690e862-f755-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kValueTypeAvg), "67f6af9a-f753-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kValueTypePhaseAngleMin), "dc762340-3c56-11d2-ae44-0060083a2628");
  EXPECT_EQ(text(kCharacteristicRms), "a6b31ae5-b451-11d1-ae17-0060083a2628");
  EXPECT_EQ(text(kCharacteristicFrequency), "07ef68af-9ff5-11d2-b30b-006008b37183");
  EXPECT_EQ(text(kCharacteristicSpectraHGroup), "53be6ba8-0789-455b-9a95-da128683dda7");
  EXPECT_EQ(text(kCharacteristicFlickerPst), "515bf320-71ca-11d4-a4b3-444553540000");
  EXPECT_EQ(text(kDataSourceMeasure), "e6b51730-f747-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(text(kVendorElectrotek), "e6b5170a-f747-11cf-9d89-0080c72e70a3");
}

TEST(PqdifLogicalTags, TagNamesUseTheStandardSpelling) {
  EXPECT_EQ(tag_name(kTagChannelDefns), "tagChannelDefns");
  EXPECT_EQ(tag_name(kTagOneSeriesInstance), "tagOneSeriesInstance");
  EXPECT_EQ(tag_name(kTagRecordObservation), "tagRecObservation");
  EXPECT_EQ(tag_name(kTagContainer), "tagContainer");
  EXPECT_EQ(tag_name(kTagCompressionStyleID), "tagCompressionStyleID");
  EXPECT_EQ(tag_name(kTagChannelGroupID), "tagChannelGroupID");
  EXPECT_EQ(tag_name(kQuantityTypeWaveform), "");  // an ID, not a tag
  EXPECT_EQ(tag_name(Guid{}), "");
}

TEST(PqdifLogicalTags, EnumerationNames) {
  EXPECT_EQ(quantity_type_name(kQuantityTypeMagDurTime), "ID_QT_MAGDURTIME");
  EXPECT_EQ(quantity_type_name(kQuantityTypeValueLog), "ID_QT_VALUELOG");
  EXPECT_EQ(value_type_name(kValueTypeMax), "ID_SERIES_VALUE_TYPE_MAX");
  EXPECT_EQ(characteristic_name(kCharacteristicTotalThd), "ID_QC_TOTAL_THD");
  EXPECT_EQ(data_source_type_name(kDataSourceSimulate), "ID_DS_TYPE_SIMULATE");
  EXPECT_EQ(vendor_name(kVendorPml), "ID_VENDOR_PML");
  EXPECT_EQ(phase_name(kPhaseCA), "ID_PHASE_CA");
  EXPECT_EQ(phase_name(kPhaseGeneral1 + 15), "ID_PHASE_GENERAL_16");
  EXPECT_EQ(phase_name(10), "");
  EXPECT_EQ(units_name(kUnitsVolts), "ID_QU_VOLTS");
  EXPECT_EQ(units_name(kUnitsHertz), "ID_QU_HERTZ");
  EXPECT_EQ(units_name(4), "");
  EXPECT_EQ(quantity_measured_name(kMeasuredCurrent), "ID_QM_CURRENT");
  EXPECT_EQ(trigger_method_name(kTriggerPeriodicStats), "ID_TRIGGER_METH_PERIODIC_STATS");
  EXPECT_EQ(value_type_name(kQuantityTypeXY), "");
}

TEST(PqdifLogicalTags, GuidNameSearchesEveryTable) {
  EXPECT_EQ(guid_name(kTagSeriesValues), "tagSeriesValues");
  EXPECT_EQ(guid_name(kQuantityTypePhasor), "ID_QT_PHASOR");
  EXPECT_EQ(guid_name(kValueTypeTime), "ID_SERIES_VALUE_TYPE_TIME");
  EXPECT_EQ(guid_name(kCharacteristicInstantaneous), "ID_QC_INSTANTANEOUS");
  EXPECT_EQ(guid_name(kVendorNone), "ID_VENDOR_NONE");
  EXPECT_EQ(guid_name(Guid::of(1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11})), "");
}

TEST(PqdifLogicalTags, StorageMethodBitsAreDistinct) {
  EXPECT_EQ(kStorageValues, 1u);
  EXPECT_EQ(kStorageScaled, 2u);
  EXPECT_EQ(kStorageIncrement, 4u);
}

}  // namespace
}  // namespace jemhead::pqdif
