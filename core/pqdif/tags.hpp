#pragma once
// The logical layer's vocabulary (IEEE 1159.3, PQDIF 1.5): the tags that name elements of
// container, data source, monitor settings and observation records, and the standard
// identifiers those elements hold (quantity types, value types, characteristics, phases,
// units, storage methods, trigger methods, data source types, vendors). Written as data in
// our own layout; the record-level tags and compression identifiers the physical layer
// needs are in record_tags.hpp and are not repeated here.
#include <array>
#include <cstdint>
#include <string_view>

#include "core/pqdif/guid.hpp"
#include "core/pqdif/record_tags.hpp"

namespace jemhead::pqdif {

namespace detail {
// Most standard GUIDs differ only in Data1 and Data2: {d1-d2-11cf-9d89-0080c72e70a3}.
constexpr Guid standard_guid(std::uint32_t d1, std::uint16_t d2) {
  return Guid::of(d1, d2, 0x11cf, kStandardTagTail);
}
// Tails of the identifier families added for PQDIF 1.5.
inline constexpr std::array<std::uint8_t, 8> kTailAe42{0xae, 0x42, 0x00, 0x60,
                                                       0x08, 0x3a, 0x26, 0x28};
inline constexpr std::array<std::uint8_t, 8> kTailB30b{0xb3, 0x0b, 0xfe, 0x25,
                                                       0xcb, 0x9a, 0x17, 0x60};
inline constexpr std::array<std::uint8_t, 8> kTailAe17{0xae, 0x17, 0x00, 0x60,
                                                       0x08, 0x3a, 0x26, 0x28};
inline constexpr std::array<std::uint8_t, 8> kTailB30bDemand{0xb3, 0x0b, 0x00, 0x60,
                                                             0x08, 0xb3, 0x71, 0x83};
inline constexpr std::array<std::uint8_t, 8> kTailA4b3{0xa4, 0xb3, 0x44, 0x45,
                                                       0x53, 0x54, 0x00, 0x00};
inline constexpr std::array<std::uint8_t, 8> kTailB968{0xb9, 0x68, 0x00, 0x50,
                                                       0xda, 0x2b, 0x1f, 0x4d};
}  // namespace detail

// --- Container record -------------------------------------------------------------------
inline constexpr Guid kTagVersionInfo = detail::standard_guid(0x89738607, 0xf1c3);
inline constexpr Guid kTagFileName = detail::standard_guid(0x89738608, 0xf1c3);
inline constexpr Guid kTagCreation = detail::standard_guid(0x89738609, 0xf1c3);
inline constexpr Guid kTagLastSaved = detail::standard_guid(0x8973860a, 0xf1c3);
inline constexpr Guid kTagTimesSaved = detail::standard_guid(0x8973860b, 0xf1c3);
inline constexpr Guid kTagLanguage = detail::standard_guid(0x8973860c, 0xf1c3);
inline constexpr Guid kTagTitle = detail::standard_guid(0x8973860d, 0xf1c3);
inline constexpr Guid kTagSubject = detail::standard_guid(0x8973860e, 0xf1c3);
inline constexpr Guid kTagAuthor = detail::standard_guid(0x8973860f, 0xf1c3);
inline constexpr Guid kTagKeywords = detail::standard_guid(0x89738610, 0xf1c3);
inline constexpr Guid kTagComments = detail::standard_guid(0x89738611, 0xf1c3);
inline constexpr Guid kTagLastSavedBy = detail::standard_guid(0x89738612, 0xf1c3);
inline constexpr Guid kTagSecurity = detail::standard_guid(0x89738613, 0xf1c3);
inline constexpr Guid kTagOwner = detail::standard_guid(0x89738614, 0xf1c3);
inline constexpr Guid kTagCopyright = detail::standard_guid(0x89738615, 0xf1c3);
inline constexpr Guid kTagTrademarks = detail::standard_guid(0x89738616, 0xf1c3);
inline constexpr Guid kTagNotes = detail::standard_guid(0x89738617, 0xf1c3);
inline constexpr Guid kTagApplication = detail::standard_guid(0x89738623, 0xf1c3);
inline constexpr Guid kTagCompressionChecksum = detail::standard_guid(0x8973861d, 0xf1c3);

// --- Data source record -----------------------------------------------------------------
inline constexpr Guid kTagDataSourceTypeID = detail::standard_guid(0xb48d8581, 0xf5f5);
inline constexpr Guid kTagVendorID = detail::standard_guid(0xb48d8582, 0xf5f5);
inline constexpr Guid kTagEquipmentID = detail::standard_guid(0xb48d8583, 0xf5f5);
inline constexpr Guid kTagCustomSourceInfo = detail::standard_guid(0xb48d8584, 0xf5f5);
inline constexpr Guid kTagSerialNumberDS = detail::standard_guid(0xb48d8585, 0xf5f5);
inline constexpr Guid kTagVersionDS = detail::standard_guid(0xb48d8586, 0xf5f5);
inline constexpr Guid kTagNameDS = detail::standard_guid(0xb48d8587, 0xf5f5);
inline constexpr Guid kTagOwnerDS = detail::standard_guid(0xb48d8588, 0xf5f5);
inline constexpr Guid kTagLocationDS = detail::standard_guid(0xb48d8589, 0xf5f5);
inline constexpr Guid kTagTimeZoneDS = detail::standard_guid(0xb48d858a, 0xf5f5);
inline constexpr Guid kTagCoordinatesDS = detail::standard_guid(0xb48d858b, 0xf5f5);
inline constexpr Guid kTagChannelDefns = detail::standard_guid(0xb48d858d, 0xf5f5);
inline constexpr Guid kTagOneChannelDefn = detail::standard_guid(0xb48d858e, 0xf5f5);
inline constexpr Guid kTagChannelName = detail::standard_guid(0xb48d8590, 0xf5f5);
inline constexpr Guid kTagPhaseID = detail::standard_guid(0xb48d8591, 0xf5f5);
inline constexpr Guid kTagQuantityTypeID = detail::standard_guid(0xb48d8592, 0xf5f5);
inline constexpr Guid kTagOtherChannelIdentifier = detail::standard_guid(0xb48d8593, 0xf5f5);
inline constexpr Guid kTagGroupName = detail::standard_guid(0xb48d8594, 0xf5f5);
inline constexpr Guid kTagQuantityName = detail::standard_guid(0xb48d8595, 0xf5f5);
inline constexpr Guid kTagPrimarySeriesIdx = detail::standard_guid(0xb48d8596, 0xf5f5);
inline constexpr Guid kTagQuantityMeasuredID = detail::standard_guid(0xc690e872, 0xf755);
inline constexpr Guid kTagPhysicalChannel = detail::standard_guid(0x89738622, 0xf1c3);
inline constexpr Guid kTagInstrumentTypeID = detail::standard_guid(0x3d786f82, 0xf76e);
inline constexpr Guid kTagInstrumentModelName = detail::standard_guid(0x3d786f83, 0xf76e);
inline constexpr Guid kTagInstrumentModelNumber = detail::standard_guid(0x3d786f84, 0xf76e);
inline constexpr Guid kTagSeriesDefns = detail::standard_guid(0xb48d8598, 0xf5f5);
inline constexpr Guid kTagOneSeriesDefn = detail::standard_guid(0xb48d859a, 0xf5f5);
inline constexpr Guid kTagQuantityUnitsID = detail::standard_guid(0xb48d859b, 0xf5f5);
inline constexpr Guid kTagValueTypeID = detail::standard_guid(0xb48d859c, 0xf5f5);
inline constexpr Guid kTagValueTypeName = detail::standard_guid(0xb48d859d, 0xf5f5);
inline constexpr Guid kTagHintGreekPrefixID = detail::standard_guid(0xb48d859e, 0xf5f5);
inline constexpr Guid kTagHintPreferredUnitsID = detail::standard_guid(0xb48d859f, 0xf5f5);
inline constexpr Guid kTagHintDefaultDisplayID = detail::standard_guid(0xb48d85a0, 0xf5f5);
inline constexpr Guid kTagStorageMethodID = detail::standard_guid(0xb48d85a1, 0xf5f5);
inline constexpr Guid kTagQuantityCharacteristicID = detail::standard_guid(0x3d786f9e, 0xf76e);
inline constexpr Guid kTagQuantitySignificantDigitsID =
    Guid::of(0xa112f421, 0xb111, 0x11d2, {0x9b, 0x37, 0x00, 0x40, 0x05, 0x2c, 0x2d, 0x28});
inline constexpr Guid kTagQuantityResolutionID =
    Guid::of(0xfb228ee0, 0xfc8d, 0x11d2, {0xb4, 0x9a, 0x00, 0x60, 0x08, 0xb3, 0x71, 0x83});
inline constexpr Guid kTagProbInterval = Guid::of(0x2747d441, 0x2bd0, 0x11d2, detail::kTailAe42);
inline constexpr Guid kTagProbPercentile = Guid::of(0x2747d440, 0x2bd0, 0x11d2, detail::kTailAe42);
inline constexpr Guid kTagSeriesNominalQuantity =
    Guid::of(0x0fa118c8, 0xcb4a, 0x11d2, detail::kTailB30b);
// Contact details (vendor collection); the standard types them loosely.
inline constexpr Guid kTagName = detail::standard_guid(0xb48d85a2, 0xf5f5);
inline constexpr Guid kTagAddress1 = detail::standard_guid(0xb48d85a3, 0xf5f5);
inline constexpr Guid kTagAddress2 = detail::standard_guid(0xb48d85a4, 0xf5f5);
inline constexpr Guid kTagCity = detail::standard_guid(0xb48d85a5, 0xf5f5);
inline constexpr Guid kTagState = detail::standard_guid(0xb48d85a6, 0xf5f5);
inline constexpr Guid kTagPostalCode = detail::standard_guid(0xb48d85a7, 0xf5f5);
inline constexpr Guid kTagCountry = detail::standard_guid(0xb48d85a8, 0xf5f5);
inline constexpr Guid kTagPhoneVoice = detail::standard_guid(0xb48d85a9, 0xf5f5);
inline constexpr Guid kTagPhoneFAX = detail::standard_guid(0x3d786f80, 0xf76e);
inline constexpr Guid kTagEMail = detail::standard_guid(0x3d786f81, 0xf76e);

// --- Monitor settings record ------------------------------------------------------------
inline constexpr Guid kTagEffective = detail::standard_guid(0x62f28183, 0xf9c4);
inline constexpr Guid kTagTimeInstalled = detail::standard_guid(0x3d786f85, 0xf76e);
inline constexpr Guid kTagTimeRemoved = detail::standard_guid(0x3d786f86, 0xf76e);
inline constexpr Guid kTagUseCalibration = detail::standard_guid(0x62f28180, 0xf9c4);
inline constexpr Guid kTagUseTransducer = detail::standard_guid(0x62f28181, 0xf9c4);
inline constexpr Guid kTagChannelSettingsArray = detail::standard_guid(0x62f28182, 0xf9c4);
inline constexpr Guid kTagOneChannelSetting = detail::standard_guid(0x3d786f9a, 0xf76e);
inline constexpr Guid kTagChannelDefnIdx = detail::standard_guid(0xb48d858f, 0xf5f5);
inline constexpr Guid kTagNominalFrequency =
    Guid::of(0x0fa118c3, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagSettingPhysicalConnection =
    Guid::of(0x9f256ee0, 0x803b, 0x11d3, {0xb9, 0x2f, 0x00, 0x50, 0xda, 0x2b, 0x1f, 0x4d});
inline constexpr Guid kTagTriggerTypeID = detail::standard_guid(0x62f28184, 0xf9c4);
inline constexpr Guid kTagFullScale = detail::standard_guid(0x3d786f87, 0xf76e);
inline constexpr Guid kTagNoiseFloor = detail::standard_guid(0x3d786f89, 0xf76e);
inline constexpr Guid kTagTriggerLow = detail::standard_guid(0x62f28185, 0xf9c4);
inline constexpr Guid kTagTriggerHigh = detail::standard_guid(0x62f28186, 0xf9c4);
inline constexpr Guid kTagTriggerRate = detail::standard_guid(0x62f28187, 0xf9c4);
inline constexpr Guid kTagTriggerShapeParam = detail::standard_guid(0x62f28188, 0xf9c4);
inline constexpr Guid kTagXDTransformerTypeID = detail::standard_guid(0x62f28189, 0xf9c4);
inline constexpr Guid kTagXDSystemSideRatio = detail::standard_guid(0x62f2818a, 0xf9c4);
inline constexpr Guid kTagXDMonitorSideRatio = detail::standard_guid(0x62f2818b, 0xf9c4);
inline constexpr Guid kTagXDFrequencyResponse = detail::standard_guid(0x62f2818c, 0xf9c4);
inline constexpr Guid kTagCalTimeSkew = detail::standard_guid(0x62f2818d, 0xf9c4);
inline constexpr Guid kTagCalOffset = detail::standard_guid(0x62f2818e, 0xf9c4);
inline constexpr Guid kTagCalRatio = detail::standard_guid(0x62f2818f, 0xf9c4);
inline constexpr Guid kTagCalMustUseARCal = detail::standard_guid(0x62f28190, 0xf9c4);
inline constexpr Guid kTagCalApplied = detail::standard_guid(0x62f28191, 0xf9c4);
inline constexpr Guid kTagCalRecorded = detail::standard_guid(0x62f28192, 0xf9c4);
inline constexpr Guid kTagTriggerLowLow = Guid::of(0x5b12f430, 0xff54, 0x11d3, detail::kTailB968);
inline constexpr Guid kTagTriggerHighHigh = Guid::of(0x5b12f431, 0xff54, 0x11d3, detail::kTailB968);
inline constexpr Guid kTagTriggerDeadBand = Guid::of(0x5b12f432, 0xff54, 0x11d3, detail::kTailB968);

// --- Observation record -----------------------------------------------------------------
inline constexpr Guid kTagObservationName = detail::standard_guid(0x3d786f8a, 0xf76e);
inline constexpr Guid kTagTimeCreate = detail::standard_guid(0x3d786f8b, 0xf76e);
inline constexpr Guid kTagTimeStart = detail::standard_guid(0x3d786f8c, 0xf76e);
inline constexpr Guid kTagTriggerMethodID = detail::standard_guid(0x3d786f8d, 0xf76e);
inline constexpr Guid kTagTimeTriggered = detail::standard_guid(0x3d786f8e, 0xf76e);
inline constexpr Guid kTagChannelTriggerIdx = detail::standard_guid(0x3d786f8f, 0xf76e);
inline constexpr Guid kTagObservationSerial = detail::standard_guid(0x3d786f90, 0xf76e);
inline constexpr Guid kTagObservationAggregationSerial = detail::standard_guid(0x89738621, 0xf1c3);
inline constexpr Guid kTagDisturbanceCategoryID = detail::standard_guid(0xb48d8597, 0xf5f5);
inline constexpr Guid kTagChannelInstances = detail::standard_guid(0x3d786f91, 0xf76e);
inline constexpr Guid kTagOneChannelInst = detail::standard_guid(0x3d786f92, 0xf76e);
inline constexpr Guid kTagSeriesInstances = detail::standard_guid(0x3d786f93, 0xf76e);
inline constexpr Guid kTagOneSeriesInstance = detail::standard_guid(0x3d786f94, 0xf76e);
inline constexpr Guid kTagSeriesBaseQuantity = detail::standard_guid(0x3d786f95, 0xf76e);
inline constexpr Guid kTagSeriesScale = detail::standard_guid(0x3d786f96, 0xf76e);
inline constexpr Guid kTagSeriesOffset = detail::standard_guid(0x3d786f97, 0xf76e);
inline constexpr Guid kTagSeriesValues = detail::standard_guid(0x3d786f99, 0xf76e);
inline constexpr Guid kTagSeriesShareChannelIdx = detail::standard_guid(0x8973861f, 0xf1c3);
inline constexpr Guid kTagSeriesShareSeriesIdx = detail::standard_guid(0x89738620, 0xf1c3);
inline constexpr Guid kTagCharactDisturbDirection =
    Guid::of(0x0fa118c0, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagCharactDisturbDirectionQuality =
    Guid::of(0x0fa118c1, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagChanTriggerTypeID =
    Guid::of(0x0fa118c2, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagCrossTriggerChanIdx =
    Guid::of(0x0fa118c4, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagCrossTriggerDeviceName =
    Guid::of(0x0fa118c5, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagChanTriggerModuleName =
    Guid::of(0x0fa118c6, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagChanTriggerModuleInfo =
    Guid::of(0x0fa118c7, 0xcb4a, 0x11d2, detail::kTailB30b);
inline constexpr Guid kTagCharactMagnitude =
    Guid::of(0x2747d443, 0x2bd0, 0x11d2, detail::kTailAe42);
inline constexpr Guid kTagCharactDuration = Guid::of(0x2747d444, 0x2bd0, 0x11d2, detail::kTailAe42);
inline constexpr Guid kTagCharactFrequency =
    Guid::of(0x2747d445, 0x2bd0, 0x11d2, detail::kTailAe42);
inline constexpr Guid kTagChannelFrequency =
    Guid::of(0x2747d442, 0x2bd0, 0x11d2, detail::kTailAe42);
// Harmonic or interharmonic group index of a channel instance (INT2 in the standard).
inline constexpr Guid kTagChannelGroupID =
    Guid::of(0xf90de218, 0xe67b, 0x4cf1, {0xa2, 0x95, 0xb0, 0x21, 0xa2, 0xd4, 0x67, 0x67});

// --- Quantity types (kTagQuantityTypeID) ------------------------------------------------
inline constexpr Guid kQuantityTypeWaveform = detail::standard_guid(0x67f6af80, 0xf753);
inline constexpr Guid kQuantityTypePhasor = detail::standard_guid(0x67f6af81, 0xf753);
inline constexpr Guid kQuantityTypeValueLog = detail::standard_guid(0x67f6af82, 0xf753);
inline constexpr Guid kQuantityTypeFlash = detail::standard_guid(0x67f6af83, 0xf753);
inline constexpr Guid kQuantityTypeResponse = detail::standard_guid(0x67f6af85, 0xf753);
inline constexpr Guid kQuantityTypeHistogram = detail::standard_guid(0x67f6af87, 0xf753);
inline constexpr Guid kQuantityTypeHistogram3D = detail::standard_guid(0x67f6af88, 0xf753);
inline constexpr Guid kQuantityTypeCPF = detail::standard_guid(0x67f6af89, 0xf753);
inline constexpr Guid kQuantityTypeXY = detail::standard_guid(0x67f6af8a, 0xf753);
inline constexpr Guid kQuantityTypeMagDur = detail::standard_guid(0x67f6af8b, 0xf753);
inline constexpr Guid kQuantityTypeXYZ = detail::standard_guid(0x67f6af8c, 0xf753);
inline constexpr Guid kQuantityTypeMagDurTime = detail::standard_guid(0x67f6af8d, 0xf753);
inline constexpr Guid kQuantityTypeMagDurCount = detail::standard_guid(0x67f6af8e, 0xf753);

// --- Series value types (kTagValueTypeID) -----------------------------------------------
inline constexpr Guid kValueTypeVal = detail::standard_guid(0x67f6af97, 0xf753);
inline constexpr Guid kValueTypeMin = detail::standard_guid(0x67f6af98, 0xf753);
inline constexpr Guid kValueTypeMax = detail::standard_guid(0x67f6af99, 0xf753);
inline constexpr Guid kValueTypeAvg = detail::standard_guid(0x67f6af9a, 0xf753);
inline constexpr Guid kValueTypeInst = detail::standard_guid(0x67f6af9b, 0xf753);  // deprecated
inline constexpr Guid kValueTypeTime = detail::standard_guid(0xc690e862, 0xf755);
inline constexpr Guid kValueTypeDuration = detail::standard_guid(0xc690e863, 0xf755);
inline constexpr Guid kValueTypeLatitude = detail::standard_guid(0xc690e864, 0xf755);
inline constexpr Guid kValueTypeLongitude = detail::standard_guid(0xc690e865, 0xf755);
inline constexpr Guid kValueTypePolarity = detail::standard_guid(0xc690e866, 0xf755);
inline constexpr Guid kValueTypeEllipse = detail::standard_guid(0xc690e867, 0xf755);
inline constexpr Guid kValueTypeFrequency = detail::standard_guid(0xc690e868, 0xf755);
inline constexpr Guid kValueTypeBinID = detail::standard_guid(0xc690e869, 0xf755);
inline constexpr Guid kValueTypeBinHigh = detail::standard_guid(0xc690e86a, 0xf755);
inline constexpr Guid kValueTypeBinLow = detail::standard_guid(0xc690e86b, 0xf755);
inline constexpr Guid kValueTypeXBinHigh = detail::standard_guid(0xc690e86c, 0xf755);
inline constexpr Guid kValueTypeXBinLow = detail::standard_guid(0xc690e86d, 0xf755);
inline constexpr Guid kValueTypeYBinHigh = detail::standard_guid(0xc690e86e, 0xf755);
inline constexpr Guid kValueTypeYBinLow = detail::standard_guid(0xc690e86f, 0xf755);
inline constexpr Guid kValueTypeCount = detail::standard_guid(0xc690e870, 0xf755);
inline constexpr Guid kValueTypePhaseAngle = detail::standard_guid(0x3d786f9d, 0xf76e);
inline constexpr Guid kValueTypePhaseAngleMin =
    Guid::of(0xdc762340, 0x3c56, 0x11d2, {0xae, 0x44, 0x00, 0x60, 0x08, 0x3a, 0x26, 0x28});
inline constexpr Guid kValueTypePhaseAngleMax =
    Guid::of(0xdc762341, 0x3c56, 0x11d2, {0xae, 0x44, 0x00, 0x60, 0x08, 0x3a, 0x26, 0x28});
inline constexpr Guid kValueTypePhaseAngleAvg =
    Guid::of(0xdc762342, 0x3c56, 0x11d2, {0xae, 0x44, 0x00, 0x60, 0x08, 0x3a, 0x26, 0x28});
inline constexpr Guid kValueTypeArea =
    Guid::of(0xc7825ce0, 0x8ace, 0x11d3, {0xb9, 0x2f, 0x00, 0x50, 0xda, 0x2b, 0x1f, 0x4d});
inline constexpr Guid kValueTypeTransition =
    Guid::of(0x5369c260, 0xc347, 0x11d2, {0x92, 0x3f, 0x00, 0x10, 0x4b, 0x2b, 0x84, 0xb1});
inline constexpr Guid kValueTypeProb =
    Guid::of(0x6763cc71, 0x17d6, 0x11d4, {0x9f, 0x1c, 0x00, 0x20, 0x78, 0xe0, 0xb7, 0x23});
inline constexpr Guid kValueTypeInterval = Guid::of(0x72e82a40, 0x336c, 0x11d5, detail::kTailA4b3);
inline constexpr Guid kValueTypeStatus = Guid::of(0xb82b5c82, 0x55c7, 0x11d5, detail::kTailA4b3);

// --- Quantity characteristics (kTagQuantityCharacteristicID), the common ones -----------
inline constexpr Guid kCharacteristicNone = Guid::of(0xa6b31adf, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicInstantaneous =
    Guid::of(0xa6b31add, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicSpectra =
    Guid::of(0xa6b31ae9, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicPeak = Guid::of(0xa6b31ae2, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicRms = Guid::of(0xa6b31ae5, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicHarmonicRms =
    Guid::of(0xa6b31adc, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicFrequency =
    Guid::of(0x07ef68af, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicTotalThd =
    Guid::of(0xa6b31aec, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicEvenThd =
    Guid::of(0xa6b31ad4, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicOddThd =
    Guid::of(0xa6b31ae0, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicCrestFactor =
    Guid::of(0xa6b31ad2, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicFormFactor =
    Guid::of(0xa6b31adb, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicArithSum =
    Guid::of(0xa6b31ad0, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicS0S1 = Guid::of(0xa6b31ae7, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicS2S1 = Guid::of(0xa6b31ae8, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicSPos = Guid::of(0xa6b31aea, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicSNeg =
    Guid::of(0xd71a4b91, 0x3c92, 0x11d4, {0x9f, 0x2c, 0x00, 0x20, 0x78, 0xe0, 0xb7, 0x23});
inline constexpr Guid kCharacteristicSZero =
    Guid::of(0xd71a4b92, 0x3c92, 0x11d4, {0x9f, 0x2c, 0x00, 0x20, 0x78, 0xe0, 0xb7, 0x23});
inline constexpr Guid kCharacteristicAvgImbalance =
    Guid::of(0xa6b31ad1, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicTotalThdRms =
    Guid::of(0xf3d216e0, 0x2aa5, 0x11d5, detail::kTailA4b3);
inline constexpr Guid kCharacteristicTid = Guid::of(0xf3d216e3, 0x2aa5, 0x11d5, detail::kTailA4b3);
inline constexpr Guid kCharacteristicInterharmonicRms =
    Guid::of(0xf3d216e5, 0x2aa5, 0x11d5, detail::kTailA4b3);
inline constexpr Guid kCharacteristicSpectraHGroup =
    Guid::of(0x53be6ba8, 0x0789, 0x455b, {0x9a, 0x95, 0xda, 0x12, 0x86, 0x83, 0xdd, 0xa7});
inline constexpr Guid kCharacteristicSpectraIGroup =
    Guid::of(0x5e51e006, 0x9c95, 0x4c5e, {0x87, 0x8f, 0x7c, 0xa8, 0x7c, 0x0d, 0x2a, 0x0e});
inline constexpr Guid kCharacteristicTif = Guid::of(0xa6b31aeb, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicFlickerPst =
    Guid::of(0x515bf320, 0x71ca, 0x11d4, detail::kTailA4b3);
inline constexpr Guid kCharacteristicFlickerPlt =
    Guid::of(0x515bf321, 0x71ca, 0x11d4, detail::kTailA4b3);
inline constexpr Guid kCharacteristicIt = Guid::of(0xa6b31ade, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicRmsDemand =
    Guid::of(0x07ef68a0, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicKFactor =
    Guid::of(0x8786ca11, 0x9113, 0x11d3, {0xb9, 0x30, 0x00, 0x50, 0xda, 0x2b, 0x1f, 0x4d});
inline constexpr Guid kCharacteristicTdd = Guid::of(0xf3d216e7, 0x2aa5, 0x11d5, detail::kTailA4b3);
inline constexpr Guid kCharacteristicP = Guid::of(0xa6b31ae1, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicQ = Guid::of(0xa6b31ae4, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicS = Guid::of(0xa6b31ae6, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicPf = Guid::of(0xa6b31ae3, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicDf = Guid::of(0xa6b31ad3, 0xb451, 0x11d1, detail::kTailAe17);
inline constexpr Guid kCharacteristicPDemand =
    Guid::of(0x07ef68a1, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicQDemand =
    Guid::of(0x07ef68a2, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicSDemand =
    Guid::of(0x07ef68a3, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicPfDemand =
    Guid::of(0x07ef68a5, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicPIntegrated =
    Guid::of(0x07ef68a6, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicQIntegrated =
    Guid::of(0x07ef68a9, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicSIntegrated =
    Guid::of(0x07ef68ac, 0x9ff5, 0x11d2, detail::kTailB30bDemand);
inline constexpr Guid kCharacteristicPFundamental =
    Guid::of(0x1cdda475, 0x1ebb, 0x42d8, {0x80, 0x87, 0xd0, 0x1b, 0x0b, 0x5c, 0xfa, 0x97});
inline constexpr Guid kCharacteristicQFundamental =
    Guid::of(0x672d0310, 0x7810, 0x11d4, detail::kTailA4b3);
inline constexpr Guid kCharacteristicSFundamental =
    Guid::of(0x672d0316, 0x7810, 0x11d4, detail::kTailA4b3);
inline constexpr Guid kCharacteristicAngleFundamental =
    Guid::of(0x672d030f, 0x7810, 0x11d4, detail::kTailA4b3);
inline constexpr Guid kCharacteristicStatus =
    Guid::of(0xb82b5c83, 0x55c7, 0x11d5, detail::kTailA4b3);

// --- Data source types (kTagDataSourceTypeID) -------------------------------------------
inline constexpr Guid kDataSourceMeasure = detail::standard_guid(0xe6b51730, 0xf747);
inline constexpr Guid kDataSourceManual = detail::standard_guid(0xe6b51731, 0xf747);
inline constexpr Guid kDataSourceSimulate = detail::standard_guid(0xe6b51732, 0xf747);
inline constexpr Guid kDataSourceBenchmark = detail::standard_guid(0xe6b51733, 0xf747);
inline constexpr Guid kDataSourceDebug = detail::standard_guid(0xe6b51734, 0xf747);

// --- Vendors (kTagVendorID), the standard's list of PQDIF 1.0 -------------------------
inline constexpr Guid kVendorNone = detail::standard_guid(0xe6b51701, 0xf747);
inline constexpr Guid kVendorBmi = detail::standard_guid(0xe6b51702, 0xf747);
inline constexpr Guid kVendorDranetz = detail::standard_guid(0xe6b51707, 0xf747);
inline constexpr Guid kVendorEpri = detail::standard_guid(0xe6b51709, 0xf747);
inline constexpr Guid kVendorElectrotek = detail::standard_guid(0xe6b5170a, 0xf747);
inline constexpr Guid kVendorFluke = detail::standard_guid(0xe6b5170b, 0xf747);
inline constexpr Guid kVendorIeee = detail::standard_guid(0xe6b5170d, 0xf747);
inline constexpr Guid kVendorPml = detail::standard_guid(0xe6b51710, 0xf747);
inline constexpr Guid kVendorPublicDomain = detail::standard_guid(0xe6b51713, 0xf747);
inline constexpr Guid kVendorSquareD = detail::standard_guid(0xe6b51715, 0xf747);
inline constexpr Guid kVendorGe = Guid::of(0x5202bd00, 0x245c, 0x11d5, detail::kTailA4b3);

// --- Phases (kTagPhaseID, UINT4) --------------------------------------------------------
inline constexpr std::uint32_t kPhaseNone = 0;
inline constexpr std::uint32_t kPhaseAN = 1;
inline constexpr std::uint32_t kPhaseBN = 2;
inline constexpr std::uint32_t kPhaseCN = 3;
inline constexpr std::uint32_t kPhaseNG = 4;
inline constexpr std::uint32_t kPhaseAB = 5;
inline constexpr std::uint32_t kPhaseBC = 6;
inline constexpr std::uint32_t kPhaseCA = 7;
inline constexpr std::uint32_t kPhaseResidual = 8;
inline constexpr std::uint32_t kPhaseNet = 9;
inline constexpr std::uint32_t kPhaseTotal = 13;
inline constexpr std::uint32_t kPhaseLineNeutralAverage = 14;
inline constexpr std::uint32_t kPhaseLineLineAverage = 15;
inline constexpr std::uint32_t kPhaseWorst = 16;
inline constexpr std::uint32_t kPhasePlus = 17;
inline constexpr std::uint32_t kPhaseMinus = 18;
inline constexpr std::uint32_t kPhaseGeneral1 = 19;  // .. kPhaseGeneral1 + 15 = general 16

// --- Quantity units (kTagQuantityUnitsID, UINT4) ----------------------------------------
inline constexpr std::uint32_t kUnitsNone = 0;
inline constexpr std::uint32_t kUnitsTimestamp = 1;  // absolute TIMESTAMPPQDIF values
inline constexpr std::uint32_t kUnitsSeconds = 2;    // relative to the observation start
inline constexpr std::uint32_t kUnitsCycles = 3;     // relative to the observation start
inline constexpr std::uint32_t kUnitsVolts = 6;
inline constexpr std::uint32_t kUnitsAmps = 7;
inline constexpr std::uint32_t kUnitsVA = 8;
inline constexpr std::uint32_t kUnitsWatts = 9;
inline constexpr std::uint32_t kUnitsVars = 10;
inline constexpr std::uint32_t kUnitsOhms = 11;
inline constexpr std::uint32_t kUnitsSiemens = 12;
inline constexpr std::uint32_t kUnitsVoltsPerAmp = 13;
inline constexpr std::uint32_t kUnitsJoules = 14;
inline constexpr std::uint32_t kUnitsHertz = 15;
inline constexpr std::uint32_t kUnitsCelsius = 16;
inline constexpr std::uint32_t kUnitsDegrees = 17;
inline constexpr std::uint32_t kUnitsDecibels = 18;
inline constexpr std::uint32_t kUnitsPercent = 19;
inline constexpr std::uint32_t kUnitsPerUnit = 20;
inline constexpr std::uint32_t kUnitsSamples = 21;
inline constexpr std::uint32_t kUnitsVarHours = 22;
inline constexpr std::uint32_t kUnitsWattHours = 23;
inline constexpr std::uint32_t kUnitsVAHours = 24;

// --- Quantity measured (kTagQuantityMeasuredID, UINT4) ----------------------------------
inline constexpr std::uint32_t kMeasuredNone = 0;
inline constexpr std::uint32_t kMeasuredVoltage = 1;
inline constexpr std::uint32_t kMeasuredCurrent = 2;
inline constexpr std::uint32_t kMeasuredPower = 3;
inline constexpr std::uint32_t kMeasuredEnergy = 4;
inline constexpr std::uint32_t kMeasuredTemperature = 5;
inline constexpr std::uint32_t kMeasuredStatus = 17;

// --- Storage method bits (kTagStorageMethodID) ------------------------------------------
inline constexpr std::uint32_t kStorageValues = 0x01;
inline constexpr std::uint32_t kStorageScaled = 0x02;
// The values are #rates, then (count, step) per rate: a regularly spaced series.
inline constexpr std::uint32_t kStorageIncrement = 0x04;

// --- Trigger methods (kTagTriggerMethodID) ----------------------------------------------
inline constexpr std::uint32_t kTriggerNone = 0;
inline constexpr std::uint32_t kTriggerChannel = 1;
inline constexpr std::uint32_t kTriggerPeriodic = 2;
inline constexpr std::uint32_t kTriggerExternal = 3;
inline constexpr std::uint32_t kTriggerPeriodicStats = 4;

// --- Greek prefix hints (kTagHintGreekPrefixID) -----------------------------------------
inline constexpr std::uint32_t kGreekDontCare = 0;
inline constexpr std::uint32_t kGreekNone = 6;
inline constexpr std::uint32_t kGreekKilo = 7;
inline constexpr std::uint32_t kGreekMega = 8;

// Names as the standard spells them ("tagChannelDefns", "ID_QT_WAVEFORM", ...), or "" when
// the GUID or number is not in our tables.
std::string_view tag_name(const Guid& tag);
std::string_view quantity_type_name(const Guid& id);
std::string_view value_type_name(const Guid& id);
std::string_view characteristic_name(const Guid& id);
std::string_view data_source_type_name(const Guid& id);
std::string_view vendor_name(const Guid& id);
std::string_view phase_name(std::uint32_t id);
std::string_view units_name(std::uint32_t id);
std::string_view quantity_measured_name(std::uint32_t id);
std::string_view trigger_method_name(std::uint32_t id);
// Any GUID of the tables above (tags first), for dumps of files nobody here wrote.
std::string_view guid_name(const Guid& id);

}  // namespace jemhead::pqdif
