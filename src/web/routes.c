/* routes — every URL Tashil answers, with the roles that may use it. Order
 * matters only where patterns overlap: the first match wins. */
#include "web/api_registry.h"
#include "web/app.h"
#include "web/pages_planning.h"
#include "web/pages_registry.h"
#include "web/pages_import.h"

const struct route web_routes[] = {
    {"GET", "/", page_home, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/login", page_login, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/login", action_login, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/logout", action_logout, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/admin/users", page_users, ROUTE_ROLES(ROLE_ADMIN)},
    /* registry import/export */
    {"GET", "/units/import", page_units_import, ROUTE_ROLES(ROLE_SECRETARIAT | ROLE_ADMIN)},
    {"POST", "/units/import", action_units_import, ROUTE_ROLES(ROLE_SECRETARIAT | ROLE_ADMIN)},
    {"GET", "/units/export.csv", handle_units_export_csv,
     ROUTE_ROLES(ROLE_SECRETARIAT | ROLE_ADMIN | ROLE_MEMBER)},
    {"GET", "/units/export.xlsx", handle_units_export_xlsx,
     ROUTE_ROLES(ROLE_SECRETARIAT | ROLE_ADMIN | ROLE_MEMBER)},
    /* registry pages (handlers check ownership for producers) */
    {"GET", "/units", page_units, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/units/new", page_unit_new, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"POST", "/units/new", action_unit_create, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/units/{id}", page_unit, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/units/{id}/edit", page_unit_edit, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"POST", "/units/{id}/edit", action_unit_update, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"POST", "/units/{id}/delete", action_unit_delete, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"GET", "/zones", page_zones, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/zones/new", page_zone_new, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"POST", "/zones/new", action_zone_create, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"GET", "/zones/{id}", page_zone, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/zones/{id}/edit", page_zone_edit, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"POST", "/zones/{id}/edit", action_zone_update, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"POST", "/zones/{id}/infrastructure", action_zone_infra,
     ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"POST", "/zones/{id}/stage", action_zone_stage, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"GET", "/agencies", page_agencies, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"POST", "/agencies", action_agency_create, ROUTE_ROLES(ROLE_ADMIN)},
    {"GET", "/categories", page_categories, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"POST", "/categories", action_category_create, ROUTE_ROLES(ROLE_ADMIN)},
    /* spatial planning and the map */
    {"GET", "/planning", page_planning, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)},
    {"POST", "/planning/save", action_planning_save, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT)},
    {"GET", "/planning/clusters.geojson", export_planning_geojson,
     ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)},
    {"GET", "/planning/clusters.csv", export_planning_csv,
     ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)},
    {"GET", "/map", page_map, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)},
    {"GET", "/map/data.geojson", map_data, ROUTE_ROLES(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)},
    {"GET", "/healthz", handle_healthz, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/metrics", handle_metrics, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/static/*", handle_static, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/api/v1/me", api_me, ROUTE_ROLES(ROLE_SIGNED_IN)},
    /* registry API */
    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/api/v1/units", api_units_list, API_UNIT_READERS},
    {"POST", "/api/v1/units", api_unit_create, API_UNIT_WRITERS},
    {"GET", "/api/v1/units/{id}", api_unit_get, API_UNIT_READERS},
    {"PUT", "/api/v1/units/{id}", api_unit_update, API_UNIT_WRITERS},
    {"DELETE", "/api/v1/units/{id}", api_unit_delete, API_REGISTRY_EDITORS},
    {"GET", "/api/v1/zones", api_zones_list, API_REGISTRY_READERS},
    {"POST", "/api/v1/zones", api_zone_create, API_REGISTRY_EDITORS},
    {"GET", "/api/v1/zones/{id}", api_zone_get, API_REGISTRY_READERS},
    {"PUT", "/api/v1/zones/{id}", api_zone_update, API_REGISTRY_EDITORS},
    {"DELETE", "/api/v1/zones/{id}", api_zone_delete, API_REGISTRY_EDITORS},
    {"GET", "/api/v1/zones/{id}/infrastructure", api_zone_infra_list, API_REGISTRY_READERS},
    {"PUT", "/api/v1/zones/{id}/infrastructure/{utility}", api_zone_infra_put, API_REGISTRY_EDITORS},
    {"GET", "/api/v1/zones/{id}/stages", api_zone_stages_list, API_REGISTRY_READERS},
    {"POST", "/api/v1/zones/{id}/stages", api_zone_stage_reach, API_REGISTRY_EDITORS},
    {"GET", "/api/v1/agencies", api_agencies_list, API_REGISTRY_READERS},
    {"POST", "/api/v1/agencies", api_agency_create, ROUTE_ROLES(ROLE_ADMIN)},
    {"GET", "/api/v1/agencies/{id}", api_agency_get, API_REGISTRY_READERS},
    {"PUT", "/api/v1/agencies/{id}", api_agency_update, ROUTE_ROLES(ROLE_ADMIN)},
    {"DELETE", "/api/v1/agencies/{id}", api_agency_delete, ROUTE_ROLES(ROLE_ADMIN)},
    {"GET", "/api/v1/categories", api_categories_list, API_REGISTRY_READERS},
    {"POST", "/api/v1/categories", api_category_create, ROUTE_ROLES(ROLE_ADMIN)},
    {"GET", "/api/v1/categories/{id}", api_category_get, API_REGISTRY_READERS},
    {"PUT", "/api/v1/categories/{id}", api_category_update, ROUTE_ROLES(ROLE_ADMIN)},
    {"DELETE", "/api/v1/categories/{id}", api_category_delete, ROUTE_ROLES(ROLE_ADMIN)},
};

const int web_nroutes = (int)(sizeof web_routes / sizeof *web_routes);
