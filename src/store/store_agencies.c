/* store_agencies — agencies (with their liaison count) and the two-level tree of
 * obstacle categories; see store_registry.h. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_audit.h"
#include "store/store_registry.h"
#include "store/store_tx.h"

static int named_audit(store_conn *c, const struct user *actor, const char *action,
                       const char *entity, int64_t id, const char *name, int64_t version) {
    buf d;
    buf_init(&d, 2048);
    buf_puts(&d, "{\"name\":");
    json_out_string(&d, name);
    buf_printf(&d, ",\"version\":%lld}", (long long)version);
    int rc = store_audit_append(c, actor, action, entity, id, d.data, NULL);
    buf_free(&d);
    return rc;
}

#define AGENCY_SELECT                                                                     \
    "SELECT a.id, a.name, a.kind, coalesce(a.parent_id,0), coalesce(a.phone,''), a.version, " \
    "(SELECT count(*) FROM users WHERE agency_id = a.id) FROM agencies a "

static void read_agency(store_stmt *st, struct agency *a) {
    memset(a, 0, sizeof *a);
    a->id = store_col_int(st, 0);
    store_col_copy(st, 1, a->name, sizeof a->name);
    store_col_copy(st, 2, a->kind, sizeof a->kind);
    a->parent_id = store_col_int(st, 3);
    store_col_copy(st, 4, a->phone, sizeof a->phone);
    a->version = store_col_int(st, 5);
    a->liaisons = store_col_int(st, 6);
}

int store_agency_get(store_conn *c, int64_t id, struct agency *a) {
    store_stmt *st = store_prepare(c, AGENCY_SELECT "WHERE a.id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) read_agency(st, a);
    store_done(st);
    return store_one_status(rc);
}

int store_agency_each(store_conn *c, int (*fn)(void *arg, const struct agency *a), void *arg) {
    store_stmt *st = store_prepare(c, AGENCY_SELECT "ORDER BY a.kind, a.name");
    if (!st) return STORE_ERROR;
    int rc;
    struct agency a;
    while ((rc = store_step(st)) == STORE_ROW) {
        read_agency(st, &a);
        if (fn(arg, &a)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

static void bind_agency(store_stmt *st, const struct agency *a, const char *now) {
    store_bind_text(st, 1, a->name);
    store_bind_text(st, 2, a->kind);
    if (a->parent_id) store_bind_int(st, 3, a->parent_id);
    else store_bind_null(st, 3);
    store_bind_text(st, 4, a->phone[0] ? a->phone : NULL);
    store_bind_text(st, 5, now);
}

int store_agency_create(store_conn *c, const struct user *actor, struct agency *a) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "INSERT INTO agencies(name, kind, parent_id, phone, "
                                      "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$5) "
                                      "RETURNING id");
    if (!st) return store_tx_end(c, STORE_ERROR);
    bind_agency(st, a, now);
    rc = store_step(st);
    if (rc == STORE_ROW) a->id = store_col_int(st, 0);
    store_done(st);
    if (rc != STORE_ROW) return store_tx_end(c, rc);
    a->version = 1;
    return store_tx_end(c, named_audit(c, actor, "agency.create", "agency", a->id, a->name, 1));
}

int store_agency_update(store_conn *c, const struct user *actor, struct agency *a) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    if (a->parent_id == a->id) return STORE_ECONSTRAINT;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "UPDATE agencies SET name=$1, kind=$2, parent_id=$3, "
                                      "phone=$4, updated_at=$5, version=version+1 "
                                      "WHERE id=$6 AND version=$7");
    if (!st) return store_tx_end(c, STORE_ERROR);
    bind_agency(st, a, now);
    store_bind_int(st, 6, a->id);
    store_bind_int(st, 7, a->version);
    rc = store_step_versioned(c, st, "agencies", a->id);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    a->version++;
    return store_tx_end(c, named_audit(c, actor, "agency.update", "agency", a->id, a->name,
                                       a->version));
}

int store_agency_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version) {
    return store_delete_versioned(c, actor, "agencies", "agency", id, version);
}

#define CATEGORY_SELECT                                                                   \
    "SELECT id, coalesce(parent_id,0), name, coalesce(agency_kind,''), answer_days, version " \
    "FROM categories "

static void read_category(store_stmt *st, struct category *cat) {
    memset(cat, 0, sizeof *cat);
    cat->id = store_col_int(st, 0);
    cat->parent_id = store_col_int(st, 1);
    store_col_copy(st, 2, cat->name, sizeof cat->name);
    store_col_copy(st, 3, cat->agency_kind, sizeof cat->agency_kind);
    cat->answer_days = (int)store_col_int(st, 4);
    cat->version = store_col_int(st, 5);
}

int store_category_get(store_conn *c, int64_t id, struct category *cat) {
    store_stmt *st = store_prepare(c, CATEGORY_SELECT "WHERE id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) read_category(st, cat);
    store_done(st);
    return store_one_status(rc);
}

/* Tree order: each top-level category followed by its children. */
int store_category_each(store_conn *c, int (*fn)(void *arg, const struct category *cat),
                        void *arg) {
    store_stmt *st = store_prepare(c, CATEGORY_SELECT
                                   "ORDER BY coalesce(parent_id, id), parent_id IS NOT NULL, name");
    if (!st) return STORE_ERROR;
    int rc;
    struct category cat;
    while ((rc = store_step(st)) == STORE_ROW) {
        read_category(st, &cat);
        if (fn(arg, &cat)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

/* Two levels only: a parent must itself be top-level. */
static int check_parent(store_conn *c, const struct category *cat) {
    if (!cat->parent_id) return STORE_OK;
    if (cat->parent_id == cat->id) return STORE_ECONSTRAINT;
    struct category parent;
    int rc = store_category_get(c, cat->parent_id, &parent);
    if (rc == STORE_ENOTFOUND) return STORE_ECONSTRAINT;
    if (rc != STORE_OK) return rc;
    return parent.parent_id ? STORE_ECONSTRAINT : STORE_OK;
}

/* Names are unique among siblings. UNIQUE (parent_id, name) does not see duplicates
 * among top-level categories (NULL parents are distinct in SQL), so check here. */
static int check_sibling_name(store_conn *c, const struct category *cat) {
    store_stmt *st = store_prepare(c, "SELECT 1 FROM categories WHERE coalesce(parent_id, 0) = $1 "
                                      "AND name = $2 AND id <> $3 LIMIT 1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, cat->parent_id);
    store_bind_text(st, 2, cat->name);
    store_bind_int(st, 3, cat->id);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_ROW ? STORE_ECONSTRAINT : rc == STORE_DONE ? STORE_OK : rc;
}

static void bind_category(store_stmt *st, const struct category *cat, const char *now) {
    if (cat->parent_id) store_bind_int(st, 1, cat->parent_id);
    else store_bind_null(st, 1);
    store_bind_text(st, 2, cat->name);
    store_bind_text(st, 3, cat->agency_kind[0] ? cat->agency_kind : NULL);
    store_bind_int(st, 4, cat->answer_days);
    store_bind_text(st, 5, now);
}

int store_category_create(store_conn *c, const struct user *actor, struct category *cat) {
    cat->id = 0;
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    rc = check_parent(c, cat);
    if (rc == STORE_OK) rc = check_sibling_name(c, cat);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    store_stmt *st = store_prepare(c, "INSERT INTO categories(parent_id, name, agency_kind, "
                                      "answer_days, created_at, updated_at) "
                                      "VALUES ($1,$2,$3,$4,$5,$5) RETURNING id");
    if (!st) return store_tx_end(c, STORE_ERROR);
    bind_category(st, cat, now);
    rc = store_step(st);
    if (rc == STORE_ROW) cat->id = store_col_int(st, 0);
    store_done(st);
    if (rc != STORE_ROW) return store_tx_end(c, rc);
    cat->version = 1;
    return store_tx_end(c, named_audit(c, actor, "category.create", "category", cat->id,
                                       cat->name, 1));
}

int store_category_update(store_conn *c, const struct user *actor, struct category *cat) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    rc = check_parent(c, cat);
    if (rc == STORE_OK) rc = check_sibling_name(c, cat);
    if (rc == STORE_OK && cat->parent_id) {
        /* A category with children cannot become a child itself. */
        store_stmt *st = store_prepare(c, "SELECT 1 FROM categories WHERE parent_id = $1 LIMIT 1");
        if (!st) return store_tx_end(c, STORE_ERROR);
        store_bind_int(st, 1, cat->id);
        if (store_step(st) == STORE_ROW) rc = STORE_ECONSTRAINT;
        store_done(st);
    }
    if (rc != STORE_OK) return store_tx_end(c, rc);
    store_stmt *st = store_prepare(c, "UPDATE categories SET parent_id=$1, name=$2, agency_kind=$3, "
                                      "answer_days=$4, updated_at=$5, version=version+1 "
                                      "WHERE id=$6 AND version=$7");
    if (!st) return store_tx_end(c, STORE_ERROR);
    bind_category(st, cat, now);
    store_bind_int(st, 6, cat->id);
    store_bind_int(st, 7, cat->version);
    rc = store_step_versioned(c, st, "categories", cat->id);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    cat->version++;
    return store_tx_end(c, named_audit(c, actor, "category.update", "category", cat->id,
                                       cat->name, cat->version));
}

int store_category_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version) {
    return store_delete_versioned(c, actor, "categories", "category", id, version);
}
