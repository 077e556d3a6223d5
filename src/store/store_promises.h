/* store_promises — the promise tracker's tables (migration 0030): people, occasions,
 * articles, promises with their sources, the rating timeline, links, and the
 * public's suggestions.
 *
 * Design: every mutation runs in one transaction with its audit event
 * ('promise.create', 'promise.rate', 'promise_article.create',
 * 'promise_suggestion.create', 'promise_suggestion.review'); transactions nest, so
 * an intake can wrap an article and several promises in one. Lists are walked with
 * callbacks whose record strings are valid only during the call (no copies); single
 * records are copied into the caller's arena. People are found by the Persian
 * search key of their name, so «حشمت‌الله عسگری» and «حشمت الله عسگری» are one
 * person. Validation is the caller's (promise/promise.h); this layer trusts its
 * input. */
#ifndef TASHIL_STORE_PROMISES_H
#define TASHIL_STORE_PROMISES_H

#include <stdint.h>

#include "core/arena.h"
#include "promise/promise.h"
#include "store/store.h"
#include "store/store_users.h"

struct promise_rec {
    int64_t id, person_id, occasion_id;
    const char *person, *office, *county, *said_on, *summary, *quote, *topic, *agency,
        *target_on, *rating, *rated_on, *occasion_title, *occasion_kind, *occasion_held_on;
};

struct promise_filter {
    int64_t person_id, occasion_id;     /* 0: any */
    int64_t article_id;                 /* 0: any; else promises sourced from it */
    const char *office, *county, *topic; /* NULL: any; exact match */
    const char *rating;                  /* NULL: any */
    const char *q_key;                   /* NULL: any; search key to find in the text
                                            (keys hold no LIKE wildcards: % and _ are
                                            not word characters) */
    int limit, offset;
};

struct rating_rec {
    int64_t id, promise_id;
    const char *rating, *prev_rating, *changed_on, *source, *note, *at, *actor;
    const char *summary, *person; /* the promise's, in the feed */
};

struct source_rec {
    const char *url, *title;
    int64_t article_id;
};

struct suggestion_rec {
    int64_t id, promise_id;
    const char *status, *person, *office, *said_on, *county, *quote, *source_url, *contact,
        *created_at, *review_note;
};

typedef int (*promise_fn)(void *arg, const struct promise_rec *p);
typedef int (*rating_fn)(void *arg, const struct rating_rec *r);

/* Writes an article (the text an intake read) and returns its id. */
int store_promise_article_add(store_conn *c, const struct user *actor, const char *title,
                              const char *url, const char *body, const char *ip, int64_t *id);
int store_promise_article_get(store_conn *c, int64_t id, arena *a, const char **title,
                              const char **url, const char **body);

/* Creates a promise (finding or adding its person and occasion), its source
 * (source_url and/or article_id > 0, titled source_title) and the first timeline
 * row: the promise made, not rated. */
int store_promise_create(store_conn *c, const struct user *actor, const struct promise_clean *p,
                         int64_t article_id, const char *source_title, const char *ip,
                         int64_t *id_out);
int store_promise_get(store_conn *c, int64_t id, arena *a, struct promise_rec *out);
/* The date of the latest timeline row (ISO), copied into out[11]. */
int store_promise_last_change(store_conn *c, int64_t id, char out[11]);

/* Appends a rating change and updates the promise's current rating. */
int store_promise_rate(store_conn *c, const struct user *actor, int64_t id,
                       const struct rating_clean *r, const char *ip);

int store_promise_each(store_conn *c, const struct promise_filter *f, promise_fn fn, void *arg);
/* counts[r] for each enum promise_rating under f (its rating filter ignored). */
int store_promise_count_by_rating(store_conn *c, const struct promise_filter *f,
                                  int64_t counts[PR_COUNT]);
int store_promise_ratings_each(store_conn *c, int64_t promise_id, rating_fn fn, void *arg);
int store_promise_sources_each(store_conn *c, int64_t promise_id,
                               int (*fn)(void *arg, const struct source_rec *s), void *arg);
/* The latest rating changes (not the creation rows), newest first. */
int store_promise_feed_each(store_conn *c, int limit, rating_fn fn, void *arg);

/* Distinct values for the index filters: which is "office", "county" or "topic". */
int store_promise_facet_each(store_conn *c, const char *which,
                             int (*fn)(void *arg, const char *value), void *arg);
int store_promise_people_each(store_conn *c,
                              int (*fn)(void *arg, int64_t id, const char *name, int64_t n),
                              void *arg);
int store_promise_person_get(store_conn *c, int64_t id, arena *a, const char **name);
int store_promise_occasion_get(store_conn *c, int64_t id, arena *a, const char **title,
                               const char **kind, const char **held_on, const char **county);

/* Suggestions from the public. */
int store_suggestion_add(store_conn *c, const struct suggestion_input *s, const char *ip,
                         int64_t *id_out);
int store_suggestion_each(store_conn *c, const char *status,
                          int (*fn)(void *arg, const struct suggestion_rec *s), void *arg);
int store_suggestion_get(store_conn *c, int64_t id, arena *a, struct suggestion_rec *out);
/* Marks a pending suggestion accepted (with the promise made from it) or rejected.
 * STORE_ENOTFOUND when it is not pending. */
int store_suggestion_review(store_conn *c, const struct user *actor, int64_t id,
                            const char *status, const char *note, int64_t promise_id,
                            const char *ip);
int64_t store_suggestion_pending_count(store_conn *c);

/* Links from a promise to a zone, unit or case ("zone", "unit", "case"). The target
 * must exist (STORE_ENOTFOUND); linking twice is a no-op. Audit-logged. */
int store_promise_link_add(store_conn *c, const struct user *actor, int64_t promise_id,
                           const char *kind, int64_t target_id);
int store_promise_links_each(store_conn *c, int64_t promise_id,
                             int (*fn)(void *arg, const char *kind, int64_t target_id,
                                       const char *label),
                             void *arg);

#endif
