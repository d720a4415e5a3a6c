#pragma once
// The meter web server's PQDIF listing (GET /pqdif), read leniently because the manual
// does not show it: any link whose target ends in ".pqd" (any case) is a file, and its
// size is taken when the listing gives one. Accepted forms:
//  - HTML: every href (quoted or not); the file is the link's last path segment,
//    percent- and entity-decoded. Size: a size/data-size attribute of the link, else the
//    last all-digit word in the text after the link up to the end of its table row or line
//    (the "name  date  size" of directory indexes; "12K" is not a size and gives none).
//  - JSON: an array, or an object with a "files" array, of names or of objects with
//    "name" (or "file"/"filename"), "size" (or "size_bytes"/"length") and "modified" (ISO
//    8601, or a number of Unix seconds).
//  - Plain text: one file per line, its name the first word ending in ".pqd", its size the
//    first all-digit word after it.
// Names that could address another path ('/', '\', "..", a leading '.') are left out.
#include <string_view>
#include <vector>

#include "drivers/driver.hpp"

namespace jemhead::pqdif_http {

// The files listed, each once, in the listing's order. BadResponse when the body is not a
// listing at all (invalid JSON, binary data).
std::vector<drivers::RemoteFile> parse_pq_listing(std::string_view body,
                                                  std::string_view content_type);

// A file name the head-end will ask for (see above).
bool safe_pq_file_name(std::string_view name);

}  // namespace jemhead::pqdif_http
