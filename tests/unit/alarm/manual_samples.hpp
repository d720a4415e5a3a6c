#pragma once
// The manual's alarm messages (L8406–L8590), bodies as printed (its trailing spaces
// included), shared by the alarm and MIME unit tests.
#include <string_view>

namespace jemhead::test {

// Sample 1 (L8406–L8426): the manual's page ends inside the object.
inline constexpr std::string_view kManualSample1 =
    "{ \n"
    "  \"EventType\": \"OU\", \n"
    "  \"DeviceId\": \"12345678\", \n"
    "  \"EventTime\": \"2015-09-30T10:55:37.7430093Z\",  \n";

// Sample 2 (L8427–L8501): an SS event, Content-Length 401.
inline constexpr std::string_view kManualSample2 =
    "{ \n"
    "    \"Account Number\": \"1-888-222-6282\", \n"
    "    \"Administrator\": \"Ametek Power\", \n"
    "    \"Configuration ID\": \"Factory Default\", \n"
    "    \"EventTime\": \"2020-07-12T18:15:00.618369Z\", \n"
    "    \"EventType\": \"SS\", \n"
    "    \"Location\": \"Rochester, New York\", \n"
    "    \"Location(Lat)\": \"0.0\", \n"
    "    \"Location(Long)\": \"0.0\", \n"
    "    \"MV 90 Meter ID\": \"JEMStarII ID\", \n"
    "    \"Owner\": \"Ametek\", \n"
    "    \"Properties\": { \n"
    "        \"1,Inst,VLN:Any,<,108,0,0,110.4,A\": \"0.092000\" \n"
    "    }, \n"
    "    \"Source\": \"JEMStarII\", \n"
    "    \"User defined\": \"User defined\" \n"
    "} \n";

// Sample 3 (L8502–L8590): the json_msg part of a PQD multipart POST.
inline constexpr std::string_view kManualSample3 =
    "{ \n"
    "    \"Account Number\": \"1-888-222-6282\", \n"
    "    \"Administrator\": \"Ametek Power\", \n"
    "    \"Configuration ID\": \"Factory Default\", \n"
    "    \"EventTime\": \"2020-07-12T18:15:10.813931Z\", \n"
    "    \"EventType\": \"PQD\", \n"
    "    \"Location\": \"Rochester, New York\", \n"
    "    \"Location(Lat)\": \"0.0\", \n"
    "    \"Location(Long)\": \"0.0\", \n"
    "    \"MV 90 Meter ID\": \"JEMStarII ID\", \n"
    "    \"Owner\": \"Ametek\", \n"
    "    \"Properties\": { \n"
    "        \"PQDIF file\": \"\" \n"
    "    }, \n"
    "    \"Source\": \"JEMStarII\", \n"
    "    \"User defined\": \"User defined\" \n"
    "} \n";

inline constexpr std::string_view kManualSample3FileName = "140800001_1594577710_813931_06.pqd";

}  // namespace jemhead::test
