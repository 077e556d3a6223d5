/* routes — every URL Tashil answers, with the roles that may use it. Order
 * matters only where patterns overlap: the first match wins. */
#include "web/app.h"
#include "web/promise_pages.h"

/* Who may create, rate and review promises. */
#define PROMISE_EDITORS ROUTE_ROLES(ROLE_SECRETARIAT | ROLE_ADMIN)

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
