/* import_run — see import_run.h. */
#include "io/import_run.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "io/table.h"
#include "store/store_fts_build.h"
#include "store/store_import.h"
#include "store/store_registry.h"

/* The ISIC classes' Persian titles by code: a unit's indexed activity text, as
 * store_import's own indexing reads it (coalesce(title_fa, '')). */
struct isic_title {
    char code[5];
    char *title;
};
struct isic_titles {
    struct isic_title *v;
    size_t n, cap;
    bool failed; /* out of memory: the list is incomplete */
};

static void add_title(struct isic_titles *t, const char *code, const char *title) {
    if (t->failed) return;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        struct isic_title *v = realloc(t->v, cap * sizeof *v);
        if (!v) {
            t->failed = true;
            return;
        }
        t->v = v;
        t->cap = cap;
    }
    struct isic_title *e = &t->v[t->n];
    snprintf(e->code, sizeof e->code, "%s", code);
    if (!(e->title = strdup(title))) {
        t->failed = true;
        return;
    }
    t->n++;
}

static int title_cmp(const void *key, const void *elem) {
    return strcmp(key, ((const struct isic_title *)elem)->code);
}

/* Sorted by code (store_isic_each reads them in that order). */
static const char *title_of(const struct isic_titles *t, const char *code) {
    if (!code[0] || !t->n) return "";
    const struct isic_title *e = bsearch(code, t->v, t->n, sizeof *t->v, title_cmp);
    return e ? e->title : "";
}

static void titles_free(struct isic_titles *t) {
    for (size_t i = 0; i < t->n; i++) free(t->v[i].title);
    free(t->v);
}

static int add_county(void *arg, int64_t id, const char *name) {
    return import_refs_add_county(arg, id, name) != 0;
}
static int add_zone(void *arg, int64_t id) { return import_refs_add_zone(arg, id) != 0; }

/* The ISIC classes feed both the references rows are checked against and, when
 * asked for, their titles (one read of the table). */
struct isic_sink {
    struct import_refs *refs;
    struct isic_titles *titles; /* NULL: not wanted */
};
static int add_isic(void *arg, const char *code, const char *title, const char *sector) {
    (void)sector;
    struct isic_sink *k = arg;
    import_refs_add_isic(k->refs, code);
    if (k->titles) add_title(k->titles, code, title);
    return 0;
}

static int load_refs(store_conn *c, struct import_refs *refs, struct isic_titles *titles) {
    struct isic_sink isic = {refs, titles};
    int rc = store_county_each(c, add_county, refs);
    if (rc == STORE_OK) rc = store_isic_each(c, add_isic, &isic);
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

/* The file's hash, for the audit event, is computed by a thread of its own while
 * the file is read and written (a third of a second for a million rows, which
 * would otherwise come before the first row); the import waits for it only at
 * its commit. */
struct file_hash {
    const char *path;
    pthread_t thread;
    bool running;
    int rc;
    char hex[65];
};

static void *hash_main(void *arg) {
    struct file_hash *fh = arg;
    fh->rc = -1;
    FILE *f = fopen(fh->path, "rb");
    if (!f) return NULL;
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    unsigned char *chunk = malloc(1 << 16);
    size_t n;
    while (chunk && (n = fread(chunk, 1, 1 << 16, f)) > 0) crypto_generichash_update(&st, chunk, n);
    fh->rc = !chunk || ferror(f) ? -1 : 0;
    free(chunk);
    fclose(f);
    unsigned char h[32];
    crypto_generichash_final(&st, h, 32);
    hex(h, 32, fh->hex);
    return NULL;
}

static void hash_start(struct file_hash *fh, const char *path) {
    memset(fh, 0, sizeof *fh);
    fh->path = path;
    fh->running = pthread_create(&fh->thread, NULL, hash_main, fh) == 0;
    if (!fh->running) hash_main(fh);
}

/* Waits for the hash (once) and puts it in r; -1 when the file could not be read. */
static int hash_wait(struct file_hash *fh, struct import_result *r) {
    if (!fh) return 0;
    if (fh->running) pthread_join(fh->thread, NULL);
    fh->running = false;
    memcpy(r->blake2b, fh->hex, sizeof r->blake2b);
    return fh->rc;
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

/* The end of a good import, inside its transaction: the audit event, the commit. */
static int finish(store_conn *c, const struct import_options *o, struct import_result *r,
                  struct file_hash *fh) {
    if (hash_wait(fh, r) != 0) {
        store_rollback(c);
        r->created = r->updated = r->unchanged = 0;
        import_report_add(&r->report, 0, NULL, "فایل باز نشد.", "cannot read the file");
        return r->status = IMPORT_REFUSED;
    }
    buf d;
    buf_init(&d, 8192);
    audit_detail(&d, o, r);
    int arc = d.failed ? STORE_ERROR
                       : store_import_audit(c, o->actor,
                                            o->kind == IMPORT_UNITS ? "unit.import" : "zone.import",
                                            d.data);
    buf_free(&d);
    if (arc != STORE_OK) store_rollback(c);
    r->status = arc == STORE_OK && store_commit(c) == STORE_OK ? IMPORT_DONE : IMPORT_ESTORE;
    if (r->status == IMPORT_ESTORE) r->created = r->updated = r->unchanged = 0;
    return r->status;
}

/* --- units: a reading thread, a writing thread, and maybe an indexing thread ------ */

/* The reading thread parses and validates rows into batches of units; the calling
 * thread writes them (the store connection belongs to it). On a first load into an
 * empty table a third thread indexes the same batches for search on the side
 * (store_fts_build.h), so the writer need not do it after the rows. A few batches
 * are in flight, so memory stays bounded whatever the file's size, and the halves
 * of the work share the machine's cores. In all-or-nothing mode the reader stops
 * handing out rows at the first bad one (it goes on validating, for the report),
 * and the writer's transaction is rolled back. */
enum { BATCH_ROWS = 1024, NBATCH = 8 };
enum { WRITER = 0, INDEXER = 1 }; /* the consumers of each batch */

struct batch {
    struct unit rows[BATCH_ROWS];
    size_t n;
    double fraction; /* of the file read, for the progress callback */
    long rows_seen;  /* rows read so far */
};

struct reader {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct batch *b[NBATCH];
    /* A ring: batch k is in slot k % NBATCH; published counts the batches filled,
     * taken[i] those consumer i is done with. A slot is refilled once every
     * consumer is done with it. */
    unsigned long published, taken[2];
    int consumers;                       /* 1 (writer) or 2 (and the indexer) */
    bool finished;                       /* the reader has handed out its last batch */
    bool stop;                           /* the writer failed: stop reading */
    /* The reader's own state (the writer reads it only after the join). */
    table *t;
    const struct import_map *map;
    struct import_refs *refs;
    struct import_seen *seen;
    const struct import_options *o;
    struct import_result *r;
    struct table_error te;
    int rc; /* of the last table_next: 0 end, < 0 refused */
};

static unsigned long slowest_consumer(const struct reader *rd) {
    unsigned long t = rd->taken[WRITER];
    if (rd->consumers == 2 && rd->taken[INDEXER] < t) t = rd->taken[INDEXER];
    return t;
}

static struct batch *reader_free_batch(struct reader *rd) {
    pthread_mutex_lock(&rd->mu);
    while (rd->published - slowest_consumer(rd) == NBATCH && !rd->stop)
        pthread_cond_wait(&rd->cv, &rd->mu);
    struct batch *b = rd->stop ? NULL : rd->b[rd->published % NBATCH];
    pthread_mutex_unlock(&rd->mu);
    return b;
}

static void reader_publish(struct reader *rd) {
    pthread_mutex_lock(&rd->mu);
    rd->published++;
    pthread_cond_broadcast(&rd->cv);
    pthread_mutex_unlock(&rd->mu);
}

static void *reader_main(void *arg) {
    struct reader *rd = arg;
    struct import_result *r = rd->r;
    bool handing_out = true;
    struct batch *b = reader_free_batch(rd);
    if (b) b->n = 0;
    const char *const *cells;
    size_t n;
    unsigned long line;
    while (b && (rd->rc = table_next(rd->t, &cells, &n, &line, &rd->te)) == 1) {
        struct import_row row = {cells, n, line, table_strict_width(rd->t)};
        if (import_row_blank(&row)) continue;
        r->rows++;
        struct unit *u = &b->rows[b->n];
        if (!import_unit_row(rd->map, rd->refs, rd->seen, &row, u, &r->report)) {
            r->invalid++;
            if (!rd->o->skip_invalid) handing_out = false;
            continue;
        }
        if (handing_out && ++b->n == BATCH_ROWS) {
            b->fraction = table_progress(rd->t);
            b->rows_seen = r->rows;
            reader_publish(rd);
            if ((b = reader_free_batch(rd))) b->n = 0;
        }
    }
    if (b && b->n) {
        b->fraction = 1.0;
        b->rows_seen = r->rows;
        reader_publish(rd);
    }
    pthread_mutex_lock(&rd->mu);
    rd->finished = true;
    pthread_cond_broadcast(&rd->cv);
    pthread_mutex_unlock(&rd->mu);
    return NULL;
}

/* Consumer i's next filled batch, or NULL when the reader has finished. */
static struct batch *consumer_take(struct reader *rd, int i) {
    pthread_mutex_lock(&rd->mu);
    while (rd->taken[i] == rd->published && !rd->finished) pthread_cond_wait(&rd->cv, &rd->mu);
    struct batch *b = rd->taken[i] < rd->published ? rd->b[rd->taken[i] % NBATCH] : NULL;
    pthread_mutex_unlock(&rd->mu);
    return b;
}

static void consumer_release(struct reader *rd, int i) {
    pthread_mutex_lock(&rd->mu);
    rd->taken[i]++;
    pthread_cond_broadcast(&rd->cv);
    pthread_mutex_unlock(&rd->mu);
}

static void writer_stop(struct reader *rd) {
    pthread_mutex_lock(&rd->mu);
    rd->stop = true;
    pthread_cond_broadcast(&rd->cv);
    pthread_mutex_unlock(&rd->mu);
}

struct indexer {
    struct reader *rd;
    struct store_fts_build *fb;
    const struct isic_titles *titles;
    int64_t next_rowid; /* the id the writer's next row gets */
    int64_t rows;       /* rows indexed */
    bool failed;        /* then the writer indexes the rows itself at the end */
};

static void *indexer_main(void *arg) {
    struct indexer *ix = arg;
    struct batch *b;
    while ((b = consumer_take(ix->rd, INDEXER))) {
        for (size_t k = 0; k < b->n && !ix->failed; k++) {
            const struct unit *u = &b->rows[k];
            const char *cols[3] = {u->name, u->address, title_of(ix->titles, u->isic)};
            ix->failed = store_fts_build_add(ix->fb, ix->next_rowid++, cols) != STORE_OK;
            ix->rows++;
        }
        consumer_release(ix->rd, INDEXER);
    }
    if (!ix->failed) ix->failed = store_fts_build_finish(ix->fb) != STORE_OK;
    return NULL;
}

/* Reads, validates and writes every unit (and indexes them, with ix); returns the
 * store status of the writing (the reading's outcome is in rd). */
static int units_pass(store_conn *c, struct reader *rd, struct store_bulk *bulk,
                      struct indexer *ix, const char *now) {
    pthread_t th, ith;
    rd->consumers = 1;
    if (ix) ix->rd = rd;
    if (ix && pthread_create(&ith, NULL, indexer_main, ix) == 0) rd->consumers = 2;
    if (pthread_create(&th, NULL, reader_main, rd) != 0) {
        /* No second thread: read everything here first, then write (the ring
         * would fill up), so refuse to go on. */
        if (rd->consumers == 2) {
            writer_stop(rd);
            pthread_mutex_lock(&rd->mu);
            rd->finished = true;
            pthread_cond_broadcast(&rd->cv);
            pthread_mutex_unlock(&rd->mu);
            pthread_join(ith, NULL);
        }
        return STORE_ERROR;
    }
    int src = STORE_OK;
    struct batch *b;
    while ((b = consumer_take(rd, WRITER))) {
        if (src == STORE_OK) {
            src = store_units_bulk_write(c, bulk, b->rows, b->n, now);
            if (src != STORE_OK) writer_stop(rd);
            else if (rd->o->progress) rd->o->progress(rd->o->progress_arg, b->fraction, b->rows_seen);
        }
        consumer_release(rd, WRITER);
    }
    pthread_join(th, NULL);
    if (rd->consumers == 2) {
        pthread_join(ith, NULL);
        if (!ix->failed) {
            bulk->fts_built = ix->fb;
            bulk->fts_built_rows = ix->rows;
        }
    }
    return src;
}

/* On a first load into an empty table the search index is built on the side while
 * the rows are written. */
static struct indexer *indexer_open(store_conn *c, const struct import_options *o,
                                    const struct store_bulk *bulk, struct indexer *ix,
                                    const struct isic_titles *titles) {
    if (o->index_after_rows || !bulk->plain_insert || titles->failed) return NULL;
    memset(ix, 0, sizeof *ix);
    if (store_fts_build_open(c, "units_fts", &ix->fb) != STORE_OK) return NULL;
    ix->titles = titles;
    ix->next_rowid = bulk->max_id_before + 1;
    return ix;
}

static int run_units(store_conn *c, table *t, const struct import_map *map,
                     struct import_refs *refs, struct import_seen *seen, long expected_rows,
                     const struct import_options *o, struct import_result *r,
                     struct file_hash *fh) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    struct reader rd = {.t = t, .map = map, .refs = refs, .seen = seen, .o = o, .r = r};
    struct isic_titles titles = {0};
    int src, status = IMPORT_ESTORE;
    for (int i = 0; i < NBATCH; i++)
        if (!(rd.b[i] = malloc(sizeof *rd.b[i]))) goto out;
    struct store_bulk bulk;
    src = store_units_bulk_setup(c, expected_rows, true, &bulk);
    if (src == STORE_OK) src = store_begin(c);
    if (src != STORE_OK) {
        store_units_bulk_free(c, &bulk);
        goto out;
    }
    /* The references every row is checked against are read under the write lock,
     * so they stay true until the commit (bulk setup relies on it). */
    if (load_refs(c, refs, &titles) != STORE_OK) {
        store_rollback(c);
        store_units_bulk_free(c, &bulk);
        goto out;
    }
    pthread_mutex_init(&rd.mu, NULL);
    pthread_cond_init(&rd.cv, NULL);
    src = store_units_bulk_begin(c, &bulk);
    struct indexer ixs = {0};
    struct indexer *ix = src == STORE_OK ? indexer_open(c, o, &bulk, &ixs, &titles) : NULL;
    if (src == STORE_OK) src = units_pass(c, &rd, &bulk, ix, now);
    bool writing = o->skip_invalid || r->invalid == 0;
    if (src == STORE_OK && rd.rc == 0 && writing) src = store_units_bulk_end(c, &bulk);
    if (o->progress && src == STORE_OK) o->progress(o->progress_arg, 1.0, r->rows);
    if (src != STORE_OK) {
        store_rollback(c);
    } else if (rd.rc < 0) {
        store_rollback(c);
        table_refused(r, &rd.te);
        status = IMPORT_REFUSED;
    } else if (!writing) {
        store_rollback(c);
        status = IMPORT_REJECTED;
    } else {
        r->created = bulk.created;
        r->updated = bulk.updated;
        r->unchanged = bulk.written - bulk.created - bulk.updated;
        status = finish(c, o, r, fh);
    }
    store_units_bulk_free(c, &bulk);
    store_fts_build_free(ixs.fb);
    pthread_cond_destroy(&rd.cv);
    pthread_mutex_destroy(&rd.mu);
out:
    titles_free(&titles);
    for (int i = 0; i < NBATCH; i++) free(rd.b[i]);
    return r->status = status;
}

/* --- zones: one thread, row by row ---------------------------------------------------- */

static int run_zones(store_conn *c, table *t, const struct import_map *map,
                     struct import_refs *refs, struct import_seen *seen,
                     const struct import_options *o, struct import_result *r,
                     struct file_hash *fh) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    bool writing = true;
    int src = STORE_OK, rc;
    struct table_error te;
    const char *const *cells;
    size_t n;
    unsigned long line;
    while (src == STORE_OK && (rc = table_next(t, &cells, &n, &line, &te)) == 1) {
        struct import_row row = {cells, n, line, table_strict_width(t)};
        if (import_row_blank(&row)) continue;
        r->rows++;
        enum store_upsert_outcome out = STORE_UPSERT_UNCHANGED;
        struct zone_record z;
        bool ok = import_zone_row(map, refs, seen, &row, &z, &r->report);
        if (ok && writing) src = write_zone(c, o, &z, now, &out);
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
    if (src != STORE_OK) {
        store_rollback(c);
        return r->status = IMPORT_ESTORE;
    }
    if (rc < 0) {
        store_rollback(c);
        table_refused(r, &te);
        return r->status;
    }
    if (!writing) {
        store_rollback(c);
        r->created = r->updated = r->unchanged = 0;
        return r->status = IMPORT_REJECTED;
    }
    return finish(c, o, r, fh);
}

static int run(store_conn *c, table *t, long expected_rows, const struct import_options *o,
               struct import_result *r, struct file_hash *fh) {
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
    if (!map || !refs || !seen || (o->kind != IMPORT_UNITS && load_refs(c, refs, NULL) != STORE_OK)) {
        r->status = IMPORT_ESTORE;
    } else if (import_map_header(map, o->kind, cells, n, &r->report) != 0) {
        r->status = IMPORT_REFUSED;
    } else if (o->kind == IMPORT_UNITS) {
        run_units(c, t, map, refs, seen, expected_rows, o, r, fh);
    } else if (store_begin(c) != STORE_OK) {
        r->status = IMPORT_ESTORE;
    } else {
        run_zones(c, t, map, refs, seen, o, r, fh);
    }
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
    struct file_hash fh;
    hash_start(&fh, path);
    table *t;
    struct table_error te;
    if (table_open_file(path, &t, &te) != 0) {
        hash_wait(&fh, r);
        table_refused(r, &te);
        return r->status;
    }
    struct stat st;
    long expected = stat(path, &st) == 0 ? (long)(st.st_size / 150) : 0;
    int rc = run(c, t, expected, o, r, &fh);
    hash_wait(&fh, r);
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
    int rc = run(c, t, (long)(len / 150), o, r, NULL);
    table_close(t);
    return rc;
}

void import_result_free(struct import_result *r) { import_report_free(&r->report); }
