/* import_run — see import_run.h. */
#include "io/import_run.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "io/table.h"
#include "store/store_import.h"
#include "store/store_registry.h"

static int add_county(void *arg, int64_t id, const char *name) {
    return import_refs_add_county(arg, id, name) != 0;
}
static int add_isic(void *arg, const char *code, const char *title, const char *sector) {
    (void)title, (void)sector;
    import_refs_add_isic(arg, code);
    return 0;
}
static int add_zone(void *arg, int64_t id) { return import_refs_add_zone(arg, id) != 0; }

static int load_refs(store_conn *c, struct import_refs *refs) {
    int rc = store_county_each(c, add_county, refs);
    if (rc == STORE_OK) rc = store_isic_each(c, add_isic, refs);
    if (rc == STORE_OK) rc = store_zone_id_each(c, add_zone, refs);
    import_refs_ready(refs);
    return rc;
}

static void hex(const unsigned char *h, size_t n, char *out) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[2 * n] = 0;
}

static int hash_file(const char *path, char out[65]) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    static __thread unsigned char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) crypto_generichash_update(&st, chunk, n);
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    unsigned char h[32];
    crypto_generichash_final(&st, h, 32);
    hex(h, 32, out);
    return rc;
}

/* Writes one valid zone: the zone, then its stage (dated) and infrastructure. */
static int write_zone(store_conn *c, const struct import_options *o, struct zone_record *zr,
                      const char *now, enum store_upsert_outcome *out) {
    struct zone z = {0};
    snprintf(z.kind, sizeof z.kind, "%s", zr->kind);
    snprintf(z.name, sizeof z.name, "%s", zr->name);
    z.county_id = zr->county_id;
    z.has_center = zr->has_center;
    z.center_lat = zr->lat;
    z.center_lon = zr->lon;
    z.area_ha = zr->area_ha;
    snprintf(z.notes, sizeof z.notes, "%s", zr->notes);
    int rc = store_zone_upsert(c, &z, now, out);
    if (rc == STORE_OK && zr->stage[0]) {
        char date[11];
        memcpy(date, zr->stage_date[0] ? zr->stage_date : now, 10);
        date[10] = 0;
        rc = store_zone_reach_stage(c, o->actor, z.id, zr->stage, date);
    }
    for (int i = 0; rc == STORE_OK && i < zr->ninfra; i++) {
        struct zone_infra inf = {0};
        snprintf(inf.utility, sizeof inf.utility, "%s", zr->infra[i].utility);
        snprintf(inf.state, sizeof inf.state, "%s", zr->infra[i].state);
        rc = store_zone_set_infra(c, o->actor, z.id, &inf);
    }
    return rc;
}

static void audit_detail(buf *d, const struct import_options *o, const struct import_result *r) {
    buf_puts(d, "{\"file\":");
    json_out_string(d, o->source_name ? o->source_name : "");
    buf_printf(d,
               ",\"format\":\"%s\",\"encoding\":\"%s\",\"blake2b\":\"%s\",\"rows\":%ld,"
               "\"created\":%ld,\"updated\":%ld,\"unchanged\":%ld,\"invalid\":%ld,"
               "\"skip_invalid\":%s}",
               r->format, r->encoding, r->blake2b, r->rows, r->created, r->updated, r->unchanged,
               r->invalid, o->skip_invalid ? "true" : "false");
}

static void table_refused(struct import_result *r, const struct table_error *te) {
    import_report_add(&r->report, te->line, NULL, te->fa, te->en);
    r->status = IMPORT_REFUSED;
}

static int run(store_conn *c, table *t, long expected_rows, const struct import_options *o,
               struct import_result *r) {
    r->format = table_format_of(t) == TABLE_XLSX ? "xlsx" : "csv";
    r->encoding = table_encoding(t);
    struct table_error te;
    const char *const *cells;
    size_t n;
    unsigned long line;
    int rc = table_next(t, &cells, &n, &line, &te);
    if (rc <= 0) {
        if (rc == 0)
            import_report_add(&r->report, 0, NULL, "فایل هیچ سطری ندارد.", "the file has no rows");
        else table_refused(r, &te);
        r->status = IMPORT_REFUSED;
        return r->status;
    }
    struct import_map *map = calloc(1, sizeof *map);
    struct import_refs *refs = import_refs_new();
    struct import_seen *seen = import_seen_new();
    if (!map || !refs || !seen || load_refs(c, refs) != STORE_OK) {
        r->status = IMPORT_ESTORE;
        goto out;
    }
    if (import_map_header(map, o->kind, cells, n, &r->report) != 0) {
        r->status = IMPORT_REFUSED;
        goto out;
    }
    if (store_begin(c) != STORE_OK) {
        r->status = IMPORT_ESTORE;
        goto out;
    }
    char now[21];
    clock_iso_utc(clock_now(), now);
    bool writing = true;
    struct store_bulk bulk = {0};
    int src = o->kind == IMPORT_UNITS ? store_units_bulk_begin(c, expected_rows, &bulk) : STORE_OK;
    while (src == STORE_OK && (rc = table_next(t, &cells, &n, &line, &te)) == 1) {
        struct import_row row = {cells, n, line, table_strict_width(t)};
        if (import_row_blank(&row)) continue;
        r->rows++;
        enum store_upsert_outcome out = STORE_UPSERT_UNCHANGED;
        bool ok;
        if (o->kind == IMPORT_UNITS) {
            struct unit u;
            ok = import_unit_row(map, refs, seen, &row, &u, &r->report);
            if (ok && writing) src = store_unit_upsert_bulk(c, &bulk, &u, now, &out);
        } else {
            struct zone_record z;
            ok = import_zone_row(map, refs, seen, &row, &z, &r->report);
            if (ok && writing) src = write_zone(c, o, &z, now, &out);
        }
        if (src != STORE_OK) break;
        if (!ok) {
            r->invalid++;
            if (!o->skip_invalid) writing = false;
            continue;
        }
        if (!writing) continue;
        if (out == STORE_UPSERT_CREATED) r->created++;
        else if (out == STORE_UPSERT_UPDATED) r->updated++;
        else r->unchanged++;
        if (o->progress && (r->rows & 8191) == 0) o->progress(o->progress_arg, table_progress(t), r->rows);
    }
    if (o->progress) o->progress(o->progress_arg, 1.0, r->rows);
    if (src == STORE_OK && rc == 0 && writing) src = store_units_bulk_end(c, &bulk);
    if (src != STORE_OK) {
        store_rollback(c);
        r->status = IMPORT_ESTORE;
    } else if (rc < 0) {
        store_rollback(c);
        table_refused(r, &te);
    } else if (!writing) {
        store_rollback(c);
        r->created = r->updated = r->unchanged = 0;
        r->status = IMPORT_REJECTED;
    } else {
        buf d;
        buf_init(&d, 8192);
        audit_detail(&d, o, r);
        int arc = d.failed ? STORE_ERROR
                           : store_import_audit(c, o->actor,
                                                o->kind == IMPORT_UNITS ? "unit.import"
                                                                        : "zone.import",
                                                d.data);
        buf_free(&d);
        if (arc != STORE_OK) store_rollback(c);
        r->status = arc == STORE_OK && store_commit(c) == STORE_OK ? IMPORT_DONE : IMPORT_ESTORE;
    }
    store_units_bulk_free(c, &bulk);
out:
    if (r->status == IMPORT_ESTORE)
        import_report_add(&r->report, 0, NULL, "خطای پایگاه داده؛ چیزی ثبت نشد.",
                          "database error; nothing was written");
    free(map);
    import_refs_free(refs);
    import_seen_free(seen);
    return r->status;
}

static void result_init(struct import_result *r) {
    memset(r, 0, sizeof *r);
    import_report_init(&r->report);
    r->format = "";
    r->encoding = "";
}

int import_run_file(store_conn *c, const char *path, const struct import_options *o,
                    struct import_result *r) {
    result_init(r);
    if (hash_file(path, r->blake2b) != 0) {
        import_report_add(&r->report, 0, NULL, "فایل باز نشد.", "cannot read the file");
        return r->status = IMPORT_REFUSED;
    }
    table *t;
    struct table_error te;
    if (table_open_file(path, &t, &te) != 0) {
        table_refused(r, &te);
        return r->status;
    }
    struct stat st;
    long expected = stat(path, &st) == 0 ? (long)(st.st_size / 150) : 0;
    int rc = run(c, t, expected, o, r);
    table_close(t);
    return rc;
}

int import_run_mem(store_conn *c, const void *data, size_t len, const struct import_options *o,
                   struct import_result *r) {
    result_init(r);
    unsigned char h[32];
    crypto_generichash(h, 32, data, len, NULL, 0);
    hex(h, 32, r->blake2b);
    table *t;
    struct table_error te;
    if (table_open_mem(data, len, &t, &te) != 0) {
        table_refused(r, &te);
        return r->status;
    }
    int rc = run(c, t, (long)(len / 150), o, r);
    table_close(t);
    return rc;
}

void import_result_free(struct import_result *r) { import_report_free(&r->report); }
