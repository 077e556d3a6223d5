/* zone_fields — a zone (spot or park) from outside text, the counterpart of
 * unit_from_fields for zone imports: kind, name, county, centre, area, the stage of
 * conversion (with the Jalali or ISO date it was reached) and the state of each
 * utility. Pure; the county is resolved by the caller. */
#ifndef TASHIL_ZONE_FIELDS_H
#define TASHIL_ZONE_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include "registry/registry.h"

struct zone_record {
    char kind[24];
    char name[256];
    int64_t county_id;
    bool has_center;
    double lat, lon;
    double area_ha;      /* < 0 when unknown */
    char stage[32];      /* "" when none */
    char stage_date[11]; /* ISO; "" when not given */
    char notes[1024];
    int ninfra;
    struct { char utility[16], state[16]; } infra[6];
};

/* kind, name, county, lat, lon, area_ha, stage, stage_date, notes, then one column
 * per utility (water … sewage); NULL-terminated. */
extern const char *const zone_import_fields[];

bool zone_from_fields(field_getter get, void *ctx, struct zone_record *z,
                      const char **county_text, struct field_errors *errs);

#endif
