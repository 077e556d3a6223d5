/* arena — see arena.h. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    struct arena_chunk *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_FIRST = 4096 - sizeof(struct arena_chunk), ARENA_MAX_CHUNK = 65536 };

void arena_init(arena *a, size_t cap) {
    a->head = NULL;
    a->used_total = 0;
    a->cap = cap;
}

static struct arena_chunk *new_chunk(arena *a, size_t need) {
    size_t size = a->head ? a->head->size * 2 : ARENA_FIRST;
    if (size > ARENA_MAX_CHUNK) size = ARENA_MAX_CHUNK;
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof(struct arena_chunk)) return NULL;
    size_t total = sizeof(struct arena_chunk) + size;
    if (a->cap && a->used_total + total > a->cap) return NULL;
    struct arena_chunk *c = malloc(total);
    if (!c) return NULL;
    c->size = size;
    c->used = 0;
    a->used_total += total;
    /* A chunk made for one large block goes behind the head so the head's free
     * space keeps serving small allocations. */
    if (a->head && need > ARENA_MAX_CHUNK / 4) {
        c->next = a->head->next;
        a->head->next = c;
    } else {
        c->next = a->head;
        a->head = c;
    }
    return c;
}

void *arena_alloc(arena *a, size_t n) {
    if (n == 0) n = 1;
    if (n > SIZE_MAX - 15) return NULL;
    n = (n + 15) & ~(size_t)15;
    struct arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        c = new_chunk(a, n);
        if (!c) return NULL;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = arena_alloc(a, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_vprintf(arena *a, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(arena *a) {
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

void arena_reset(arena *a) { arena_free(a); }
