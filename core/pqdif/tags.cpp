#include "core/pqdif/tags.hpp"

#include <span>

namespace jemhead::pqdif {

namespace {

struct GuidName {
  Guid id;
  std::string_view name;
};

struct NumberName {
  std::uint32_t id;
  std::string_view name;
};

// The tables stay small (a few hundred rows, looked up when a person reads a dump), so a
// linear search keeps them plain data.
constexpr GuidName kTagNames[] = {
    {kTagContainer, "tagContainer"},
    {kTagRecordDataSource, "tagRecDataSource"},
    {kTagRecordMonitorSettings, "tagRecMonitorSettings"},
    {kTagRecordObservation, "tagRecObservation"},
    {kTagBlank, "tagBlank"},
    {kTagCompressionStyleID, "tagCompressionStyleID"},
    {kTagCompressionAlgorithmID, "tagCompressionAlgorithmID"},
    {kTagVersionInfo, "tagVersionInfo"},
    {kTagFileName, "tagFileName"},
    {kTagCreation, "tagCreation"},
    {kTagLastSaved, "tagLastSaved"},
    {kTagTimesSaved, "tagTimesSaved"},
    {kTagLanguage, "tagLanguage"},
    {kTagTitle, "tagTitle"},
    {kTagSubject, "tagSubject"},
    {kTagAuthor, "tagAuthor"},
    {kTagKeywords, "tagKeywords"},
    {kTagComments, "tagComments"},
    {kTagLastSavedBy, "tagLastSavedBy"},
    {kTagSecurity, "tagSecurity"},
    {kTagOwner, "tagOwner"},
    {kTagCopyright, "tagCopyright"},
    {kTagTrademarks, "tagTrademarks"},
    {kTagNotes, "tagNotes"},
    {kTagApplication, "tagApplication"},
    {kTagCompressionChecksum, "tagCompressionChecksum"},
    {kTagDataSourceTypeID, "tagDataSourceTypeID"},
    {kTagVendorID, "tagVendorID"},
    {kTagEquipmentID, "tagEquipmentID"},
    {kTagCustomSourceInfo, "tagCustomSourceInfo"},
    {kTagSerialNumberDS, "tagSerialNumberDS"},
    {kTagVersionDS, "tagVersionDS"},
    {kTagNameDS, "tagNameDS"},
    {kTagOwnerDS, "tagOwnerDS"},
    {kTagLocationDS, "tagLocationDS"},
    {kTagTimeZoneDS, "tagTimeZoneDS"},
    {kTagCoordinatesDS, "tagCoordinatesDS"},
    {kTagChannelDefns, "tagChannelDefns"},
    {kTagOneChannelDefn, "tagOneChannelDefn"},
    {kTagChannelName, "tagChannelName"},
    {kTagPhaseID, "tagPhaseID"},
    {kTagQuantityTypeID, "tagQuantityTypeID"},
    {kTagOtherChannelIdentifier, "tagOtherChannelIdentifier"},
    {kTagGroupName, "tagGroupName"},
    {kTagQuantityName, "tagQuantityName"},
    {kTagPrimarySeriesIdx, "tagPrimarySeriesIdx"},
    {kTagQuantityMeasuredID, "tagQuantityMeasuredID"},
    {kTagPhysicalChannel, "tagPhysicalChannel"},
    {kTagInstrumentTypeID, "tagInstrumentTypeID"},
    {kTagInstrumentModelName, "tagInstrumentModelName"},
    {kTagInstrumentModelNumber, "tagInstrumentModelNumber"},
    {kTagSeriesDefns, "tagSeriesDefns"},
    {kTagOneSeriesDefn, "tagOneSeriesDefn"},
    {kTagQuantityUnitsID, "tagQuantityUnitsID"},
    {kTagValueTypeID, "tagValueTypeID"},
    {kTagValueTypeName, "tagValueTypeName"},
    {kTagHintGreekPrefixID, "tagHintGreekPrefixID"},
    {kTagHintPreferredUnitsID, "tagHintPreferredUnitsID"},
    {kTagHintDefaultDisplayID, "tagHintDefaultDisplayID"},
    {kTagStorageMethodID, "tagStorageMethodID"},
    {kTagQuantityCharacteristicID, "tagQuantityCharacteristicID"},
    {kTagQuantitySignificantDigitsID, "tagQuantitySignificantDigitsID"},
    {kTagQuantityResolutionID, "tagQuantityResolutionID"},
    {kTagProbInterval, "tagProbInterval"},
    {kTagProbPercentile, "tagProbPercentile"},
    {kTagSeriesNominalQuantity, "tagSeriesNominalQuantity"},
    {kTagName, "tagName"},
    {kTagAddress1, "tagAddress1"},
    {kTagAddress2, "tagAddress2"},
    {kTagCity, "tagCity"},
    {kTagState, "tagState"},
    {kTagPostalCode, "tagPostalCode"},
    {kTagCountry, "tagCountry"},
    {kTagPhoneVoice, "tagPhoneVoice"},
    {kTagPhoneFAX, "tagPhoneFAX"},
    {kTagEMail, "tagEMail"},
    {kTagEffective, "tagEffective"},
    {kTagTimeInstalled, "tagTimeInstalled"},
    {kTagTimeRemoved, "tagTimeRemoved"},
    {kTagUseCalibration, "tagUseCalibration"},
    {kTagUseTransducer, "tagUseTransducer"},
    {kTagChannelSettingsArray, "tagChannelSettingsArray"},
    {kTagOneChannelSetting, "tagOneChannelSetting"},
    {kTagChannelDefnIdx, "tagChannelDefnIdx"},
    {kTagNominalFrequency, "tagNominalFrequency"},
    {kTagSettingPhysicalConnection, "tagSettingPhysicalConnection"},
    {kTagTriggerTypeID, "tagTriggerTypeID"},
    {kTagFullScale, "tagFullScale"},
    {kTagNoiseFloor, "tagNoiseFloor"},
    {kTagTriggerLow, "tagTriggerLow"},
    {kTagTriggerHigh, "tagTriggerHigh"},
    {kTagTriggerRate, "tagTriggerRate"},
    {kTagTriggerShapeParam, "tagTriggerShapeParam"},
    {kTagXDTransformerTypeID, "tagXDTransformerTypeID"},
    {kTagXDSystemSideRatio, "tagXDSystemSideRatio"},
    {kTagXDMonitorSideRatio, "tagXDMonitorSideRatio"},
    {kTagXDFrequencyResponse, "tagXDFrequencyResponse"},
    {kTagCalTimeSkew, "tagCalTimeSkew"},
    {kTagCalOffset, "tagCalOffset"},
    {kTagCalRatio, "tagCalRatio"},
    {kTagCalMustUseARCal, "tagCalMustUseARCal"},
    {kTagCalApplied, "tagCalApplied"},
    {kTagCalRecorded, "tagCalRecorded"},
    {kTagTriggerLowLow, "tagTriggerLowLow"},
    {kTagTriggerHighHigh, "tagTriggerHighHigh"},
    {kTagTriggerDeadBand, "tagTriggerDeadBand"},
    {kTagObservationName, "tagObservationName"},
    {kTagTimeCreate, "tagTimeCreate"},
    {kTagTimeStart, "tagTimeStart"},
    {kTagTriggerMethodID, "tagTriggerMethodID"},
    {kTagTimeTriggered, "tagTimeTriggered"},
    {kTagChannelTriggerIdx, "tagChannelTriggerIdx"},
    {kTagObservationSerial, "tagObservationSerial"},
    {kTagObservationAggregationSerial, "tagObservationAggregationSerial"},
    {kTagDisturbanceCategoryID, "tagDisturbanceCategoryID"},
    {kTagChannelInstances, "tagChannelInstances"},
    {kTagOneChannelInst, "tagOneChannelInst"},
    {kTagSeriesInstances, "tagSeriesInstances"},
    {kTagOneSeriesInstance, "tagOneSeriesInstance"},
    {kTagSeriesBaseQuantity, "tagSeriesBaseQuantity"},
    {kTagSeriesScale, "tagSeriesScale"},
    {kTagSeriesOffset, "tagSeriesOffset"},
    {kTagSeriesValues, "tagSeriesValues"},
    {kTagSeriesShareChannelIdx, "tagSeriesShareChannelIdx"},
    {kTagSeriesShareSeriesIdx, "tagSeriesShareSeriesIdx"},
    {kTagCharactDisturbDirection, "tagCharactDisturbDirection"},
    {kTagCharactDisturbDirectionQuality, "tagCharactDisturbDirectionQuality"},
    {kTagChanTriggerTypeID, "tagChanTriggerTypeID"},
    {kTagCrossTriggerChanIdx, "tagCrossTriggerChanIdx"},
    {kTagCrossTriggerDeviceName, "tagCrossTriggerDeviceName"},
    {kTagChanTriggerModuleName, "tagChanTriggerModuleName"},
    {kTagChanTriggerModuleInfo, "tagChanTriggerModuleInfo"},
    {kTagCharactMagnitude, "tagCharactMagnitude"},
    {kTagCharactDuration, "tagCharactDuration"},
    {kTagCharactFrequency, "tagCharactFrequency"},
    {kTagChannelFrequency, "tagChannelFrequency"},
    {kTagChannelGroupID, "tagChannelGroupID"},
};

constexpr GuidName kQuantityTypeNames[] = {
    {kQuantityTypeWaveform, "ID_QT_WAVEFORM"},
    {kQuantityTypePhasor, "ID_QT_PHASOR"},
    {kQuantityTypeValueLog, "ID_QT_VALUELOG"},
    {kQuantityTypeFlash, "ID_QT_FLASH"},
    {kQuantityTypeResponse, "ID_QT_RESPONSE"},
    {kQuantityTypeHistogram, "ID_QT_HISTOGRAM"},
    {kQuantityTypeHistogram3D, "ID_QT_HISTOGRAM3D"},
    {kQuantityTypeCPF, "ID_QT_CPF"},
    {kQuantityTypeXY, "ID_QT_XY"},
    {kQuantityTypeMagDur, "ID_QT_MAGDUR"},
    {kQuantityTypeXYZ, "ID_QT_XYZ"},
    {kQuantityTypeMagDurTime, "ID_QT_MAGDURTIME"},
    {kQuantityTypeMagDurCount, "ID_QT_MAGDURCOUNT"},
};

constexpr GuidName kValueTypeNames[] = {
    {kValueTypeVal, "ID_SERIES_VALUE_TYPE_VAL"},
    {kValueTypeMin, "ID_SERIES_VALUE_TYPE_MIN"},
    {kValueTypeMax, "ID_SERIES_VALUE_TYPE_MAX"},
    {kValueTypeAvg, "ID_SERIES_VALUE_TYPE_AVG"},
    {kValueTypeInst, "ID_SERIES_VALUE_TYPE_INST"},
    {kValueTypeTime, "ID_SERIES_VALUE_TYPE_TIME"},
    {kValueTypeDuration, "ID_SERIES_VALUE_TYPE_DURATION"},
    {kValueTypeLatitude, "ID_SERIES_VALUE_TYPE_LATITUDE"},
    {kValueTypeLongitude, "ID_SERIES_VALUE_TYPE_LONGITUDE"},
    {kValueTypePolarity, "ID_SERIES_VALUE_TYPE_POLARITY"},
    {kValueTypeEllipse, "ID_SERIES_VALUE_TYPE_ELLIPSE"},
    {kValueTypeFrequency, "ID_SERIES_VALUE_TYPE_FREQUENCY"},
    {kValueTypeBinID, "ID_SERIES_VALUE_TYPE_BINID"},
    {kValueTypeBinHigh, "ID_SERIES_VALUE_TYPE_BINHIGH"},
    {kValueTypeBinLow, "ID_SERIES_VALUE_TYPE_BINLOW"},
    {kValueTypeXBinHigh, "ID_SERIES_VALUE_TYPE_XBINHIGH"},
    {kValueTypeXBinLow, "ID_SERIES_VALUE_TYPE_XBINLOW"},
    {kValueTypeYBinHigh, "ID_SERIES_VALUE_TYPE_YBINHIGH"},
    {kValueTypeYBinLow, "ID_SERIES_VALUE_TYPE_YBINLOW"},
    {kValueTypeCount, "ID_SERIES_VALUE_TYPE_COUNT"},
    {kValueTypePhaseAngle, "ID_SERIES_VALUE_TYPE_PHASEANGLE"},
    {kValueTypePhaseAngleMin, "ID_SERIES_VALUE_TYPE_PHASEANGLE_MIN"},
    {kValueTypePhaseAngleMax, "ID_SERIES_VALUE_TYPE_PHASEANGLE_MAX"},
    {kValueTypePhaseAngleAvg, "ID_SERIES_VALUE_TYPE_PHASEANGLE_AVG"},
    {kValueTypeArea, "ID_SERIES_VALUE_TYPE_AREA"},
    {kValueTypeTransition, "ID_SERIES_VALUE_TYPE_TRANSITION"},
    {kValueTypeProb, "ID_SERIES_VALUE_TYPE_PROB"},
    {kValueTypeInterval, "ID_SERIES_VALUE_TYPE_INTERVAL"},
    {kValueTypeStatus, "ID_SERIES_VALUE_TYPE_STATUS"},
};

constexpr GuidName kCharacteristicNames[] = {
    {kCharacteristicNone, "ID_QC_NONE"},
    {kCharacteristicInstantaneous, "ID_QC_INSTANTANEOUS"},
    {kCharacteristicSpectra, "ID_QC_SPECTRA"},
    {kCharacteristicPeak, "ID_QC_PEAK"},
    {kCharacteristicRms, "ID_QC_RMS"},
    {kCharacteristicHarmonicRms, "ID_QC_HRMS"},
    {kCharacteristicFrequency, "ID_QC_FREQUENCY"},
    {kCharacteristicTotalThd, "ID_QC_TOTAL_THD"},
    {kCharacteristicEvenThd, "ID_QC_EVEN_THD"},
    {kCharacteristicOddThd, "ID_QC_ODD_THD"},
    {kCharacteristicCrestFactor, "ID_QC_CREST_FACTOR"},
    {kCharacteristicFormFactor, "ID_QC_FORM_FACTOR"},
    {kCharacteristicArithSum, "ID_QC_ARITH_SUM"},
    {kCharacteristicS0S1, "ID_QC_S0S1"},
    {kCharacteristicS2S1, "ID_QC_S2S1"},
    {kCharacteristicSPos, "ID_QC_SPOS"},
    {kCharacteristicSNeg, "ID_QC_SNEG"},
    {kCharacteristicSZero, "ID_QC_SZERO"},
    {kCharacteristicAvgImbalance, "ID_QC_AVG_IMBAL"},
    {kCharacteristicTotalThdRms, "ID_QC_TOTAL_THD_RMS"},
    {kCharacteristicTid, "ID_QC_TID"},
    {kCharacteristicInterharmonicRms, "ID_QC_IHRMS"},
    {kCharacteristicSpectraHGroup, "ID_QC_SPECTRA_HGROUP"},
    {kCharacteristicSpectraIGroup, "ID_QC_SPECTRA_IGROUP"},
    {kCharacteristicTif, "ID_QC_TIF"},
    {kCharacteristicFlickerPst, "ID_QC_FLKR_PST"},
    {kCharacteristicFlickerPlt, "ID_QC_FLKR_PLT"},
    {kCharacteristicIt, "ID_QC_IT"},
    {kCharacteristicRmsDemand, "ID_QC_RMS_DEMAND"},
    {kCharacteristicKFactor, "ID_QC_K_FACTOR"},
    {kCharacteristicTdd, "ID_QC_TDD"},
    {kCharacteristicP, "ID_QC_P"},
    {kCharacteristicQ, "ID_QC_Q"},
    {kCharacteristicS, "ID_QC_S"},
    {kCharacteristicPf, "ID_QC_PF"},
    {kCharacteristicDf, "ID_QC_DF"},
    {kCharacteristicPDemand, "ID_QC_P_DEMAND"},
    {kCharacteristicQDemand, "ID_QC_Q_DEMAND"},
    {kCharacteristicSDemand, "ID_QC_S_DEMAND"},
    {kCharacteristicPfDemand, "ID_QC_PF_DEMAND"},
    {kCharacteristicPIntegrated, "ID_QC_P_INTG"},
    {kCharacteristicQIntegrated, "ID_QC_Q_INTG"},
    {kCharacteristicSIntegrated, "ID_QC_S_INTG"},
    {kCharacteristicPFundamental, "ID_QC_P_FUND"},
    {kCharacteristicQFundamental, "ID_QC_Q_FUND"},
    {kCharacteristicSFundamental, "ID_QC_S_FUND"},
    {kCharacteristicAngleFundamental, "ID_QC_ANGLE_FUND"},
    {kCharacteristicStatus, "ID_QC_STATUS"},
};

constexpr GuidName kDataSourceTypeNames[] = {
    {kDataSourceMeasure, "ID_DS_TYPE_MEASURE"},   {kDataSourceManual, "ID_DS_TYPE_MANUAL"},
    {kDataSourceSimulate, "ID_DS_TYPE_SIMULATE"}, {kDataSourceBenchmark, "ID_DS_TYPE_BENCHMARK"},
    {kDataSourceDebug, "ID_DS_TYPE_DEBUG"},
};

constexpr GuidName kVendorNames[] = {
    {kVendorNone, "ID_VENDOR_NONE"},
    {kVendorBmi, "ID_VENDOR_BMI"},
    {kVendorDranetz, "ID_VENDOR_DRANETZ"},
    {kVendorEpri, "ID_VENDOR_EPRI"},
    {kVendorElectrotek, "ID_VENDOR_ELECTROTEK"},
    {kVendorFluke, "ID_VENDOR_FLUKE"},
    {kVendorIeee, "ID_VENDOR_IEEE"},
    {kVendorPml, "ID_VENDOR_PML"},
    {kVendorPublicDomain, "ID_VENDOR_PUBLICDOMAIN"},
    {kVendorSquareD, "ID_VENDOR_SQUAREDPOWERLOGIC"},
    {kVendorGe, "ID_VENDOR_GE"},
};

constexpr NumberName kPhaseNames[] = {
    {0, "ID_PHASE_NONE"},        {1, "ID_PHASE_AN"},          {2, "ID_PHASE_BN"},
    {3, "ID_PHASE_CN"},          {4, "ID_PHASE_NG"},          {5, "ID_PHASE_AB"},
    {6, "ID_PHASE_BC"},          {7, "ID_PHASE_CA"},          {8, "ID_PHASE_RES"},
    {9, "ID_PHASE_NET"},         {13, "ID_PHASE_TOTAL"},      {14, "ID_PHASE_LN_AVE"},
    {15, "ID_PHASE_LL_AVE"},     {16, "ID_PHASE_WORST"},      {17, "ID_PHASE_PLUS"},
    {18, "ID_PHASE_MINUS"},      {19, "ID_PHASE_GENERAL_1"},  {20, "ID_PHASE_GENERAL_2"},
    {21, "ID_PHASE_GENERAL_3"},  {22, "ID_PHASE_GENERAL_4"},  {23, "ID_PHASE_GENERAL_5"},
    {24, "ID_PHASE_GENERAL_6"},  {25, "ID_PHASE_GENERAL_7"},  {26, "ID_PHASE_GENERAL_8"},
    {27, "ID_PHASE_GENERAL_9"},  {28, "ID_PHASE_GENERAL_10"}, {29, "ID_PHASE_GENERAL_11"},
    {30, "ID_PHASE_GENERAL_12"}, {31, "ID_PHASE_GENERAL_13"}, {32, "ID_PHASE_GENERAL_14"},
    {33, "ID_PHASE_GENERAL_15"}, {34, "ID_PHASE_GENERAL_16"},
};

constexpr NumberName kUnitsNames[] = {
    {0, "ID_QU_NONE"},        {1, "ID_QU_TIMESTAMP"},     {2, "ID_QU_SECONDS"},
    {3, "ID_QU_CYCLES"},      {6, "ID_QU_VOLTS"},         {7, "ID_QU_AMPS"},
    {8, "ID_QU_VA"},          {9, "ID_QU_WATTS"},         {10, "ID_QU_VARS"},
    {11, "ID_QU_OHMS"},       {12, "ID_QU_SIEMENS"},      {13, "ID_QU_VOLTSPERAMP"},
    {14, "ID_QU_JOULES"},     {15, "ID_QU_HERTZ"},        {16, "ID_QU_CELCIUS"},
    {17, "ID_QU_DEGREES"},    {18, "ID_QU_DB"},           {19, "ID_QU_PERCENT"},
    {20, "ID_QU_PERUNIT"},    {21, "ID_QU_SAMPLES"},      {22, "ID_QU_VARHOURS"},
    {23, "ID_QU_WATTHOURS"},  {24, "ID_QU_VAHOURS"},      {25, "ID_QU_MPS"},
    {26, "ID_QU_MPH"},        {27, "ID_QU_BARS"},         {28, "ID_QU_PASCALS"},
    {29, "ID_QU_NEWTONS"},    {30, "ID_QU_NEWTONMETERS"}, {31, "ID_QU_RPM"},
    {32, "ID_QU_RADPERSEC"},  {33, "ID_QU_METERS"},       {34, "ID_QU_WEBERTURNS"},
    {35, "ID_QU_TESLAS"},     {36, "ID_QU_WEBERS"},       {37, "ID_QU_VOLTSPERVOLT"},
    {38, "ID_QU_AMPSPERAMP"}, {39, "ID_QU_AMPSPERVOLT"},
};

constexpr NumberName kMeasuredNames[] = {
    {0, "ID_QM_NONE"},         {1, "ID_QM_VOLTAGE"},      {2, "ID_QM_CURRENT"},
    {3, "ID_QM_POWER"},        {4, "ID_QM_ENERGY"},       {5, "ID_QM_TEMPERATURE"},
    {6, "ID_QM_PRESSURE"},     {7, "ID_QM_CHARGE"},       {8, "ID_QM_EFIELD"},
    {9, "ID_QM_MFIELD"},       {10, "ID_QM_VELOCITY"},    {11, "ID_QM_BEARING"},
    {12, "ID_QM_FORCE"},       {13, "ID_QM_TORQUE"},      {14, "ID_QM_POSITION"},
    {15, "ID_QM_FLUXLINKAGE"}, {16, "ID_QM_FLUXDENSITY"}, {17, "ID_QM_STATUS"},
};

constexpr NumberName kTriggerMethodNames[] = {
    {0, "ID_TRIGGER_METH_NONE"},           {1, "ID_TRIGGER_METH_CHANNEL"},
    {2, "ID_TRIGGER_METH_PERIODIC"},       {3, "ID_TRIGGER_METH_EXTERNAL"},
    {4, "ID_TRIGGER_METH_PERIODIC_STATS"},
};

std::string_view find(std::span<const GuidName> table, const Guid& id) {
  for (const auto& row : table)
    if (row.id == id) return row.name;
  return {};
}

std::string_view find(std::span<const NumberName> table, std::uint32_t id) {
  for (const auto& row : table)
    if (row.id == id) return row.name;
  return {};
}

}  // namespace

std::string_view tag_name(const Guid& tag) {
  return find(kTagNames, tag);
}
std::string_view quantity_type_name(const Guid& id) {
  return find(kQuantityTypeNames, id);
}
std::string_view value_type_name(const Guid& id) {
  return find(kValueTypeNames, id);
}
std::string_view characteristic_name(const Guid& id) {
  return find(kCharacteristicNames, id);
}
std::string_view data_source_type_name(const Guid& id) {
  return find(kDataSourceTypeNames, id);
}
std::string_view vendor_name(const Guid& id) {
  return find(kVendorNames, id);
}
std::string_view phase_name(std::uint32_t id) {
  return find(kPhaseNames, id);
}
std::string_view units_name(std::uint32_t id) {
  return find(kUnitsNames, id);
}
std::string_view quantity_measured_name(std::uint32_t id) {
  return find(kMeasuredNames, id);
}
std::string_view trigger_method_name(std::uint32_t id) {
  return find(kTriggerMethodNames, id);
}

std::string_view guid_name(const Guid& id) {
  for (auto lookup : {tag_name, quantity_type_name, value_type_name, characteristic_name,
                      data_source_type_name, vendor_name}) {
    const auto name = lookup(id);
    if (!name.empty()) return name;
  }
  return {};
}

}  // namespace jemhead::pqdif
