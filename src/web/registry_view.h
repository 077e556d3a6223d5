/* registry_view — what the registry pages share: who may do what with units and
 * zones (role and ownership), the Persian labels of fields, and loading the
 * reference lists (counties, sectors, ISIC classes, zones) into select boxes. */
#ifndef TASHIL_REGISTRY_VIEW_H
#define TASHIL_REGISTRY_VIEW_H

#include <stdbool.h>

#include "store/store_registry.h"
#include "view/layout.h"
#include "web/app.h"

bool registry_can_read(int role);          /* lists and details (producers: own units) */
bool registry_can_edit_unit(struct http_req *req, int64_t unit_id); /* 0 = create */
bool registry_can_delete(int role);
bool registry_can_edit_zones(int role);

const char *unit_field_label(const char *field);

/* Select boxes filled from the store; `selected` is the current value. */
void registry_select_county(buf *b, store_conn *c, const char *name, const char *selected,
                            const char *empty_label, const char *error);
void registry_select_sector(buf *b, store_conn *c, const char *selected);
void registry_select_isic(buf *b, store_conn *c, const char *selected, const char *error);
void registry_select_zone(buf *b, store_conn *c, const char *name, int64_t selected,
                          const char *empty_label, const char *error);

/* Parses a positive id from a route parameter; 0 when it is not one. */
int64_t registry_id_param(struct http_req *req, const char *name);

#endif
