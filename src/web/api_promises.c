/* api_promises — the promise tracker in the JSON API (jansson), open to anyone for
 * reading, like the public pages:
 *   GET  /api/v1/promises            ?person=ID&office=&county=&topic=&rating=&q=
 *                                    &limit=&offset= → {"promises":[…],"counts":{…},
 *                                    "limit","offset"}
 *   GET  /api/v1/promises/{id}       → the promise with "timeline" and "sources"
 *   GET  /api/v1/promises/people     → {"people":[{"id","name","promises"}]}
 *   POST /api/v1/promises/{id}/ratings   secretariat/admin: {"rating","changed_on"
 *                                    (Jalali, "1403/05/12"),"source","note"} → 201
 *   POST /api/v1/promises/extract    secretariat/admin: the article as the body
 *                                    (text/plain or text/html) → {"title",
 *                                    "candidates":[…],"people":[…]}; stores nothing
 * Dates are ISO Gregorian and digits ASCII; errors are {"error":{"code","message"}}
 * (with "field" when one input field is at fault). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "promise/article.h"
#include "promise/extract.h"
#include "text/fa_key.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

static void field_error(struct http_resp *resp, const char *field, const char *message) {
    web_send_json(resp, 422, json_pack("{s:{s:s, s:s, s:s}}", "error", "code", "invalid", "message",
                                   message, "field", field));
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
            field_error(resp, "person", "person must be a positive id");
            return;
        }
    }
    f.office = (v = http_query(req, "office")) && *v ? v : NULL;
    f.county = (v = http_query(req, "county")) && *v ? v : NULL;
    f.topic = (v = http_query(req, "topic")) && *v ? v : NULL;
    if ((v = http_query(req, "rating")) && *v) {
        if (promise_rating_from_code(v) < 0) {
            field_error(resp, "rating", "rating must be one of not_rated, in_the_works, stalled, "
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
        field_error(resp, limit < 1 ? "limit" : "offset", "limit and offset must be whole numbers");
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
    web_send_json(resp, 200, json_pack("{s:o, s:o, s:i, s:i}", "promises", list, "counts", c, "limit",
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

void api_promise(struct http_req *req, struct http_resp *resp) {
    struct promise_rec p;
    store_conn *db = pv_promise_from_path(req, resp, &p);
    if (!db) return;
    int64_t id = p.id;
    json_t *doc = promise_json(&p), *timeline = json_array(), *sources = json_array();
    int rc = store_promise_ratings_each(db, id, add_rating, timeline);
    if (rc == STORE_OK) rc = store_promise_sources_each(db, id, add_source, sources);
    json_object_set_new(doc, "timeline", timeline);
    json_object_set_new(doc, "sources", sources);
    if (rc != STORE_OK) {
        json_decref(doc);
        web_server_error(req, resp);
        return;
    }
    web_send_json(resp, 200, doc);
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
    web_send_json(resp, 200, json_pack("{s:o}", "people", list));
}

static const char *json_str(json_t *doc, const char *key) {
    json_t *v = json_object_get(doc, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

void api_promise_rate(struct http_req *req, struct http_resp *resp) {
    struct promise_rec p;
    store_conn *db = pv_promise_from_path(req, resp, &p);
    if (!db) return;
    int64_t id = p.id;
    json_error_t jerr;
    json_t *doc = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(doc)) {
        json_decref(doc);
        web_render_error(req, resp, 400, "bad_json", "the body must be a JSON object",
                         "بدنه درخواست باید یک شیء JSON باشد.");
        return;
    }
    struct rating_input in = {json_str(doc, "rating"), json_str(doc, "changed_on"),
                              json_str(doc, "source"), json_str(doc, "note")};
    in.rating = in.rating ? arena_strdup(req->a, in.rating) : NULL;
    in.changed_on = in.changed_on ? arena_strdup(req->a, in.changed_on) : NULL;
    in.source = in.source ? arena_strdup(req->a, in.source) : NULL;
    in.note = in.note ? arena_strdup(req->a, in.note) : NULL;
    json_decref(doc);
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
        field_error(resp, errs.e[0].field, errs.e[0].en);
        return;
    }
    if (store_promise_rate(db, &web_ctx(req)->user, id, &clean, req->client_ip) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    web_send_json(resp, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "rating",
                                   promise_rating_code(clean.rating), "changed_on",
                                   clean.changed_on));
}

void api_promise_extract(struct http_req *req, struct http_resp *resp) {
    const char *ct = req->content_type ? req->content_type : "";
    bool html = strstr(ct, "html") != NULL;
    const char *text;
    size_t len;
    bool converted;
    fa_err err = {0};
    int rc = promise_article_text(req->body, req->body_len, html, req->a, &text, &len, &converted,
                                  &err);
    if (rc != ARTICLE_OK) {
        web_render_error(req, resp, rc == ARTICLE_TOO_LARGE ? 413 : 422,
                         rc == ARTICLE_TOO_LARGE ? "too_large" : "invalid", err.en, err.fa);
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
    web_send_json(resp, 200, json_pack("{s:s, s:b, s:o, s:o}", "title", r->title,
                                   "converted_from_windows_1256", converted, "candidates", cands,
                                   "people", people));
}
