/* routes — every URL Tashil answers, with the roles that may use it. Order
 * matters only where patterns overlap: the first match wins. */
#include "web/app.h"
#include "web/pages_planning.h"
#include "web/pages_registry.h"
#include "web/pages_import.h"
#include "web/promise_pages.h"

/* Who may create, rate and review promises. */
#define PROMISE_EDITORS ROUTE_ROLES(ROLE_SECRETARIAT | ROLE_ADMIN)

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
    /* The promise tracker (issue 7): literal paths before /promises/{id}. */
    {"GET", "/promises", page_promises, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/promises/new", page_promise_new, PROMISE_EDITORS},
    {"POST", "/promises/new", action_promise_create, PROMISE_EDITORS},
    {"GET", "/promises/intake", page_promise_intake, PROMISE_EDITORS},
    {"POST", "/promises/intake", action_promise_intake, PROMISE_EDITORS},
    {"POST", "/promises/intake/accept", action_promise_intake_accept, PROMISE_EDITORS},
    {"GET", "/promises/suggest", page_promise_suggest, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/promises/suggest", action_promise_suggest, ROUTE_ROLES(ROLE_ANY) | ROUTE_PUBLIC_FORM},
    {"GET", "/promises/suggestions", page_promise_suggestions, PROMISE_EDITORS},
    {"GET", "/promises/suggestions/{id}", page_promise_suggestion, PROMISE_EDITORS},
    {"POST", "/promises/suggestions/{id}/reject", action_promise_suggestion_reject, PROMISE_EDITORS},
    {"GET", "/promises/feed.atom", feed_promises, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/promises/people/{id}", page_promise_person, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/promises/occasions/{id}", page_promise_occasion, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/promises/articles/{id}", page_promise_article, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/promises/{id}", page_promise, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/promises/{id}/ratings", action_promise_rate, PROMISE_EDITORS},
    {"GET", "/api/v1/promises", api_promises, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/api/v1/promises/people", api_promise_people, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/api/v1/promises/extract", api_promise_extract, PROMISE_EDITORS},
    {"GET", "/api/v1/promises/{id}", api_promise, ROUTE_ROLES(ROLE_ANY)},
    {"POST", "/api/v1/promises/{id}/ratings", api_promise_rate, PROMISE_EDITORS},
};

const int web_nroutes = (int)(sizeof web_routes / sizeof *web_routes);
