/* demo_registry — the demo province's registry: agencies with a few liaison users,
 * about forty industrial spots around Islamshahr with their infrastructure and
 * conversion stages, the governmental and specialised parks, and 3,000 production
 * units (machine-made shoes and wood/furniture first) clustered around the spots,
 * with some in unregistered clusters outside every zone.
 *
 * Deterministic: the same seed gives the same database. Fast: everything is written
 * in one transaction through the bulk path (store_import), one audit event for the
 * units. The caller has created the demo users; the liaison users are added here
 * with the password hash it passes. */
#ifndef TASHIL_DEMO_REGISTRY_H
#define TASHIL_DEMO_REGISTRY_H

#include <stdint.h>

#include "store/store.h"

enum { DEMO_UNITS = 3000 };

struct demo_registry_stats {
    int agencies, liaisons, spots, parks, units, units_outside_zones;
};

/* Fills the registry; returns STORE_OK or an error (then nothing is written). */
int demo_registry(store_conn *c, uint64_t seed, const char *password_hash,
                  struct demo_registry_stats *stats);

/* The province's box (Tehran province with a margin) that every demo point is in. */
#define DEMO_LAT_MIN 34.8
#define DEMO_LAT_MAX 36.4
#define DEMO_LON_MIN 50.3
#define DEMO_LON_MAX 53.2

#endif
