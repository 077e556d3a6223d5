/* geo_csv — points (id, lat, lon) read from CSV, for `tashil cluster` and imports.
 *
 * The first record is a header naming the columns; it must contain `id`, `lat` and
 * `lon` (ASCII case and surrounding spaces ignored), in any order, among any other
 * columns (ignored). Every later record must have as many fields as the header,
 * except blank lines, which are skipped. Coordinates are plain decimal numbers
 * (sign, digits, point, exponent; surrounding spaces allowed; no hex, inf or nan),
 * parsed with strtod in the C locale whatever the process locale is, then checked:
 * latitude in [-90, 90], longitude in [-180, 180]. An id may be any non-empty text.
 * The first bad record stops the read with a message naming its line.
 *
 * Ownership: geo_points owns its arrays; geo_points_free releases them. */
#ifndef TASHIL_GEO_CSV_H
#define TASHIL_GEO_CSV_H

#include <stddef.h>

#include "core/csv.h"

typedef struct geo_points {
    size_t n, cap;
    double *lat, *lon; /* degrees */
    size_t *id_off;    /* id i is ids + id_off[i], NUL-terminated */
    char *ids;
    size_t ids_len, ids_cap;
} geo_points;

enum { GEO_CSV_EINPUT = -1, GEO_CSV_ENOMEM = -2 };

void geo_points_init(geo_points *p);
void geo_points_free(geo_points *p);
const char *geo_points_id(const geo_points *p, size_t i);

/* Reads the header and every record into p (which must be freshly initialised).
 * At most max_points points. Returns 0, or a negative GEO_CSV_E* code with an
 * English message in err that starts with "line N: " when a line is to blame. */
int geo_points_read_csv(csv_reader *r, geo_points *p, size_t max_points, char *err,
                        size_t errlen);

/* Parses one coordinate: 0, or -1 when s is not a plain decimal number, or -2 when
 * it is one but outside [lo, hi]. Uses the calling thread's locale (see above). */
int geo_parse_coord(const char *s, size_t len, double lo, double hi, double *out);

#endif
