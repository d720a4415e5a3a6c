# cmake -DINPUT=file -DOUTPUT=file.cpp -DFUNCTION=qualified::name -P embed_text.cmake
# Writes a .cpp defining `std::string_view FUNCTION()` that returns INPUT's bytes. Run at
# build time, so editing the input rebuilds without reconfiguring. The text is emitted as
# a raw string literal split into chunks (each well under compiler literal limits).
file(READ "${INPUT}" content)
string(FIND "${content}" ")embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )embedded\"")
endif()
string(LENGTH "${content}" length)
set(chunks "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${content}" ${offset} 8000 piece)
  string(APPEND chunks "    R\"embedded(${piece})embedded\"\n")
  math(EXPR offset "${offset} + 8000")
endwhile()
string(REGEX MATCH "^(.*)::([^:]+)$" _ "${FUNCTION}")
set(ns "${CMAKE_MATCH_1}")
set(fn "${CMAKE_MATCH_2}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by embed_text.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace ${ns} {\n\n"
  "namespace {\n"
  "constexpr char kText[] =\n${chunks}    \"\";\n"
  "}  // namespace\n\n"
  "std::string_view ${fn}() { return {kText, sizeof(kText) - 1}; }\n\n"
  "}  // namespace ${ns}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
