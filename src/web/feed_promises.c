/* feed_promises — the Atom 1.0 feed (RFC 4287) of rating changes, newest first:
 * GET /promises/feed.atom, application/atom+xml.
 *
 * Each entry is one change: its title names the promise and the new rating, its
 * summary the date (Jalali), the note and the source. Entry ids are tag URIs
 * (RFC 4151) built from the change's id, so they never change; links are absolute,
 * built from the request's Host (escaped like any text). XML is written with the
 * HTML escaper, whose five entities are all XML's. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "view/html.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

enum { FEED_ENTRIES = 50 };

/* XML 1.0 forbids U+FFFE and U+FFFF, which valid UTF-8 may still hold: a copy
 * without them (the input is otherwise checked UTF-8 without controls). */
static const char *xml_text(arena *a, const char *s) {
    if (!strstr(s, "\xEF\xBF\xBE") && !strstr(s, "\xEF\xBF\xBF")) return s;
    char *out = arena_strdup(a, s);
    if (!out) return "";
    char *o = out;
    for (const char *p = s; *p;) {
        if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBF &&
            ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
            p += 3;
            continue;
        }
        *o++ = *p++;
    }
    *o = 0;
    return out;
}

struct feed_ctx {
    buf *b;
    const char *base;
    arena *a;
};

static int feed_entry(void *arg, const struct rating_rec *r) {
    struct feed_ctx *f = arg;
    buf *b = f->b;
    int to = promise_rating_from_code(r->rating), from = promise_rating_from_code(r->prev_rating);
    html_fmt(b, "<entry>\n<id>tag:tashil.local,2026:promise-rating/%lld</id>\n"
                "<title>%s: %s</title>\n<updated>%s</updated>\n"
                "<link rel=\"alternate\" type=\"text/html\" href=\"%s/promises/%lld\"/>\n"
                "<author><name>%s</name></author>\n<summary type=\"text\">",
             (long long)r->id, xml_text(f->a, r->summary), promise_rating_label_fa(to < 0 ? 0 : to),
             r->at, f->base, (long long)r->promise_id, xml_text(f->a, r->person));
    pv_date(b, r->changed_on);
    html_fmt(b, " — از «%s» به «%s». %s (منبع: %s)</summary>\n</entry>\n",
             promise_rating_label_fa(from < 0 ? 0 : from), promise_rating_label_fa(to < 0 ? 0 : to),
             xml_text(f->a, r->note), xml_text(f->a, r->source));
    return 0;
}

static int latest_at(void *arg, const struct rating_rec *r) {
    char *out = arg;
    snprintf(out, 21, "%s", r->at);
    return 1;
}

void feed_promises(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *host = http_header(req, "Host");
    const char *base = arena_printf(req->a, "%s%s", web_app(req)->cfg.behind_tls ? "https://" : "http://",
                                    host && *host ? host : "localhost");
    char updated[21] = "";
    if (store_promise_feed_each(db, 1, latest_at, updated) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    if (!updated[0]) clock_iso_utc(clock_now(), updated);
    buf *b = &resp->body;
    resp->content_type = "application/atom+xml; charset=utf-8";
    html_fmt(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fa\">\n"
                "<id>tag:tashil.local,2026:promise-ratings</id>\n"
                "<title>تسهیل — تغییرات ارزیابی وعده‌ها</title>\n"
                "<subtitle>وعده‌های مسئولان درباره تولید و رفع موانع آن، و ارزیابی تحقق آن‌ها</subtitle>\n"
                "<updated>%s</updated>\n"
                "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s/promises/feed.atom\"/>\n"
                "<link rel=\"alternate\" type=\"text/html\" href=\"%s/promises\"/>\n"
                "<author><name>دبیرخانه کارگروه تسهیل و رفع موانع تولید</name></author>\n",
             updated, base, base);
    struct feed_ctx f = {b, xml_text(req->a, base), req->a};
    if (store_promise_feed_each(db, FEED_ENTRIES, feed_entry, &f) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    html_raw(b, "</feed>\n");
}
