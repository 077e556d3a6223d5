/* store_registry — units, zones, agencies and categories in the database.
 *
 * Every write takes the acting user, runs in one transaction with its audit event,
 * and (for updates) checks the version the caller read: a stale version gives
 * STORE_ECONFLICT and changes nothing. Lists take a filter and return one page plus
 * the total count; the SQL for each sort order is a fixed string, so every list is
 * one cached prepared statement whatever the filters. */
#ifndef TASHIL_STORE_REGISTRY_H
#define TASHIL_STORE_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "registry/registry.h"
#include "store/store.h"
#include "store/store_users.h"

struct unit_row {
    struct unit u;
    char county[64];
    char zone[256];
    char isic_title[160];
    char sector[64];
};

enum unit_sort { UNIT_SORT_NAME, UNIT_SORT_EMPLOYEES_DESC, UNIT_SORT_NEWEST, UNIT_SORT_ID,
                 UNIT_SORT_COUNT };

struct unit_filter {
    const char *match;      /* an FTS5 MATCH expression (fa_fts5_query), or NULL */
    int64_t county_id;      /* 0 = any */
    int64_t zone_id;        /* 0 = any, -1 = outside any zone */
    const char *sector;     /* isic_classes.sector, or NULL */
    const char *isic;       /* exact class, or NULL */
    const char *state;      /* code, or NULL */
    int64_t member_user_id; /* 0 = any; else only units this user is a member of */
    enum unit_sort sort;
    int64_t after_id;       /* cursor (UNIT_SORT_ID only): ids greater than this */
    int limit, offset;
};

typedef int (*unit_row_fn)(void *arg, const struct unit_row *row);

int store_unit_get(store_conn *c, int64_t id, struct unit_row *row);
int store_unit_by_national_id(store_conn *c, const char *national_id, struct unit_row *row);
int store_unit_list(store_conn *c, const struct unit_filter *f, unit_row_fn fn, void *arg,
                    int64_t *total);
int store_unit_create(store_conn *c, const struct user *actor, struct unit *u);
/* Creates the unit and links it to user owner_id (unit_members) in one transaction:
 * a producer registering their own unit. */
int store_unit_create_owned(store_conn *c, const struct user *actor, struct unit *u,
                            int64_t owner_id);
/* u->version is the version the caller read; on success it holds the new one. */
int store_unit_update(store_conn *c, const struct user *actor, struct unit *u);
int store_unit_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version);
/* Producers and their units. */
int store_unit_add_member(store_conn *c, int64_t unit_id, int64_t user_id);
int store_unit_is_member(store_conn *c, int64_t unit_id, int64_t user_id); /* OK / ENOTFOUND */

/* The located units for spatial planning and the map, in id order. */
struct unit_point {
    int64_t id;
    double lat, lon;
    const char *name, *isic, *sector, *licence_kind, *state; /* valid during the callback */
    int64_t employees;
    int64_t zone_id; /* 0 when outside any zone */
    int64_t county_id; /* 0 when unknown */
};
int store_unit_points(store_conn *c, const char *sector, const char *state,
                      int (*fn)(void *arg, const struct unit_point *p), void *arg);

int store_units_assign_zone(store_conn *c, const struct user *actor, int64_t zone_id,
                            const int64_t *ids, size_t n, size_t *assigned);

/* Registry totals for dashboards. */
struct registry_counts {
    int64_t units, employees, idle, unlicensed, outside_zones;
    int64_t zones, spots, parks;
};
int store_registry_counts(store_conn *c, struct registry_counts *out);

/* Counties and ISIC classes (reference data). */
int store_county_by_name(store_conn *c, const char *name, int64_t *id);
int store_county_each(store_conn *c, int (*fn)(void *arg, int64_t id, const char *name), void *arg);
int store_isic_exists(store_conn *c, const char *code);
int store_isic_each(store_conn *c,
                    int (*fn)(void *arg, const char *code, const char *title, const char *sector),
                    void *arg);
int store_sector_each(store_conn *c, int (*fn)(void *arg, const char *sector, int64_t units),
                      void *arg);

/* Zones. */
struct zone {
    int64_t id;
    char kind[24];
    char name[256];
    int64_t county_id;
    char county[64];
    char *outline;          /* GeoJSON text, owned by the caller's arena or NULL */
    bool has_center;
    double center_lat, center_lon;
    double area_ha;         /* < 0 when unknown */
    char stage[32];         /* "" when not a spot in conversion */
    char notes[1024];
    int64_t version;
    int64_t units, employees; /* aggregates, filled by get/list */
    char created_at[21], updated_at[21];
};

struct zone_infra {
    char utility[16];
    char state[16];
    char note[256];
    char as_of[11];
};

struct zone_filter {
    const char *match;
    const char *kind;
    int64_t county_id;
    int limit, offset;
    int64_t after_id;
};

typedef int (*zone_fn)(void *arg, const struct zone *z);

int store_zone_get(store_conn *c, int64_t id, struct zone *z);
/* Every zone's id and name, by name: for select boxes (no aggregates). */
int store_zone_names_each(store_conn *c, int (*fn)(void *arg, int64_t id, const char *name),
                          void *arg);
int store_zone_list(store_conn *c, const struct zone_filter *f, zone_fn fn, void *arg,
                    int64_t *total);
int store_zone_create(store_conn *c, const struct user *actor, struct zone *z);
int store_zone_update(store_conn *c, const struct user *actor, struct zone *z);
int store_zone_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version);
int store_zone_infra(store_conn *c, int64_t zone_id, struct zone_infra out[6], int *n);
int store_zone_set_infra(store_conn *c, const struct user *actor, int64_t zone_id,
                         const struct zone_infra *inf);
/* The conversion timeline: stages reached with their ISO dates, in stage order. */
int store_zone_stages(store_conn *c, int64_t zone_id,
                      int (*fn)(void *arg, const char *stage, const char *reached), void *arg);
/* Records that the spot reached `stage` on `reached` (ISO date) and makes it the
 * zone's current stage when it is the furthest reached. */
int store_zone_reach_stage(store_conn *c, const struct user *actor, int64_t zone_id,
                           const char *stage, const char *reached);

/* Agencies and categories. */
struct agency {
    int64_t id;
    char name[256];
    char kind[24];
    int64_t parent_id;
    char phone[32];
    int64_t version;
    int64_t liaisons;
};
int store_agency_get(store_conn *c, int64_t id, struct agency *a);
int store_agency_each(store_conn *c, int (*fn)(void *arg, const struct agency *a), void *arg);
int store_agency_create(store_conn *c, const struct user *actor, struct agency *a);
int store_agency_update(store_conn *c, const struct user *actor, struct agency *a);
int store_agency_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version);

struct category {
    int64_t id;
    int64_t parent_id;
    char name[256];
    char agency_kind[24];
    int answer_days;
    int64_t version;
};
int store_category_get(store_conn *c, int64_t id, struct category *cat);
int store_category_each(store_conn *c, int (*fn)(void *arg, const struct category *cat),
                        void *arg);
int store_category_create(store_conn *c, const struct user *actor, struct category *cat);
int store_category_update(store_conn *c, const struct user *actor, struct category *cat);
int store_category_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version);

#endif
