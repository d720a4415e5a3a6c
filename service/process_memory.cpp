#include "service/process_memory.hpp"

#include <malloc.h>

namespace jemhead::service {

void limit_malloc_arenas(int arenas) {
  // Must run before the threads start; later threads then share these arenas.
  mallopt(M_ARENA_MAX, arenas);
}

void return_free_memory() {
  malloc_trim(0);
}

}  // namespace jemhead::service
