/* throttle — see throttle.h. */
#include "auth/throttle.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { THROTTLE_SLOTS = 4096, THROTTLE_PROBES = 8 };

struct slot {
    uint64_t key_hash; /* 0 = empty */
    int64_t window_start;
    int failures;
};

struct throttle {
    pthread_mutex_t lock;
    int limit, window;
    struct slot slots[THROTTLE_SLOTS];
};

static uint64_t hash_key(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

throttle *throttle_new(int limit, int window_secs) {
    throttle *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    pthread_mutex_init(&t->lock, NULL);
    t->limit = limit;
    t->window = window_secs;
    return t;
}

void throttle_free(throttle *t) {
    if (!t) return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

/* Finds the slot of key, or (create) an empty/expired/oldest one to take over. */
static struct slot *find(throttle *t, uint64_t h, int64_t now, bool create) {
    struct slot *victim = NULL;
    for (int i = 0; i < THROTTLE_PROBES; i++) {
        struct slot *s = &t->slots[(h + (uint64_t)i) % THROTTLE_SLOTS];
        if (s->key_hash == h) return s;
        bool reusable = s->key_hash == 0 || now - s->window_start >= t->window;
        if (reusable) {
            if (!victim || victim->key_hash != 0) victim = s; /* first reusable wins */
        } else if (!victim || (victim->key_hash != 0 && s->window_start < victim->window_start)) {
            victim = s; /* otherwise the oldest window is evicted */
        }
    }
    if (!create) return NULL;
    victim->key_hash = h;
    victim->window_start = now;
    victim->failures = 0;
    return victim;
}

bool throttle_blocked(throttle *t, const char *key, int64_t now) {
    uint64_t h = hash_key(key);
    pthread_mutex_lock(&t->lock);
    struct slot *s = find(t, h, now, false);
    bool blocked = s && now - s->window_start < t->window && s->failures >= t->limit;
    pthread_mutex_unlock(&t->lock);
    return blocked;
}

void throttle_failure(throttle *t, const char *key, int64_t now) {
    uint64_t h = hash_key(key);
    pthread_mutex_lock(&t->lock);
    struct slot *s = find(t, h, now, true);
    if (now - s->window_start >= t->window) {
        s->window_start = now;
        s->failures = 0;
    }
    s->failures++;
    pthread_mutex_unlock(&t->lock);
}

void throttle_success(throttle *t, const char *key) {
    uint64_t h = hash_key(key);
    pthread_mutex_lock(&t->lock);
    struct slot *s = find(t, h, 0, false);
    if (s) memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&t->lock);
}
