/* router — see router.h. Matching walks the pattern and the path segment by segment,
 * without allocation except for captured values. A table of a few hundred routes
 * is matched in well under a microsecond per route, so no trie is needed. */
#include "http/router.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Matches one pattern; on success fills names/values (values point into path and
 * are copied by the caller). */
static bool match_pattern(const char *pat, const char *path, struct route_match *m) {
    m->nparams = 0;
    const char *p = pat, *s = path;
    while (*p && *s) {
        if (p[0] == '*' && p[1] == 0) { /* rest of the path */
            if (m->nparams == ROUTER_MAX_PARAMS) return false;
            m->names[m->nparams] = "*";
            m->values[m->nparams++] = s;
            return *s != 0;
        }
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (!close) return false;
            size_t seglen = strcspn(s, "/");
            if (seglen == 0 || m->nparams == ROUTER_MAX_PARAMS) return false;
            m->names[m->nparams] = p;      /* "{name}..." fixed up by caller */
            m->values[m->nparams++] = s;
            p = close + 1;
            s += seglen;
            continue;
        }
        if (*p != *s) return false;
        p++;
        s++;
    }
    return *p == 0 && *s == 0;
}

static void append_allow(char *allow, size_t cap, const char *method) {
    if (strstr(allow, method)) {
        /* "GET" must not be taken for a part of another name: methods are distinct
         * words here, so a plain substring check suffices for the standard set. */
        return;
    }
    size_t len = strlen(allow);
    snprintf(allow + len, cap - len, "%s%s", len ? ", " : "", method);
}

/* How specific a pattern is: one bit per segment, most significant first, set for a
 * literal segment. "/units/import" (11) beats "/units/{id}" (10) whatever the table
 * order, and a literal last segment beats the rest-of-path capture. */
static uint64_t specificity(const char *pattern) {
    uint64_t score = 0;
    for (const char *p = pattern; *p && p[1];) {
        const char *seg = p + 1;
        size_t len = strcspn(seg, "/");
        score = (score << 1) | (seg[0] != '{' && seg[0] != '*');
        p = seg + len;
        if (!*p) break;
    }
    return score;
}

void router_match(const struct route *routes, int n, const char *method, const char *path,
                  arena *a, struct route_match *m) {
    memset(m, 0, sizeof *m);
    m->route_index = -1;
    m->status = 404;
    bool is_head = !strcmp(method, "HEAD");
    int first_path_match = -1, best = -1;
    uint64_t best_score = 0;
    struct route_match trial, chosen;
    for (int i = 0; i < n; i++) {
        if (!match_pattern(routes[i].pattern, path, &trial)) continue;
        if (first_path_match < 0) first_path_match = i;
        bool ok = !strcmp(routes[i].method, method) ||
                  (is_head && !strcmp(routes[i].method, "GET"));
        if (!ok) {
            append_allow(m->allow, sizeof m->allow, routes[i].method);
            if (!strcmp(routes[i].method, "GET")) append_allow(m->allow, sizeof m->allow, "HEAD");
            continue;
        }
        uint64_t score = specificity(routes[i].pattern);
        if (best >= 0 && score <= best_score) continue; /* ties: the first in the table */
        best = i;
        best_score = score;
        chosen = trial;
    }
    if (best >= 0) {
        int i = best;
        trial = chosen;
        m->status = 200;
        m->route = &routes[i];
        m->route_index = i;
        m->nparams = trial.nparams;
        for (int k = 0; k < trial.nparams; k++) {
            const char *name = trial.names[k];
            size_t vlen;
            if (name[0] == '{') {
                size_t nlen = (size_t)(strchr(name, '}') - name - 1);
                m->names[k] = arena_strndup(a, name + 1, nlen);
                vlen = strcspn(trial.values[k], "/");
            } else {
                m->names[k] = name;
                vlen = strlen(trial.values[k]);
            }
            m->values[k] = arena_strndup(a, trial.values[k], vlen);
            if (!m->names[k] || !m->values[k]) { m->status = 500; return; }
        }
        m->allow[0] = 0;
        return;
    }
    if (first_path_match >= 0) {
        m->status = 405;
        m->route_index = first_path_match;
    }
}

const char *route_param(const struct route_match *m, const char *name) {
    for (int i = 0; i < m->nparams; i++)
        if (!strcmp(m->names[i], name)) return m->values[i];
    return NULL;
}
