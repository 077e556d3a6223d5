/* geo_csv — see geo_csv.h. Reads records through core/csv, checks each field as it
 * comes and appends to growable arrays (doubling); ids are packed in one buffer. */
#include "geo/geo_csv.h"

#include "core/bigalloc.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void geo_points_init(geo_points *p) { memset(p, 0, sizeof *p); }

void geo_points_free(geo_points *p) {
    free(p->lat);
    free(p->lon);
    free(p->id_off);
    free(p->ids);
    geo_points_init(p);
}

const char *geo_points_id(const geo_points *p, size_t i) { return p->ids + p->id_off[i]; }

static int say(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int say(char *err, size_t errlen, int code, const char *fmt, ...) {
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* Up to 40 bytes of a field for a message: control bytes become '?', and a UTF-8
 * sequence is not cut in the middle. */
static const char *shown(const csv_field *f, char *out, size_t outlen) {
    size_t n = f->len < 40 ? f->len : 40;
    if (n < f->len)
        while (n > 0 && ((unsigned char)f->s[n] & 0xC0) == 0x80) n--;
    if (n >= outlen) n = outlen - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f->s[i];
        out[i] = (char)(c < 0x20 || c == 0x7F ? '?' : c);
    }
    out[n] = 0;
    return out;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Trims spaces and tabs; false when nothing is left. */
static int trim(const char **s, size_t *len) {
    while (*len && is_space(**s)) (*s)++, (*len)--;
    while (*len && is_space((*s)[*len - 1])) (*len)--;
    return *len > 0;
}

static int digits(const char *s, size_t len, size_t *i) {
    size_t start = *i;
    while (*i < len && s[*i] >= '0' && s[*i] <= '9') (*i)++;
    return *i > start;
}

/* Exact powers of ten (all representable in a double). */
static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int geo_parse_coord(const char *s, size_t len, double lo, double hi, double *out) {
    if (!trim(&s, &len) || len > 64) return -1;
    /* [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?, gathering the decimal mantissa */
    size_t i = 0, b;
    int neg = s[0] == '-';
    if (s[i] == '+' || s[i] == '-') i++;
    uint64_t m = 0;
    int ndig = 0; /* significant digits gathered into m */
    int overflow = 0;
    long e10 = 0;
    b = i;
    int intpart = digits(s, len, &i), frac = 0;
    for (size_t k = b; k < i; k++) {
        if (ndig < 19) {
            m = m * 10 + (uint64_t)(s[k] - '0');
            if (m) ndig++;
        } else {
            overflow = 1;
        }
    }
    if (i < len && s[i] == '.') {
        i++;
        b = i;
        frac = digits(s, len, &i);
        for (size_t k = b; k < i; k++) {
            if (ndig < 19) {
                m = m * 10 + (uint64_t)(s[k] - '0');
                if (m) ndig++;
                e10--;
            } else {
                overflow = 1;
            }
        }
    }
    if (!intpart && !frac) return -1;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < len && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        b = i;
        if (!digits(s, len, &i)) return -1;
        long x = 0;
        for (size_t k = b; k < i; k++) x = x < 100000 ? x * 10 + (s[k] - '0') : x;
        e10 += eneg ? -x : x;
    }
    if (i != len) return -1;
    double v;
    if (!overflow && m <= ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
        /* Clinger's fast path: m and 10^|e10| are exact, so one correctly rounded
         * operation gives what strtod gives. */
        v = e10 < 0 ? (double)m / pow10_exact[-e10] : (double)m * pow10_exact[e10];
        if (neg) v = -v;
    } else {
        char tmp[65];
        memcpy(tmp, s, len);
        tmp[len] = 0;
        errno = 0;
        char *end;
        v = strtod(tmp, &end);
        if (end != tmp + len) return -1;
        if (errno == ERANGE && fabs(v) >= 1) return -2; /* overflow; underflow is ~0, fine */
    }
    if (!isfinite(v) || v < lo || v > hi) return -2;
    *out = v;
    return 0;
}

static int ascii_ieq(const char *a, size_t alen, const char *b) {
    size_t blen = strlen(b);
    if (alen != blen) return 0;
    for (size_t i = 0; i < alen; i++) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != b[i]) return 0;
    }
    return 1;
}

static int grow_points(geo_points *p) {
    size_t cap = p->cap ? p->cap * 2 : 1024;
    double *la = big_realloc(p->lat, p->n * sizeof *la, cap * sizeof *la);
    if (!la) return -1;
    p->lat = la;
    double *lo = big_realloc(p->lon, p->n * sizeof *lo, cap * sizeof *lo);
    if (!lo) return -1;
    p->lon = lo;
    size_t *io = big_realloc(p->id_off, p->n * sizeof *io, cap * sizeof *io);
    if (!io) return -1;
    p->id_off = io;
    p->cap = cap;
    return 0;
}

static int add_id(geo_points *p, const char *s, size_t len) {
    if (p->ids_len + len + 1 > p->ids_cap) {
        size_t cap = p->ids_cap ? p->ids_cap : 16384;
        while (cap < p->ids_len + len + 1) cap *= 2;
        char *ni = big_realloc(p->ids, p->ids_len, cap);
        if (!ni) return -1;
        p->ids = ni;
        p->ids_cap = cap;
    }
    p->id_off[p->n] = p->ids_len;
    memcpy(p->ids + p->ids_len, s, len);
    p->ids[p->ids_len + len] = 0;
    p->ids_len += len + 1;
    return 0;
}

static int read_all(csv_reader *r, geo_points *p, size_t max_points, char *err, size_t errlen) {
    const csv_field *f;
    size_t nf;
    int rc = csv_next(r, &f, &nf);
    if (rc < 0)
        return say(err, errlen, GEO_CSV_EINPUT, "line %lu: %s", csv_error_line(r), csv_error(r));
    if (rc == 0) return say(err, errlen, GEO_CSV_EINPUT, "empty input: expected a header line with id,lat,lon");
    static const char *const want[3] = {"id", "lat", "lon"};
    size_t col[3] = {(size_t)-1, (size_t)-1, (size_t)-1}, ncols = nf;
    unsigned long hline = csv_record_line(r);
    for (size_t i = 0; i < nf; i++) {
        const char *s = f[i].s;
        size_t len = f[i].len;
        trim(&s, &len);
        for (int k = 0; k < 3; k++) {
            if (!ascii_ieq(s, len, want[k])) continue;
            if (col[k] != (size_t)-1)
                return say(err, errlen, GEO_CSV_EINPUT, "line %lu: column '%s' appears twice in the header",
                            hline, want[k]);
            col[k] = i;
        }
    }
    for (int k = 0; k < 3; k++)
        if (col[k] == (size_t)-1)
            return say(err, errlen, GEO_CSV_EINPUT,
                       "line %lu: the header has no '%s' column (it needs id, lat and lon)", hline,
                       want[k]);
    while ((rc = csv_next(r, &f, &nf)) == 1) {
        unsigned long line = csv_record_line(r);
        if (nf == 1 && f[0].len == 0) continue; /* blank line */
        if (nf != ncols)
            return say(err, errlen, GEO_CSV_EINPUT, "line %lu: %zu field%s, but the header has %zu",
                       line, nf, nf == 1 ? "" : "s", ncols);
        if (p->n >= max_points)
            return say(err, errlen, GEO_CSV_EINPUT, "line %lu: more than %zu points", line, max_points);
        if (p->n == p->cap && grow_points(p) != 0)
            return say(err, errlen, GEO_CSV_ENOMEM, "out of memory");
        const csv_field *id = &f[col[0]], *la = &f[col[1]], *lo = &f[col[2]];
        char show[48];
        if (id->len == 0) return say(err, errlen, GEO_CSV_EINPUT, "line %lu: empty id", line);
        int e = geo_parse_coord(la->s, la->len, -90, 90, &p->lat[p->n]);
        if (e != 0)
            return say(err, errlen, GEO_CSV_EINPUT, "line %lu: lat '%s' is %s", line, shown(la, show, sizeof show),
                       e == -1 ? "not a number" : "out of range (-90 to 90)");
        e = geo_parse_coord(lo->s, lo->len, -180, 180, &p->lon[p->n]);
        if (e != 0)
            return say(err, errlen, GEO_CSV_EINPUT, "line %lu: lon '%s' is %s", line, shown(lo, show, sizeof show),
                       e == -1 ? "not a number" : "out of range (-180 to 180)");
        if (add_id(p, id->s, id->len) != 0) return say(err, errlen, GEO_CSV_ENOMEM, "out of memory");
        p->n++;
    }
    if (rc < 0)
        return say(err, errlen, rc == CSV_ENOMEM ? GEO_CSV_ENOMEM : GEO_CSV_EINPUT, "line %lu: %s",
                   csv_error_line(r), csv_error(r));
    return 0;
}

int geo_points_read_csv(csv_reader *r, geo_points *p, size_t max_points, char *err,
                        size_t errlen) {
    /* numbers are read in the C locale, whatever the process has set */
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    int rc = read_all(r, p, max_points, err, errlen);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return rc;
}
