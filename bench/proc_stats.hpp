#pragma once
// What the kernel says about a process, read from /proc: CPU time used and peak RSS.
#include <sys/types.h>

namespace jemhead::bench {

// User + system CPU seconds used so far (/proc/<pid>/stat utime + stime).
double cpu_seconds(pid_t pid);
// Peak resident set size in KiB (/proc/<pid>/status VmHWM).
long peak_rss_kb(pid_t pid);
// Starts a new peak from the current RSS (writes 5 to /proc/<pid>/clear_refs), so the
// peak of a phase (a collection cycle) can be told from the start-up's (configuration
// parsing, fleet apply).
void reset_peak_rss(pid_t pid);

}  // namespace jemhead::bench
