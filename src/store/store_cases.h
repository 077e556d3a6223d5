/* store_cases — obstacle cases in the database: filing, transitions (checked against
 * the lifecycle table inside the transaction), comments and internal notes,
 * attachments' rows, the history, lists, search, notifications, saved filters and
 * the holiday table.
 *
 * Access control lives here, not only in pages: every read and write takes a
 * `case_viewer` (role, user, agency) and the SQL itself keeps a case out of reach
 * when the viewer may not see it — admin, secretariat and members see all cases; a
 * liaison the cases ever referred to their agency; a producer their own units' cases;
 * anyone else none. A case out of reach is STORE_ENOTFOUND, exactly like a missing
 * one, so existence never leaks.
 *
 * Every write runs in one transaction with its case event and its audit event; a
 * refused write (stale version, a transition the state or role does not allow)
 * changes nothing. Lists compose their SQL from fixed fragments chosen by which
 * filters are set (each combination one cached prepared statement) so that every
 * filter can use its index. */
#ifndef TASHIL_STORE_CASES_H
#define TASHIL_STORE_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "cases/case_input.h"
#include "cases/case_lifecycle.h"
#include "cases/case_workdays.h"
#include "store/store.h"
#include "store/store_users.h"

enum {
    STORE_ESTATE = -20, /* the case's state does not allow the action */
    STORE_EROLE = -21,  /* the state allows it, but not for this viewer */
};

struct case_viewer {
    int role;          /* enum role */
    int64_t user_id;
    int64_t agency_id; /* the liaison's agency; 0 = none */
};
/* The viewer of a signed-in user (role name → enum role). */
struct case_viewer case_viewer_of(const struct user *u);
bool case_viewer_sees_all(const struct case_viewer *v);

struct case_row {
    int64_t id;
    int64_t unit_id;
    char unit[256];
    int64_t category_id;
    char category[256];
    char title[CASE_TITLE_MAX * 2 + 1];
    char description[CASE_TEXT_MAX + 1]; /* "" in lists */
    int64_t amount;                      /* -1 when none */
    enum case_state state;
    enum case_outcome outcome;
    int64_t agency_id;                   /* current referral; 0 when never referred */
    char agency[256];
    char due_on[11];                     /* ISO date or "" */
    bool overdue;                        /* referred and past its due date (Tehran today) */
    char county[64];
    char zone[256];
    char created_at[21], updated_at[21];
    int64_t version;
};

typedef int (*case_row_fn)(void *arg, const struct case_row *row);

int store_case_get(store_conn *c, const struct case_viewer *v, int64_t id, struct case_row *row);

/* Files a case (state draft, or submitted when submit is set) by actor for in->unit_id.
 * A producer may file only for their own units (STORE_EROLE otherwise). */
int store_case_create(store_conn *c, const struct user *actor, const struct case_viewer *v,
                      const struct case_input *in, bool submit, int64_t *id);
/* Edits the filing fields of a draft or returned case at `version` (an 'edit' event). */
int store_case_update(store_conn *c, const struct user *actor, const struct case_viewer *v,
                      int64_t id, int64_t version, const struct case_input *in);

struct case_act {
    enum case_action action;
    int64_t agency_id;  /* refer */
    char due_on[11];    /* refer: ISO date */
    const char *body;   /* answer, reason or note; may be NULL */
};
/* Takes a lifecycle action at `version` (-1: whatever the current version). Returns
 * STORE_OK, STORE_ENOTFOUND, STORE_ECONFLICT (stale), STORE_ESTATE (then *allowed
 * gets the actions this viewer may take now), STORE_EROLE. */
int store_case_act(store_conn *c, const struct user *actor, const struct case_viewer *v,
                   int64_t id, int64_t version, const struct case_act *act, unsigned *allowed,
                   int64_t *new_version);

/* A comment (visible to the case's parties) or, with internal, a secretariat note. */
int store_case_comment(store_conn *c, const struct user *actor, const struct case_viewer *v,
                       int64_t id, const char *body, bool internal);

struct case_event {
    int64_t id;
    char at[21];
    char actor[128];
    char kind[24];
    char from_state[16], to_state[16];
    int64_t agency_id;
    char agency[256];
    char due_on[11];
    const char *body; /* valid during the callback */
    bool internal;
};
/* The history, oldest first; internal notes only when the viewer is the secretariat. */
int store_case_events(store_conn *c, const struct case_viewer *v, int64_t id,
                      int (*fn)(void *arg, const struct case_event *e), void *arg);

/* Attachments: the row (the file is already stored under its hash). */
struct case_attachment {
    int64_t id, case_id;
    char name[256];
    char mime[32];
    int64_t size;
    char hash[65];
    bool internal;
};
int store_case_attach(store_conn *c, const struct user *actor, const struct case_viewer *v,
                      int64_t case_id, struct case_attachment *att);
int store_case_attachments(store_conn *c, const struct case_viewer *v, int64_t case_id,
                           int (*fn)(void *arg, const struct case_attachment *a), void *arg);
/* One attachment, if its case is visible to v (and it is not an internal one the
 * viewer may not see); else STORE_ENOTFOUND. */
int store_case_attachment_get(store_conn *c, const struct case_viewer *v, int64_t case_id,
                              int64_t att_id, struct case_attachment *att);

enum case_inbox { CASE_INBOX_NONE, CASE_INBOX_REVIEW, CASE_INBOX_ANSWERED, CASE_INBOX_NEW,
                  CASE_INBOX_MINE_REFERRED, CASE_INBOX_MINE_ACTION };

struct case_filter {
    unsigned states;         /* bit set of 1u << enum case_state; 0 = any */
    int64_t category_id;     /* the category or its children */
    int64_t agency_id;       /* current referral */
    int64_t zone_id, county_id, unit_id;
    bool overdue;            /* referred and due before `today` */
    bool due_soon;           /* referred, due between today and due_cutoff */
    char today[11];          /* ISO; set by the caller (Tehran) for overdue flags */
    char due_cutoff[11];
    char from[11], to[11];   /* filing date range, ISO, inclusive; "" = open */
    const char *match;       /* FTS5 MATCH expression (fa_fts5_query) or NULL */
    bool mine_agency;        /* only cases currently referred to the viewer's agency */
    bool by_due;             /* order by due date (else newest first) */
    bool count;              /* fill *total */
    int limit, offset;
};

int store_case_list(store_conn *c, const struct case_viewer *v, const struct case_filter *f,
                    case_row_fn fn, void *arg, int64_t *total);

/* Search with snippets: the snippet marks matches with \x01 … \x02 around the
 * original text (the caller escapes it and turns the marks into markup). Newest
 * first; fetches up to limit rows from offset. */
int store_case_search(store_conn *c, const struct case_viewer *v, const char *match,
                      const char *today, int limit, int offset,
                      int (*fn)(void *arg, const struct case_row *row, const char *snippet),
                      void *arg);


/* Holidays (the admin's table). */
struct holiday {
    char day[11];
    char name[256];
    bool fixed, to_check;
};
int store_holiday_each(store_conn *c, int (*fn)(void *arg, const struct holiday *h), void *arg);
int store_holiday_set(store_conn *c, const struct user *actor, const struct holiday *h);
int store_holiday_delete(store_conn *c, const struct user *actor, const char *day);
/* The calendar for due dates: holidays as sorted day numbers, malloc'd into
 * *days (caller frees). */
int store_holiday_calendar(store_conn *c, int32_t **days, int *n);

/* Reminders: referred cases due on or before `cutoff` (not yet reminded) get a
 * 'due_soon' event and notifications; those due before `today` an 'overdue' one.
 * Each case in its own transaction with its audit event. */
int store_case_remind(store_conn *c, const char *today, const char *cutoff, int *soon,
                      int *overdue);

/* Notifications. */
struct notification {
    int64_t id, case_id;
    char kind[24];
    char body[512];
    char created_at[21];
    bool read;
};
int store_notification_count(store_conn *c, int64_t user_id, int64_t *unread);
int store_notification_list(store_conn *c, int64_t user_id, int limit,
                            int (*fn)(void *arg, const struct notification *n), void *arg);
int store_notification_read_all(store_conn *c, int64_t user_id);

/* Saved filters (a list's query string under a name, per user). */
int store_saved_filter_add(store_conn *c, int64_t user_id, const char *name, const char *query);
int store_saved_filter_delete(store_conn *c, int64_t user_id, int64_t id);
int store_saved_filter_each(store_conn *c, int64_t user_id,
                            int (*fn)(void *arg, int64_t id, const char *name, const char *query),
                            void *arg);

/* Bulk path for the demo and benches: writes a case with the given history as it
 * stands, inside the caller's transaction, without a per-case audit event (the
 * caller writes one for the batch with store_import_audit). */
struct case_seed_event {
    const char *at, *kind, *from_state, *to_state, *due_on, *body;
    int64_t agency_id, actor_id;
    const char *actor_name;
    bool internal;
};
struct case_seed {
    int64_t unit_id, category_id, filed_by, agency_id;
    const char *title, *description;
    int64_t amount;
    enum case_state state;
    enum case_outcome outcome;
    const char *due_on, *created_at, *updated_at;
    const struct case_seed_event *events;
    int nevents;
};
int store_case_seed(store_conn *c, const struct case_seed *s, int64_t *id);

/* Today in Tehran, ISO (the clock may be pinned): the day the store's overdue and
 * window rules are reckoned on. */
void case_today(char out[11]);

#endif
