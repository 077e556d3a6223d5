/* api_promises — the promise tracker in the JSON API (jansson), open to anyone for
 * reading, like the public pages:
 *   GET  /api/v1/promises            ?person=ID&office=&county=&topic=&rating=&q=
 *                                    &limit=&offset= → {"promises":[…],"counts":{…},
 *                                    "limit","offset"}
 *   GET  /api/v1/promises/{id}       → the promise with "timeline" and "sources"
 *   GET  /api/v1/promises/people     → {"people":[{"id","name","promises"}]}
 *   POST /api/v1/promises            secretariat/admin: {"person","said_on" (Jalali),
 *                                    "summary","quote", optional office, county, topic,
 *                                    agency, target_on, source_url, occasion_title,
 *                                    occasion_kind} → 201 with Location and the promise
 *   POST /api/v1/promises/{id}/ratings   secretariat/admin: {"rating","changed_on"
 *                                    (Jalali, "1403/05/12"),"source","note"} → 201
 *   POST /api/v1/promises/extract    secretariat/admin: {"text"[,"html":bool]} →
 *                                    {"title","candidates":[…],"people":[…]}; stores
 *                                    nothing
 * Bodies are read strictly (api_read_body): only the listed members, all strings
 * (html a boolean); an unknown member or another type is 400 naming it.
 * Dates are ISO Gregorian and digits ASCII; errors follow api_json.h:
 * {"error":{"code","message"[,"fields":{name: message}]}}. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "promise/article.h"
#include "promise/extract.h"
#include "text/fa_key.h"
#include "web/api_json.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

/* 422 validation naming the one field at fault (the API's error convention). */
static void field_error(struct http_req *req, struct http_resp *resp, const char *field,
                        const char *message) {
    api_error(req, resp, 422, "validation", message, json_pack("{s:s}", field, message));
}

/* Reads a JSON object body whose members are all among names[0..n) and strings
 * (or null), into values (arena copies; NULL when absent or null). Writes 400/415
 * and returns NULL otherwise; else returns the document (the caller decrefs). */
static json_t *read_strings(struct http_req *req, struct http_resp *resp,
                            const char *const *names, int n, const char **values) {
    json_t *doc = api_read_body(req, resp);
    if (!doc) return NULL;
    if (!json_is_object(doc)) {
        json_decref(doc);
        api_error(req, resp, 400, "bad_request", "the body must be a JSON object", NULL);
        return NULL;
    }
    for (int i = 0; i < n; i++) values[i] = NULL;
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) {
        int k = 0;
        while (k < n && strcmp(names[k], key) != 0) k++;
        const char *why = k == n ? "unknown member" : !json_is_string(v) && !json_is_null(v)
                                                          ? "must be a string"
                                                          : NULL;
        if (why) {
            api_error(req, resp, 400, "bad_request", "the body has a member it may not have",
                      json_pack("{s:s}", key, why));
            json_decref(doc);
            return NULL;
        }
        values[k] = json_is_string(v) ? arena_strdup(req->a, json_string_value(v)) : NULL;
    }
    return doc;
}

/* 422 validation with every field error. */
static void validation_error(struct http_req *req, struct http_resp *resp,
                             const struct promise_errors *errs) {
    json_t *fields = json_object();
    for (int i = 0; i < errs->n; i++)
        if (!json_object_get(fields, errs->e[i].field))
            json_object_set_new(fields, errs->e[i].field, json_string(errs->e[i].en));
    api_error(req, resp, 422, "validation", errs->n ? errs->e[0].en : "invalid", fields);
}

static json_t *str_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

static json_t *promise_json(const struct promise_rec *p) {
    json_t *occ = p->occasion_id ? json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)p->occasion_id,
                                             "title", p->occasion_title, "kind", p->occasion_kind,
                                             "held_on", p->occasion_held_on)
                                 : json_null();
    char url[48];
    snprintf(url, sizeof url, "/promises/%lld", (long long)p->id);
    return json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:s}",
                     "id", (json_int_t)p->id, "person", "id", (json_int_t)p->person_id, "name",
                     p->person, "office", p->office, "county", p->county, "said_on", p->said_on,
                     "summary", p->summary, "quote", p->quote, "topic", p->topic, "agency",
                     p->agency, "target_on", str_or_null(p->target_on), "rating", p->rating,
                     "rated_on", str_or_null(p->rated_on), "occasion", occ, "url", url);
}

static int add_promise(void *arg, const struct promise_rec *p) {
    json_t *o = promise_json(p);
    return !o || json_array_append_new(arg, o) != 0;
}

static long query_long(struct http_req *req, const char *name, long def, long max) {
    const char *s = http_query(req, name);
    if (!s || !*s) return def;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < 0 ? -1 : v > max ? max : v;
}

void api_promises(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct promise_filter f = {0};
    const char *v;
    if ((v = http_query(req, "person")) && *v) {
        char *end;
        f.person_id = strtoll(v, &end, 10);
        if (*end || f.person_id <= 0) {
            field_error(req, resp, "person", "person must be a positive id");
            return;
        }
    }
    f.office = (v = http_query(req, "office")) && *v ? v : NULL;
    f.county = (v = http_query(req, "county")) && *v ? v : NULL;
    f.topic = (v = http_query(req, "topic")) && *v ? v : NULL;
    if ((v = http_query(req, "rating")) && *v) {
        if (promise_rating_from_code(v) < 0) {
            field_error(req, resp, "rating", "rating must be one of not_rated, in_the_works, stalled, "
                                        "kept, compromise, broken");
            return;
        }
        f.rating = v;
    }
    if ((v = http_query(req, "q")) && *v) {
        buf key;
        buf_init(&key, 4096);
        if (fa_key(v, strlen(v), &key) == 0 && key.len) f.q_key = arena_strdup(req->a, key.data);
        buf_free(&key);
    }
    long limit = query_long(req, "limit", 100, 500), offset = query_long(req, "offset", 0, 1000000);
    if (limit < 1 || offset < 0) {
        field_error(req, resp, limit < 1 ? "limit" : "offset", "limit and offset must be whole numbers");
        return;
    }
    f.limit = (int)limit;
    f.offset = (int)offset;
    json_t *list = json_array();
    int64_t counts[PR_COUNT];
    int rc = store_promise_each(db, &f, add_promise, list);
    if (rc == STORE_OK) rc = store_promise_count_by_rating(db, &f, counts);
    if (rc != STORE_OK) {
        json_decref(list);
        web_server_error(req, resp);
        return;
    }
    json_t *c = json_object();
    for (int r = 0; r < PR_COUNT; r++)
        json_object_set_new(c, promise_rating_code(r), json_integer((json_int_t)counts[r]));
    api_send(resp, 200, json_pack("{s:o, s:o, s:i, s:i}", "promises", list, "counts", c, "limit",
                                   (int)limit, "offset", (int)offset));
}

static int add_rating(void *arg, const struct rating_rec *r) {
    return json_array_append_new(
               arg, json_pack("{s:s, s:o, s:s, s:s, s:s, s:s}", "rating", r->rating,
                              "prev_rating", str_or_null(r->prev_rating), "changed_on",
                              r->changed_on, "source", r->source, "note", r->note, "recorded_at",
                              r->at)) != 0;
}

static int add_source(void *arg, const struct source_rec *s) {
    json_t *o = json_pack("{s:o, s:s}", "url", str_or_null(s->url), "title", s->title);
    if (s->article_id) json_object_set_new(o, "article_id", json_integer((json_int_t)s->article_id));
    return json_array_append_new(arg, o) != 0;
}

/* The promise as GET /api/v1/promises/{id} shows it: with timeline and sources. */
static json_t *promise_detail(store_conn *db, const struct promise_rec *p) {
    json_t *doc = promise_json(p), *timeline = json_array(), *sources = json_array();
    int rc = store_promise_ratings_each(db, p->id, add_rating, timeline);
    if (rc == STORE_OK) rc = store_promise_sources_each(db, p->id, add_source, sources);
    json_object_set_new(doc, "timeline", timeline);
    json_object_set_new(doc, "sources", sources);
    if (rc != STORE_OK) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

void api_promise(struct http_req *req, struct http_resp *resp) {
    struct promise_rec p;
    store_conn *db = pv_promise_from_path(req, resp, &p);
    if (!db) return;
    json_t *doc = promise_detail(db, &p);
    if (!doc) {
        web_server_error(req, resp);
        return;
    }
    api_send(resp, 200, doc);
}

static int add_person(void *arg, int64_t id, const char *name, int64_t n) {
    return json_array_append_new(arg, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "name",
                                                name, "promises", (json_int_t)n)) != 0;
}

void api_promise_people(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    json_t *list = json_array();
    if (store_promise_people_each(db, add_person, list) != STORE_OK) {
        json_decref(list);
        web_server_error(req, resp);
        return;
    }
    api_send(resp, 200, json_pack("{s:o}", "people", list));
}

void api_promise_rate(struct http_req *req, struct http_resp *resp) {
    struct promise_rec p;
    store_conn *db = pv_promise_from_path(req, resp, &p);
    if (!db) return;
    int64_t id = p.id;
    static const char *const names[] = {"rating", "changed_on", "source", "note"};
    const char *v[4];
    json_t *doc = read_strings(req, resp, names, 4, v);
    if (!doc) return;
    json_decref(doc);
    struct rating_input in = {v[0], v[1], v[2], v[3]};
    char last[11], today[11];
    if (store_promise_last_change(db, id, last) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    promise_iso_date(clock_now(), today);
    struct rating_clean clean;
    struct promise_errors errs;
    if (promise_rating_validate(&in, p.said_on, last[0] ? last : NULL, today, req->a, &clean,
                                &errs) != 0) {
        validation_error(req, resp, &errs);
        return;
    }
    if (store_promise_rate(db, &web_ctx(req)->user, id, &clean, req->client_ip) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    http_set_header(resp, "Location", arena_printf(req->a, "/api/v1/promises/%lld", (long long)id));
    api_send(resp, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "rating",
                                   promise_rating_code(clean.rating), "changed_on",
                                   clean.changed_on));
}

void api_promise_extract(struct http_req *req, struct http_resp *resp) {
    json_t *doc = api_read_body(req, resp);
    if (!doc) return;
    json_t *tv = json_object_get(doc, "text"), *hv = json_object_get(doc, "html");
    const char *key, *bad = NULL;
    json_t *val;
    json_object_foreach(doc, key, val) {
        if (strcmp(key, "text") != 0 && strcmp(key, "html") != 0) bad = key;
    }
    if (!json_is_object(doc) || bad || (tv && !json_is_string(tv)) || (hv && !json_is_boolean(hv))) {
        api_error(req, resp, 400, "bad_request", "the body is {\"text\": string, \"html\": boolean}",
                  bad ? json_pack("{s:s}", bad, "unknown member") : NULL);
        json_decref(doc);
        return;
    }
    const char *raw = tv ? arena_strdup(req->a, json_string_value(tv)) : "";
    bool html = hv && json_is_true(hv);
    json_decref(doc);
    const char *text;
    size_t len;
    bool converted;
    fa_err err = {0};
    int rc = promise_article_text(raw ? raw : "", raw ? strlen(raw) : 0, html, req->a, &text,
                                  &len, &converted, &err);
    if (rc != ARTICLE_OK) {
        api_error(req, resp, rc == ARTICLE_TOO_LARGE ? 413 : 422,
                  rc == ARTICLE_TOO_LARGE ? "too_large" : "validation", err.en,
                  json_pack("{s:s}", "text", err.en));
        return;
    }
    struct extract_result *r = arena_alloc(req->a, sizeof *r);
    if (!r || promise_extract(text, len, req->a, r) != 0) {
        web_server_error(req, resp);
        return;
    }
    json_t *cands = json_array(), *people = json_array();
    for (int i = 0; i < r->n; i++)
        json_array_append_new(cands, json_pack("{s:o, s:o, s:s, s:s, s:s}", "speaker",
                                               str_or_null(r->c[i].speaker), "office",
                                               str_or_null(r->c[i].office), "text", r->c[i].text,
                                               "cue", r->c[i].cue, "attribution",
                                               r->c[i].attribution));
    for (int i = 0; i < r->npeople; i++)
        json_array_append_new(people, json_pack("{s:s, s:s}", "name", r->people[i].name, "office",
                                                r->people[i].office));
    api_send(resp, 200, json_pack("{s:s, s:o, s:o}", "title", r->title, "candidates", cands,
                                  "people", people));
}

void api_promise_create(struct http_req *req, struct http_resp *resp) {
    static const char *const names[] = {"person", "office", "said_on", "county", "topic",
                                        "summary", "quote", "agency", "target_on", "source_url",
                                        "occasion_title", "occasion_kind"};
    const char *v[12];
    json_t *doc = read_strings(req, resp, names, 12, v);
    if (!doc) return;
    json_decref(doc);
    struct promise_input in = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                               v[10], v[11]};
    char today[11];
    promise_iso_date(clock_now(), today);
    struct promise_clean clean;
    struct promise_errors errs;
    if (promise_validate(&in, today, req->a, &clean, &errs) != 0) {
        validation_error(req, resp, &errs);
        return;
    }
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = 0;
    struct promise_rec p;
    int rc = store_promise_create(db, &web_ctx(req)->user, &clean, 0, "", req->client_ip, &id);
    if (rc == STORE_OK) rc = store_promise_get(db, id, req->a, &p);
    json_t *out = rc == STORE_OK ? promise_detail(db, &p) : NULL;
    if (!out) {
        web_server_error(req, resp);
        return;
    }
    http_set_header(resp, "Location", arena_printf(req->a, "/api/v1/promises/%lld", (long long)id));
    api_send(resp, 201, out);
}
