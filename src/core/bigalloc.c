/* bigalloc — see bigalloc.h. */
#include "core/bigalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *big_alloc(size_t bytes) {
    if (bytes < ((size_t)1 << 20)) return malloc(bytes ? bytes : 1);
    if (bytes > SIZE_MAX - HUGE_PAGE) return NULL;
    size_t size = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, size) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, size, MADV_HUGEPAGE); /* advice only: fine if refused */
#endif
    return p;
}

void *big_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = big_alloc(count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void *big_realloc(void *p, size_t old_bytes, size_t new_bytes) {
    if (new_bytes < ((size_t)1 << 20)) return realloc(p, new_bytes ? new_bytes : 1);
    void *q = big_alloc(new_bytes);
    if (!q) return NULL;
    if (p) {
        memcpy(q, p, old_bytes < new_bytes ? old_bytes : new_bytes);
        free(p);
    }
    return q;
}
