/* bigalloc — allocation of large arrays (megabytes: point sets, grids, indexes).
 *
 * Blocks of 1 MiB or more are 2 MiB aligned, rounded up to whole 2 MiB, and marked
 * for transparent huge pages where the kernel offers them, so filling a large array
 * takes a few page faults instead of one per 4 KiB (on virtual machines a fault
 * costs microseconds). Smaller blocks are plain malloc. Either kind is released
 * with free(). big_realloc moves the contents (old_bytes of them) to a new block. */
#ifndef TASHIL_BIGALLOC_H
#define TASHIL_BIGALLOC_H

#include <stddef.h>

void *big_alloc(size_t bytes);
void *big_calloc(size_t count, size_t size);
void *big_realloc(void *p, size_t old_bytes, size_t new_bytes);

#endif
