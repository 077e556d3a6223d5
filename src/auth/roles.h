/* roles — who may do what: the five signed-in roles plus the anonymous public, as
 * bits so a route or a menu entry can name the set of roles it is for. Pure: no I/O. */
#ifndef TASHIL_ROLES_H
#define TASHIL_ROLES_H

enum role {
    ROLE_PUBLIC = 1 << 0, /* not signed in */
    ROLE_ADMIN = 1 << 1,
    ROLE_SECRETARIAT = 1 << 2,
    ROLE_MEMBER = 1 << 3, /* member or chair of the working group */
    ROLE_AGENCY = 1 << 4, /* an agency's liaison */
    ROLE_PRODUCER = 1 << 5,
    ROLE_SIGNED_IN = ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER | ROLE_AGENCY | ROLE_PRODUCER,
    ROLE_ANY = ROLE_PUBLIC | ROLE_SIGNED_IN,
};

/* "admin" → ROLE_ADMIN; 0 for an unknown name. */
int role_from_name(const char *name);
const char *role_name(int role);    /* "admin" */
const char *role_label_fa(int role); /* "مدیر سامانه" */

#endif
