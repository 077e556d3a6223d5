/* api_json — see api_json.h. Error documents are built with jansson like every
 * other API document; text that came from outside (a parser message quoting the
 * body) is checked for valid UTF-8 before it goes into one. */
#include "web/api_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "core/utf8.h"
#include "web/app.h"

void api_send(struct http_resp *resp, int status, json_t *doc) {
    resp->status = status;
    resp->content_type = "application/json";
    buf_clear(&resp->body);
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(doc);
    if (!text) {
        resp->body.failed = true;
        return;
    }
    buf_puts(&resp->body, text);
    buf_putc(&resp->body, '\n');
    free(text);
}

void api_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
               const char *message, json_t *fields) {
    (void)req;
    if (!message || !utf8_valid(message, strlen(message))) message = "invalid request";
    json_t *err = json_object();
    json_object_set_new(err, "code", json_string(code));
    json_object_set_new(err, "message", json_string(message));
    if (fields) json_object_set_new(err, "fields", fields);
    api_send(resp, status, json_pack("{s:o}", "error", err));
}

void api_shape_error(struct http_req *req, struct http_resp *resp,
                     const struct json_shape_error *e) {
    json_t *fields = NULL;
    if (e->field[0]) fields = json_pack("{s:s}", e->field, e->message);
    api_error(req, resp, 400, "bad_request", e->message, fields);
}

void api_validation_error(struct http_req *req, struct http_resp *resp,
                          const struct field_errors *errs) {
    json_t *fields = json_object();
    for (int i = 0; i < errs->n; i++) /* the first message per field wins */
        if (!json_object_get(fields, errs->e[i].field))
            json_object_set_new(fields, errs->e[i].field, json_string(errs->e[i].en));
    char msg[160];
    snprintf(msg, sizeof msg, "%d field%s failed validation", errs->n, errs->n == 1 ? "" : "s");
    api_error(req, resp, 422, "validation", msg, fields);
}

void api_read_failed(struct http_req *req, struct http_resp *resp, int outcome,
                     const struct json_shape_error *shape, const struct field_errors *errs) {
    if (outcome == JSON_READ_SHAPE) api_shape_error(req, resp, shape);
    else api_validation_error(req, resp, errs);
}

static bool is_json_type(const char *ct) {
    if (!ct) return false;
    size_t n = strlen("application/json");
    return !strncasecmp(ct, "application/json", n) && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

json_t *api_read_body(struct http_req *req, struct http_resp *resp) {
    if (!is_json_type(req->content_type)) {
        api_error(req, resp, 415, "unsupported_media_type",
                  "send the body as application/json", NULL);
        return NULL;
    }
    json_error_t err;
    json_t *doc = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!doc) {
        char msg[300];
        snprintf(msg, sizeof msg, "invalid JSON at line %d column %d: %s", err.line, err.column,
                 err.text);
        api_error(req, resp, 400, "bad_request",
                  utf8_valid(msg, strlen(msg)) ? msg : "invalid JSON (not UTF-8)", NULL);
    }
    return doc;
}

void api_set_etag(struct http_req *req, struct http_resp *resp, int64_t version) {
    const char *etag = arena_printf(req->a, "\"v%lld\"", (long long)version);
    if (etag) http_set_header(resp, "ETag", etag);
}

/* Strict decimal: 1–18 ASCII digits, no sign, no leading zero. */
static bool parse_id(const char *s, int64_t *out) {
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 18 || s[0] == '0') return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool api_if_match(struct http_req *req, struct http_resp *resp, int64_t *version) {
    const char *v = http_header(req, "If-Match");
    if (!v) {
        api_error(req, resp, 428, "precondition_required",
                  "send If-Match with the ETag of the record you read", NULL);
        return false;
    }
    size_t n = strlen(v);
    char digits[24];
    if (n < 4 || n - 3 >= sizeof digits || v[0] != '"' || v[1] != 'v' || v[n - 1] != '"') {
        api_error(req, resp, 400, "bad_request", "If-Match must be one ETag such as \"v3\"",
                  NULL);
        return false;
    }
    memcpy(digits, v + 2, n - 3);
    digits[n - 3] = 0;
    if (!parse_id(digits, version)) {
        api_error(req, resp, 400, "bad_request", "If-Match must be one ETag such as \"v3\"",
                  NULL);
        return false;
    }
    return true;
}

bool api_path_id(struct http_req *req, struct http_resp *resp, const char *name, int64_t *id) {
    if (parse_id(http_param(req, name), id)) return true;
    web_not_found(req, resp);
    return false;
}

bool api_query_id(struct http_req *req, struct http_resp *resp, const char *name, int64_t *id) {
    const char *v = http_query(req, name);
    *id = 0;
    if (!v) return true;
    if (parse_id(v, id)) return true;
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be a positive integer id", name);
    api_error(req, resp, 400, "bad_request", msg, json_pack("{s:s}", name, msg));
    return false;
}

bool api_page_params(struct http_req *req, struct http_resp *resp, struct api_page *p) {
    p->limit = 50;
    p->after = 0;
    const char *limit = http_query(req, "limit");
    if (limit) {
        int64_t n;
        if (!parse_id(limit, &n) || n > 200) {
            api_error(req, resp, 400, "bad_request", "limit must be an integer from 1 to 200",
                      json_pack("{s:s}", "limit", "must be an integer from 1 to 200"));
            return false;
        }
        p->limit = (int)n;
    }
    const char *cursor = http_query(req, "cursor");
    if (cursor) {
        char digits[24];
        size_t len = 0;
        if (strlen(cursor) > 32 ||
            sodium_base642bin((unsigned char *)digits, sizeof digits - 1, cursor, strlen(cursor),
                              NULL, &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
            (digits[len] = 0, !parse_id(digits, &p->after))) {
            api_error(req, resp, 400, "bad_request",
                      "cursor is not one this API gave out (use next_cursor as it is)",
                      json_pack("{s:s}", "cursor", "not a cursor from next_cursor"));
            return false;
        }
    }
    return true;
}

json_t *api_page_doc(json_t *items, int64_t last_id, int64_t total) {
    json_t *next = json_null();
    if (last_id > 0) {
        char digits[24], b64[48];
        int n = snprintf(digits, sizeof digits, "%lld", (long long)last_id);
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)digits, (size_t)n,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        json_decref(next);
        next = json_string(b64);
    }
    return json_pack("{s:o, s:o, s:I}", "items", items, "next_cursor", next, "total",
                     (json_int_t)total);
}
