/* roles — see roles.h. */
#include "auth/roles.h"

#include <string.h>

static const struct {
    int role;
    const char *name, *label_fa;
} roles[] = {
    {ROLE_ADMIN, "admin", "مدیر سامانه"},
    {ROLE_SECRETARIAT, "secretariat", "دبیرخانه کارگروه"},
    {ROLE_MEMBER, "member", "عضو کارگروه"},
    {ROLE_AGENCY, "agency", "نماینده دستگاه"},
    {ROLE_PRODUCER, "producer", "تولیدکننده"},
    {ROLE_PUBLIC, "public", "عموم"},
};

int role_from_name(const char *name) {
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (name && !strcmp(roles[i].name, name) && roles[i].role != ROLE_PUBLIC)
            return roles[i].role;
    return 0;
}

const char *role_name(int role) {
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (roles[i].role == role) return roles[i].name;
    return "public";
}

const char *role_label_fa(int role) {
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (roles[i].role == role) return roles[i].label_fa;
    return "عموم";
}
