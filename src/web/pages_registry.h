/* pages_registry — handlers of the registry pages (units, zones, agencies,
 * categories); routes.c lists them. */
#ifndef TASHIL_PAGES_REGISTRY_H
#define TASHIL_PAGES_REGISTRY_H

#include "http/http.h"

void page_units(struct http_req *req, struct http_resp *resp);
void page_unit(struct http_req *req, struct http_resp *resp);
void page_unit_new(struct http_req *req, struct http_resp *resp);
void page_unit_edit(struct http_req *req, struct http_resp *resp);
void action_unit_create(struct http_req *req, struct http_resp *resp);
void action_unit_update(struct http_req *req, struct http_resp *resp);
void action_unit_delete(struct http_req *req, struct http_resp *resp);

void page_zones(struct http_req *req, struct http_resp *resp);
void page_zone(struct http_req *req, struct http_resp *resp);
void page_zone_new(struct http_req *req, struct http_resp *resp);
void page_zone_edit(struct http_req *req, struct http_resp *resp);
void action_zone_create(struct http_req *req, struct http_resp *resp);
void action_zone_update(struct http_req *req, struct http_resp *resp);
void action_zone_infra(struct http_req *req, struct http_resp *resp);
void action_zone_stage(struct http_req *req, struct http_resp *resp);

void page_agencies(struct http_req *req, struct http_resp *resp);
void action_agency_create(struct http_req *req, struct http_resp *resp);
void page_categories(struct http_req *req, struct http_resp *resp);
void action_category_create(struct http_req *req, struct http_resp *resp);

#endif
