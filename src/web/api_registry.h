/* api_registry — the registry JSON API under /api/v1/: units, zones (with their
 * infrastructure and conversion stages), agencies and obstacle categories, and the
 * OpenAPI 3.1 document that describes them (src/web/openapi.json, compiled in).
 * web/routes.c lists these handlers with the roles allowed; the handlers add what a
 * route flag cannot say (a producer sees and edits only their own units). */
#ifndef TASHIL_API_REGISTRY_H
#define TASHIL_API_REGISTRY_H

#include "auth/roles.h"
#include "http/http.h"

/* Who may use the registry routes (route flags): readers are the working group; a
 * producer also reads and writes units (their own, checked by the handlers). Agency
 * liaisons have no registry access for now. */
#define API_REGISTRY_READERS ((unsigned)(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER))
#define API_REGISTRY_EDITORS ((unsigned)(ROLE_ADMIN | ROLE_SECRETARIAT))
#define API_UNIT_READERS (API_REGISTRY_READERS | (unsigned)ROLE_PRODUCER)
#define API_UNIT_WRITERS (API_REGISTRY_EDITORS | (unsigned)ROLE_PRODUCER)

void api_openapi(struct http_req *req, struct http_resp *resp);

void api_units_list(struct http_req *req, struct http_resp *resp);
void api_unit_create(struct http_req *req, struct http_resp *resp);
void api_unit_get(struct http_req *req, struct http_resp *resp);
void api_unit_update(struct http_req *req, struct http_resp *resp);
void api_unit_delete(struct http_req *req, struct http_resp *resp);

void api_zones_list(struct http_req *req, struct http_resp *resp);
void api_zone_create(struct http_req *req, struct http_resp *resp);
void api_zone_get(struct http_req *req, struct http_resp *resp);
void api_zone_update(struct http_req *req, struct http_resp *resp);
void api_zone_delete(struct http_req *req, struct http_resp *resp);
void api_zone_infra_list(struct http_req *req, struct http_resp *resp);
void api_zone_infra_put(struct http_req *req, struct http_resp *resp);
void api_zone_stages_list(struct http_req *req, struct http_resp *resp);
void api_zone_stage_reach(struct http_req *req, struct http_resp *resp);

void api_agencies_list(struct http_req *req, struct http_resp *resp);
void api_agency_create(struct http_req *req, struct http_resp *resp);
void api_agency_get(struct http_req *req, struct http_resp *resp);
void api_agency_update(struct http_req *req, struct http_resp *resp);
void api_agency_delete(struct http_req *req, struct http_resp *resp);

void api_categories_list(struct http_req *req, struct http_resp *resp);
void api_category_create(struct http_req *req, struct http_resp *resp);
void api_category_get(struct http_req *req, struct http_resp *resp);
void api_category_update(struct http_req *req, struct http_resp *resp);
void api_category_delete(struct http_req *req, struct http_resp *resp);

#endif
