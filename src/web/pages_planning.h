/* pages_planning — handlers of spatial planning and the map; routes.c lists them. */
#ifndef TASHIL_PAGES_PLANNING_H
#define TASHIL_PAGES_PLANNING_H

#include "http/http.h"
#include "plan/plan.h"
#include "store/store.h"
#include "store/store_registry.h"

/* The registry's located units as planning points (filters may be NULL). */
struct points {
    struct plan_point *p;
    size_t n, cap;
};
int planning_points(store_conn *db, const char *sector, const char *state, struct points *pts);
/* Appends one unit to pts (a store_unit_points callback; non-zero when out of memory). */
int planning_add_point(void *arg, const struct unit_point *u);

void page_planning(struct http_req *req, struct http_resp *resp);
void action_planning_save(struct http_req *req, struct http_resp *resp);
void export_planning_geojson(struct http_req *req, struct http_resp *resp);
void export_planning_csv(struct http_req *req, struct http_resp *resp);
void page_map(struct http_req *req, struct http_resp *resp);
void map_data(struct http_req *req, struct http_resp *resp);

#endif
