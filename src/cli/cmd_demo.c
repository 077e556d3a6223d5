/* cmd_demo — `tashil demo --db PATH`: a new database with the demo province.
 *
 * One account per role, then the registry, the promises, the cases and the working
 * group's sessions with their resolutions (which take up the cases left waiting for
 * a session). The demo accounts share the password printed at the end; they are for
 * trying Tashil on one's own machine. */
#include <stdio.h>
#include <sys/stat.h>

#include "auth/password.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "demo/demo_cases.h"
#include "demo/demo_meetings.h"
#include "demo/demo_registry.h"
#include "demo/demo_promises.h"
#include "store/store.h"
#include "store/store_users.h"

static const char DEMO_PASSWORD[] = "tashil-demo";

static const struct {
    const char *name, *display, *role;
} demo_users[] = {
    {"admin", "مدیر سامانه", "admin"},
    {"dabir", "زهرا موسوی (دبیرخانه)", "secretariat"},
    {"member", "حسین کریمی (عضو کارگروه)", "member"},
    {"bank-melli", "مریم احمدی (بانک ملی ایران)", "agency"},
    {"producer", "رضا نوری (کفش نوری)", "producer"},
};

int cmd_demo(int argc, char **argv) {
    static const char usage[] = "usage: tashil demo --db PATH\n"
                                "Creates a new database at PATH filled with the demo province.\n"
                                "An existing file is never overwritten.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    const char *db = cli_db_path(argc, argv);
    if (!db) {
        fputs(usage, stderr);
        return 2;
    }
    struct stat st;
    if (stat(db, &st) == 0) {
        fprintf(stderr, "tashil demo: %s exists; the demo goes into a new database only\n", db);
        return 1;
    }
    store *s;
    int rc = cli_open_store("demo", db, STORE_CREATE | STORE_MIGRATE, &s);
    if (rc) return rc;
    store_conn *c = store_thread_conn(s);
    char hash[PASSWORD_HASH_MAX];
    rc = c && password_hash(DEMO_PASSWORD, hash) == 0 ? STORE_OK : STORE_ERROR;
    for (size_t i = 0; rc == STORE_OK && i < sizeof demo_users / sizeof *demo_users; i++)
        rc = store_user_add(c, NULL, demo_users[i].name, demo_users[i].display,
                            demo_users[i].role, hash, NULL);
    struct demo_registry_stats reg = {0};
    if (rc == STORE_OK) rc = demo_registry(c, 1403, hash, &reg);
    struct user dabir;
    if (rc == STORE_OK) rc = store_user_by_name(c, "dabir", &dabir, NULL, 0);
    if (rc == STORE_OK) rc = demo_promises_fill(c, &dabir);
    struct demo_case_stats cs = {0};
    if (rc == STORE_OK)
        rc = demo_cases(c, 1403, DEMO_CASES, 730, "producer", DEMO_MEETINGS_CASE_SHARE, &cs);
    struct demo_meeting_stats ms = {0};
    if (rc == STORE_OK) rc = demo_meetings(c, 1403, "dabir", &ms);
    store_close(s);
    if (rc != STORE_OK) {
        fprintf(stderr, "tashil demo: could not fill %s\n", db);
        remove(db);
        return 1;
    }
    printf("demo database %s created. Accounts (password \"%s\"):\n", db, DEMO_PASSWORD);
    for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++)
        printf("  %-12s %s\n", demo_users[i].name, demo_users[i].role);
    printf("registry: %d agencies (%d liaisons), %d spots, %d parks, %d units (%d outside zones)\n",
           reg.agencies, reg.liaisons, reg.spots, reg.parks, reg.units, reg.units_outside_zones);
    /* The sessions' resolutions closed some of the cases they decided. */
    printf("cases: %d (%d open, %d closed, %d overdue), %d events\n", cs.cases,
           cs.open - ms.cases_closed, cs.closed + ms.cases_closed, cs.overdue, cs.events);
    int settled = ms.carried_out + ms.partly + ms.not_carried_out;
    printf("sessions: %d (%d held, %d planned, %d cancelled), %d attendees (%d%% of agency "
           "representatives with full authority), %d agenda items (%d topics, %d put off), "
           "%d cases ready for the next agenda\n",
           ms.sessions, ms.held, ms.planned, ms.cancelled, ms.attendees,
           ms.representatives ? 100 * ms.full_authority / ms.representatives : 0, ms.items,
           ms.topics, ms.deferred, ms.ready);
    printf("resolutions: %d (%d carried out = %d%% of %d settled, %d partly, %d not; %d open, "
           "%d overdue; %d objections: %d upheld, %d amended, %d void)\n",
           ms.resolutions, ms.carried_out, settled ? 100 * ms.carried_out / settled : 0, settled,
           ms.partly, ms.not_carried_out, ms.open, ms.overdue, ms.objections, ms.upheld,
           ms.amended, ms.voided);
    return 0;
}
