/* demo_ids — see demo_ids.h. Check digits follow docs/persian-text.md. */
#include "demo/demo_ids.h"

#include <math.h>

static uint32_t spread(uint32_t serial) {
    return (uint32_t)(((uint64_t)(serial % 1000000u) * 7919u + 123457u) % 1000000u);
}

static void six_digits(uint32_t v, int *d) {
    for (int i = 5; i >= 0; i--) {
        d[i] = (int)(v % 10);
        v /= 10;
    }
}

void demo_legal_id(unsigned prefix4, uint32_t serial, char out[12]) {
    static const int w[5] = {29, 27, 23, 19, 17};
    int d[11];
    for (int i = 3; i >= 0; i--) {
        d[i] = (int)(prefix4 % 10);
        prefix4 /= 10;
    }
    six_digits(spread(serial), d + 4);
    if (d[3] + d[4] + d[5] + d[6] + d[7] + d[8] == 0) d[8] = 1; /* digits 4–9 not all zero */
    int k = d[9] + 2, s = 0;
    for (int i = 0; i < 10; i++) s += (d[i] + k) * w[i % 5];
    int c = s % 11;
    d[10] = c == 10 ? 0 : c;
    for (int i = 0; i < 11; i++) out[i] = (char)('0' + d[i]);
    out[11] = 0;
}

void demo_national_code(unsigned prefix3, uint32_t serial, char out[11]) {
    int d[10];
    for (int i = 2; i >= 0; i--) {
        d[i] = (int)(prefix3 % 10);
        prefix3 /= 10;
    }
    six_digits(spread(serial), d + 3);
    int s = 0;
    for (int i = 0; i < 9; i++) s += d[i] * (10 - i);
    int r = s % 11;
    d[9] = r < 2 ? r : 11 - r;
    int same = 1;
    for (int i = 1; i < 10; i++) same &= d[i] == d[0];
    if (same) { /* only 000000000-0 style serials; move one digit and recompute */
        d[8] = (d[8] + 1) % 10;
        s = 0;
        for (int i = 0; i < 9; i++) s += d[i] * (10 - i);
        r = s % 11;
        d[9] = r < 2 ? r : 11 - r;
    }
    for (int i = 0; i < 10; i++) out[i] = (char)('0' + d[i]);
    out[10] = 0;
}

uint64_t demo_rand(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double demo_uniform(uint64_t *state) { return (double)(demo_rand(state) >> 11) * 0x1.0p-53; }

double demo_normal(uint64_t *state) {
    double u = demo_uniform(state), v = demo_uniform(state);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

int demo_pick(uint64_t *state, const int *weights, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) total += weights[i];
    if (total <= 0) return 0;
    int r = (int)(demo_rand(state) % (uint64_t)total);
    for (int i = 0; i < n; i++) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    return n - 1;
}
