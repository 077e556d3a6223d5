/* routes — every URL Tashil answers, with the roles that may use it. Order
 * matters only where patterns overlap: the first match wins. */
#include "web/app.h"
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
    {"GET", "/healthz", handle_healthz, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/metrics", handle_metrics, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/static/*", handle_static, ROUTE_ROLES(ROLE_ANY)},
    {"GET", "/api/v1/me", api_me, ROUTE_ROLES(ROLE_SIGNED_IN)},
};

const int web_nroutes = (int)(sizeof web_routes / sizeof *web_routes);
