#pragma once
// glibc malloc settings that keep the daemon's resident memory proportional to its fleet.
//  - Arenas: glibc gives threads their own heap arenas (up to 8 per core), and each keeps
//    the memory its thread freed. The daemon's threads are few and fixed, so a couple of
//    arenas serve them without contention and without holding freed memory in each.
//  - Start-up (reading a YAML fleet of thousands of meters, applying it) frees far more
//    than it keeps; trimming hands that back to the system instead of carrying it for ever.
namespace jemhead::service {

void limit_malloc_arenas(int arenas);
void return_free_memory();

}  // namespace jemhead::service
