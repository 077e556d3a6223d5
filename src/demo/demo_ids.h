/* demo_ids — identifiers that pass their checksums, made from a serial number, for
 * the demo province, the tests and the import benchmark. A serial below 10^6 gives
 * a distinct ID (the serial is spread over six digits by a bijection mod 10^6, so
 * neighbouring serials do not look sequential). Pure. */
#ifndef TASHIL_DEMO_IDS_H
#define TASHIL_DEMO_IDS_H

#include <stdint.h>

/* An 11-digit legal national ID: the 4-digit prefix (e.g. 1032), six digits from
 * the serial, the check digit. */
void demo_legal_id(unsigned prefix4, uint32_t serial, char out[12]);
/* A 10-digit national code: the 3-digit prefix (a city code), six digits from the
 * serial, the check digit; never ten equal digits. */
void demo_national_code(unsigned prefix3, uint32_t serial, char out[11]);

/* splitmix64: a small deterministic generator for demo data. */
uint64_t demo_rand(uint64_t *state);
double demo_uniform(uint64_t *state);          /* [0, 1) */
double demo_normal(uint64_t *state);           /* standard normal (Box–Muller) */
int demo_pick(uint64_t *state, const int *weights, int n); /* index by weight */

#endif
