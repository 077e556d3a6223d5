/* routes — every URL Tashil answers, with the roles that may use it. Order
 * matters only where patterns overlap: the first match wins. */
#include "web/api_registry.h"
#include "web/app.h"

const struct route web_routes[] = {
    {"GET", "/", page_home, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/login", page_login, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/login", action_login, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/logout", action_logout, ROUTE_ROLES(ROLE_SIGNED_IN)},
    {"GET", "/admin/users", page_users, ROUTE_ROLES(ROLE_ADMIN)},
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
