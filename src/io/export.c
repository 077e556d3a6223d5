/* export — see export.h. */
#include "io/export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv_write.h"
#include "io/xlsx_write.h"
#include "registry/import.h"
#include "text/fa_fts5.h"
#include "text/fa_num.h"

enum { PAGE = 1000, NCOLS = 18 };

static const char *const extra_headers[2] = {"محدوده", "بخش"};
/* Which of unit_fields are numbers (for XLSX) and which free text (CSV guard). */
static const char *const numeric_fields[] = {"employees", "lat", "lon", "zone_id", NULL};
static const char *const text_fields[] = {"name", "licence_no", "address", "contact_name", NULL};

static bool in(const char *const *list, const char *s) {
    for (; *list; list++)
        if (!strcmp(*list, s)) return true;
    return false;
}

static void coord(double v, char *out, size_t cap) {
    snprintf(out, cap, "%.7f", v);
    char *e = out + strlen(out) - 1;
    while (e > out && *e == '0') *e-- = 0;
    if (*e == '.') *e = 0;
}

/* The cells of one unit, in header order; the strings live in `s`. */
struct cells {
    const char *v[NCOLS];
    char emp[24], lat[32], lon[32], zone[24];
};

static size_t header_cells(const char **v) {
    size_t n = 0;
    for (int i = 0; unit_fields[i]; i++) v[n++] = import_field_label(IMPORT_UNITS, unit_fields[i]);
    v[n++] = extra_headers[0];
    v[n++] = extra_headers[1];
    return n;
}

static size_t unit_cells(const struct unit_row *r, struct cells *c) {
    const struct unit *u = &r->u;
    snprintf(c->emp, sizeof c->emp, "%lld", (long long)u->employees);
    c->lat[0] = c->lon[0] = c->zone[0] = 0;
    if (u->has_location) {
        coord(u->lat, c->lat, sizeof c->lat);
        coord(u->lon, c->lon, sizeof c->lon);
    }
    if (u->zone_id) snprintf(c->zone, sizeof c->zone, "%lld", (long long)u->zone_id);
    size_t n = 0;
    for (int i = 0; unit_fields[i]; i++) {
        const char *f = unit_fields[i], *v = "";
        if (!strcmp(f, "national_id")) v = u->national_id;
        else if (!strcmp(f, "name")) v = u->name;
        else if (!strcmp(f, "business_id")) v = u->business_id;
        else if (!strcmp(f, "licence_kind")) v = vocab_label(licence_kinds, u->licence_kind);
        else if (!strcmp(f, "licence_no")) v = u->licence_no;
        else if (!strcmp(f, "isic")) v = u->isic;
        else if (!strcmp(f, "employees")) v = c->emp;
        else if (!strcmp(f, "state")) v = vocab_label(unit_states, u->state);
        else if (!strcmp(f, "lat")) v = c->lat;
        else if (!strcmp(f, "lon")) v = c->lon;
        else if (!strcmp(f, "address")) v = u->address;
        else if (!strcmp(f, "postal_code")) v = u->postal_code;
        else if (!strcmp(f, "county")) v = r->county;
        else if (!strcmp(f, "zone_id")) v = c->zone;
        else if (!strcmp(f, "contact_name")) v = u->contact_name;
        else if (!strcmp(f, "phone")) v = u->phone;
        c->v[n++] = v;
    }
    c->v[n++] = r->zone;
    c->v[n++] = r->sector;
    return n;
}

/* Walks every unit of the filter in id order, PAGE at a time. */
struct walk {
    int (*fn)(void *arg, const struct unit_row *r);
    void *arg;
    int64_t last;
    int n, failed;
};

static int walk_row(void *arg, const struct unit_row *r) {
    struct walk *w = arg;
    w->last = r->u.id;
    w->n++;
    if (w->fn(w->arg, r) != 0) {
        w->failed = 1;
        return 1;
    }
    return 0;
}

static int each_unit(store_conn *c, const struct unit_filter *f,
                     int (*fn)(void *arg, const struct unit_row *r), void *arg) {
    struct unit_filter page = *f;
    page.sort = UNIT_SORT_ID;
    page.limit = PAGE;
    page.offset = 0;
    page.after_id = 0;
    for (;;) {
        struct walk w = {fn, arg, 0, 0, 0};
        int rc = store_unit_list(c, &page, walk_row, &w, NULL);
        if (rc != STORE_OK) return rc;
        if (w.failed) return STORE_ERROR;
        if (w.n < PAGE) return STORE_OK;
        page.after_id = w.last;
    }
}

/* --- CSV ----------------------------------------------------------------------------- */

struct csv_out {
    FILE *f;
    buf *b;
    long count;
};

static void csv_row(buf *b, const char *const *v, size_t n, bool guard) {
    for (size_t i = 0; i < n; i++)
        csv_write_field(b, v[i], i == 0, guard && i < NCOLS - 2 && in(text_fields, unit_fields[i]));
    csv_write_eol(b);
}

static int flush(struct csv_out *o) {
    if (!o->f) return o->b->failed ? -1 : 0;
    if (o->b->len && fwrite(o->b->data, 1, o->b->len, o->f) != o->b->len) return -1;
    buf_clear(o->b);
    return 0;
}

static int csv_unit(void *arg, const struct unit_row *r) {
    struct csv_out *o = arg;
    struct cells c;
    size_t n = unit_cells(r, &c);
    csv_row(o->b, c.v, n, true);
    o->count++;
    return o->b->len > (1 << 20) || o->b->failed ? flush(o) : 0;
}

int export_units_csv(store_conn *c, const struct unit_filter *f, FILE *out, buf *b, long *count) {
    buf own;
    buf_init(&own, 4 << 20);
    struct csv_out o = {out, out ? &own : b, 0};
    const char *h[NCOLS];
    size_t n = header_cells(h);
    csv_write_bom(o.b);
    csv_row(o.b, h, n, false);
    int rc = each_unit(c, f, csv_unit, &o);
    if (rc == STORE_OK && flush(&o) != 0) rc = STORE_ERROR;
    buf_free(&own);
    if (count) *count = o.count;
    return rc;
}

/* --- XLSX ---------------------------------------------------------------------------- */

struct xlsx_out {
    xlsx_writer *w;
    bool numeric[NCOLS];
    long count;
};

static int xlsx_unit(void *arg, const struct unit_row *r) {
    struct xlsx_out *o = arg;
    struct cells c;
    size_t n = unit_cells(r, &c);
    o->count++;
    return xlsx_writer_row(o->w, c.v, o->numeric, n, false);
}

int export_units_xlsx(store_conn *c, const struct unit_filter *f, const char *path, long *count) {
    struct xlsx_out o = {xlsx_writer_open(path, "واحدها"), {false}, 0};
    if (!o.w) return STORE_ERROR;
    for (int i = 0; unit_fields[i]; i++) o.numeric[i] = in(numeric_fields, unit_fields[i]);
    const char *h[NCOLS];
    size_t n = header_cells(h);
    int rc = xlsx_writer_row(o.w, h, NULL, n, true) == 0 ? STORE_OK : STORE_ERROR;
    if (rc == STORE_OK) rc = each_unit(c, f, xlsx_unit, &o);
    if (xlsx_writer_close(o.w) != 0 && rc == STORE_OK) rc = STORE_ERROR;
    if (count) *count = o.count;
    return rc;
}

int export_units_xlsx_buf(store_conn *c, const struct unit_filter *f, buf *out, long *count) {
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/tashil-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return STORE_ERROR;
    close(fd);
    int rc = export_units_xlsx(c, f, path, count);
    FILE *fp = rc == STORE_OK ? fopen(path, "rb") : NULL;
    if (fp) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(out, chunk, n);
        if (ferror(fp) || out->failed) rc = STORE_ERROR;
        fclose(fp);
    } else rc = STORE_ERROR;
    unlink(path);
    return rc;
}

/* --- filters ------------------------------------------------------------------------- */

static bool blank(const char *s) { return !s || !*s; }

int export_filter(store_conn *c, const char *q, const char *sector, const char *county,
                  const char *zone, const char *state, buf *match, struct unit_filter *f,
                  const char **bad) {
    memset(f, 0, sizeof *f);
    *bad = NULL;
    if (!blank(q)) {
        int rc = fa_fts5_query(q, strlen(q), match);
        if (rc < 0) return *bad = "q", -1;
        if (rc == 0 && match->len) f->match = match->data;
    }
    if (!blank(sector)) f->sector = sector;
    if (!blank(county)) {
        int64_t id;
        if (fa_num_parse_i64(county, strlen(county), &id, NULL) == 0 && id > 0) f->county_id = id;
        else if (store_county_by_name(c, county, &id) == STORE_OK) f->county_id = id;
        else return *bad = "county", -1;
    }
    if (!blank(zone)) {
        int64_t id;
        if (fa_num_parse_i64(zone, strlen(zone), &id, NULL) != 0 || id == 0 || id < -1)
            return *bad = "zone", -1;
        f->zone_id = id;
    }
    if (!blank(state)) {
        f->state = vocab_parse(unit_states, state);
        if (!f->state) return *bad = "state", -1;
    }
    return 0;
}
