/* api_json — the HTTP side of the JSON API, shared by its handlers: reading a JSON
 * body strictly, writing documents and errors, ETag / If-Match for optimistic
 * concurrency, ids from the path and the query, and cursor pagination.
 *
 * Every helper that can fail writes the error response itself and returns
 * false / NULL, so a handler reads as a straight line of `if (!…) return;`.
 * Errors are {"error":{"code":…,"message":…[,"fields":{name: English message}]}}. */
#ifndef TASHIL_API_JSON_H
#define TASHIL_API_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "http/http.h"
#include "registry/registry.h"
#include "registry/registry_json.h"

/* Serialises doc into the response with the given status and releases it. */
void api_send(struct http_resp *resp, int status, json_t *doc);
/* An error document; fields (may be NULL) is stolen. */
void api_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
               const char *message, json_t *fields);
/* 400 bad_request naming the member whose shape is wrong. */
void api_shape_error(struct http_req *req, struct http_resp *resp,
                     const struct json_shape_error *e);
/* 422 validation with every field error (English). */
void api_validation_error(struct http_req *req, struct http_resp *resp,
                          const struct field_errors *errs);
/* Answers a JSON_READ_* outcome that is not OK. */
void api_read_failed(struct http_req *req, struct http_resp *resp, int outcome,
                     const struct json_shape_error *shape, const struct field_errors *errs);

/* The request body as a JSON value: Content-Type application/json (else 415), UTF-8,
 * no duplicate keys, no trailing data (else 400). The caller json_decref()s it. */
json_t *api_read_body(struct http_req *req, struct http_resp *resp);

/* ETag: "v<version>". */
void api_set_etag(struct http_req *req, struct http_resp *resp, int64_t version);
/* The version in If-Match: 428 when missing, 400 when not one of our ETags. */
bool api_if_match(struct http_req *req, struct http_resp *resp, int64_t *version);

/* A positive id captured from the path ({id}); 404 otherwise. */
bool api_path_id(struct http_req *req, struct http_resp *resp, const char *name, int64_t *id);
/* An optional positive id from the query: *id = 0 when absent; 400 when malformed. */
bool api_query_id(struct http_req *req, struct http_resp *resp, const char *name, int64_t *id);

/* ?limit= (1–200, default 50) and ?cursor= (opaque: base64url of the last id seen). */
struct api_page {
    int limit;
    int64_t after; /* ids greater than this */
};
bool api_page_params(struct http_req *req, struct http_resp *resp, struct api_page *p);
/* {"items": items, "next_cursor": cursor after last_id or null, "total": total}.
 * items is stolen; last_id = 0 means no next page. */
json_t *api_page_doc(json_t *items, int64_t last_id, int64_t total);

#endif
