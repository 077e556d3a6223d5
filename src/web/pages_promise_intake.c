/* pages_promise_intake — the secretariat takes in a news article: pastes it (or
 * uploads a .txt/.html file, see below), Tashil proposes candidate promises with
 * the speaker and office the article attaches to each, and a person accepts,
 * edits or drops each one.
 *
 * Flow: GET /promises/intake shows the form; POST /promises/intake cleans the text
 * (promise_article_text: empty, too long, Windows-1256, HTML) and runs the
 * extractor, then shows every candidate as an editable block with an «accept» box.
 * Nothing is stored until POST /promises/intake/accept: the article travels in the
 * review form, and the accepted candidates are validated together — if any is
 * refused, the page returns with every typed value and the messages beside their
 * fields, nothing written; otherwise the article and all accepted promises are
 * written in one transaction.
 *
 * Uploads: a file arrives as multipart/form-data, which the server parses
 * (http/multipart.c: strict, bounded); its text fields reach the handler as
 * ordinary form fields and the file is the part named "file" in req->parts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "promise/article.h"
#include "promise/extract.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

enum { INTAKE_MAX = 25 }; /* candidates shown: 9 fields each stay under the form limit */

struct shared {
    const char *article, *title, *url, *occasion_title, *occasion_kind, *said_on, *county;
};

struct cand_form {
    const char *person, *office, *summary, *quote, *topic, *agency, *target_on, *cue;
    bool accept;
    struct promise_errors errs;
};

static const char *or_empty(const char *s) { return s ? s : ""; }

/* --- the first form ------------------------------------------------------------- */

static void render_intake_form(struct http_req *req, struct http_resp *resp,
                               const struct shared *sh, const char *error_fa) {
    buf *b = &resp->body;
    pv_begin(req, b, "دریافت خبر", "/promises");
    html_raw(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n<h1>دریافت خبر</h1>\n"
                "<p class=\"lead\">متن خبر را بچسبانید یا پرونده .txt یا .html آن را بفرستید. "
                "سامانه جمله‌هایی را که در آن‌ها تعهدی هست، با گوینده و سمت او، پیشنهاد می‌دهد؛ "
                "تا شما نپذیرید چیزی ثبت نمی‌شود.</p>\n");
    html_fmt(b,
             "<form method=\"post\" action=\"/promises/intake\" enctype=\"multipart/form-data\" "
             "class=\"card stack\" novalidate>\n<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n"
             "<label for=\"article\">متن خبر</label>\n<textarea id=\"article\" name=\"article\" "
             "class=\"article\" rows=\"14\"%s>%s</textarea>\n",
             web_ctx(req)->csrf,
             error_fa ? " aria-invalid=\"true\" aria-describedby=\"err-article\"" : "",
             sh ? or_empty(sh->article) : "");
    if (error_fa) html_fmt(b, "<p class=\"field-error\" id=\"err-article\" role=\"alert\">%s</p>\n", error_fa);
    html_fmt(b,
             "<label for=\"file\">یا پرونده خبر (.txt یا .html، حداکثر ۵۱۲ کیلوبایت)</label>\n"
             "<input id=\"file\" name=\"file\" type=\"file\" accept=\".txt,.html,.htm,text/plain,"
             "text/html\">\n<label for=\"url\">نشانی خبر</label>\n"
             "<input id=\"url\" name=\"url\" dir=\"ltr\" value=\"%s\" placeholder=\"https://…\">\n"
             "<button type=\"submit\">پیشنهاد وعده‌ها</button>\n</form>\n",
             sh ? or_empty(sh->url) : "");
    layout_end(b);
}

void page_promise_intake(struct http_req *req, struct http_resp *resp) {
    render_intake_form(req, resp, NULL, NULL);
}

/* --- the review form ------------------------------------------------------------ */

static void render_review(struct http_req *req, struct http_resp *resp, const struct shared *sh,
                          struct cand_form *cs, int n, const struct extract_result *r,
                          const char *alert) {
    buf *b = &resp->body;
    pv_begin(req, b, "وعده‌های پیشنهادی", "/promises");
    html_raw(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a> · <a href=\"/promises/intake\">"
                "دریافت خبر</a></p>\n<h1>وعده‌های پیشنهادی</h1>\n");
    if (alert) html_fmt(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", alert);
    if (r && r->npeople) {
        html_raw(b, "<section class=\"card\"><h2>نام‌ها و سمت‌هایی که خبر آورده است</h2><ul>");
        for (int i = 0; i < r->npeople; i++)
            html_fmt(b, *r->people[i].office ? "<li>%s، %s</li>" : "<li>%s%s</li>",
                     r->people[i].name, r->people[i].office);
        html_raw(b, "</ul>");
        if (r->noffices) {
            html_raw(b, "<h3>سمت‌ها</h3><ul>");
            for (int i = 0; i < r->noffices; i++) html_fmt(b, "<li>%s</li>", r->offices[i]);
            html_raw(b, "</ul>");
        }
        html_raw(b, "</section>\n");
    }
    /* Errors in the shared fields come from any candidate's validation. */
    const struct promise_errors *shared_errs = NULL;
    for (int i = 0; i < n; i++)
        if (cs[i].errs.n) shared_errs = &cs[i].errs;
    html_fmt(b,
             "<form method=\"post\" action=\"/promises/intake/accept\" class=\"stack\" novalidate>\n"
             "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n"
             "<textarea name=\"article\" hidden>%s</textarea>\n"
             "<input type=\"hidden\" name=\"n\" value=\"%d\">\n"
             "<section class=\"card\"><h2>منبع و مناسبت</h2><div class=\"grid2\">\n",
             web_ctx(req)->csrf, or_empty(sh->article), n);
    pv_input(b, "title", "عنوان خبر", sh->title, NULL, NULL, "");
    pv_input(b, "url", "نشانی خبر", sh->url, "https://…", shared_errs, "source_url");
    pv_input(b, "said_on", "تاریخ وعده‌ها (شمسی) *", sh->said_on, "۱۴۰۳/۰۵/۱۲", shared_errs,
               "said_on");
    pv_input(b, "county", "شهرستان", sh->county, NULL, shared_errs, "county");
    pv_input(b, "occasion_title", "مناسبت", sh->occasion_title, "مانند: بازدید از …",
               shared_errs, "occasion_title");
    html_raw(b, "<div><label for=\"occasion_kind\">نوع مناسبت</label><select id=\"occasion_kind\" "
                "name=\"occasion_kind\">");
    for (int k = 0; k < OCC_COUNT; k++)
        pv_option(b, occasion_kind_code(k), occasion_kind_label_fa(k),
                  !strcmp(or_empty(sh->occasion_kind), occasion_kind_code(k)));
    html_raw(b, "</select></div>\n</div></section>\n");
    if (!n)
        html_raw(b, "<p class=\"empty\">در این خبر جمله‌ای با تعهد پیدا نشد.</p>\n");
    for (int i = 0; i < n; i++) {
        struct cand_form *c = &cs[i];
        char num[32];
        fa_num_format_i64(i + 1, num, sizeof num);
        html_fmt(b, "<fieldset class=\"candidate\" id=\"c%d\"><legend>پیشنهاد %s</legend>\n", i, num);
        if (c->cue && *c->cue) html_fmt(b, "<p class=\"cue\">نشانه تعهد: «%s»</p>\n", c->cue);
        html_fmt(b, "<input type=\"hidden\" name=\"cue_%d\" value=\"%s\">\n"
                    "<label class=\"accept\"><input type=\"checkbox\" name=\"accept_%d\" value=\"1\"%s> "
                    "این وعده را بپذیر</label>\n<div class=\"grid2\">\n",
                 i, or_empty(c->cue), i, c->accept ? " checked" : "");
        char name[32];
        snprintf(name, sizeof name, "person_%d", i);
        pv_input(b, name, "گوینده *", c->person, NULL, &c->errs, "person");
        snprintf(name, sizeof name, "office_%d", i);
        pv_input(b, name, "سمت", c->office, NULL, &c->errs, "office");
        snprintf(name, sizeof name, "summary_%d", i);
        pv_input(b, name, "خلاصه وعده *", c->summary, NULL, &c->errs, "summary");
        snprintf(name, sizeof name, "topic_%d", i);
        pv_input(b, name, "موضوع", c->topic, NULL, &c->errs, "topic");
        snprintf(name, sizeof name, "agency_%d", i);
        pv_input(b, name, "دستگاه مسئول", c->agency, NULL, &c->errs, "agency");
        snprintf(name, sizeof name, "target_on_%d", i);
        pv_input(b, name, "موعد تحقق (شمسی)", c->target_on, "۱۴۰۴/۱۲/۲۹", &c->errs, "target_on");
        html_fmt(b, "</div>\n<label for=\"quote_%d\">متن وعده *</label><textarea id=\"quote_%d\" "
                    "name=\"quote_%d\" rows=\"4\"",
                 i, i, i);
        pv_invalid_attrs(b, &c->errs, "quote");
        html_fmt(b, ">%s</textarea>\n", or_empty(c->quote));
        pv_field_error(b, &c->errs, "quote");
        html_raw(b, "</fieldset>\n");
    }
    html_raw(b, "<button type=\"submit\">ثبت وعده‌های پذیرفته</button>\n</form>\n");
    layout_end(b);
}

/* The first words of a candidate as its one-line summary. */
static const char *summary_of(arena *a, const char *text) {
    size_t words = 0, i = 0, n = strlen(text);
    for (; i < n; i++)
        if (text[i] == ' ' && ++words == 14) break;
    if (i >= n) return text;
    char *s = arena_printf(a, "%.*s…", (int)i, text);
    return s ? s : text;
}

static void article_error(struct http_req *req, struct http_resp *resp, const struct shared *sh,
                          int rc, const char *fa) {
    resp->status = rc == ARTICLE_TOO_LARGE ? 413 : 422;
    render_intake_form(req, resp, sh, fa);
}

void action_promise_intake(struct http_req *req, struct http_resp *resp) {
    struct shared sh = {0};
    sh.article = http_form(req, "article");
    sh.url = http_form(req, "url");
    const char *raw = or_empty(sh.article);
    size_t raw_len = strlen(raw);
    bool html = false;
    const struct multipart_part *file = multipart_get(&req->parts, "file");
    if (file && file->filename && file->len) {
        raw = file->data;
        raw_len = file->len;
        const char *ext = file->filename ? strrchr(file->filename, '.') : NULL;
        html = (ext && (!strcmp(ext, ".html") || !strcmp(ext, ".htm"))) ||
               (file->content_type && strstr(file->content_type, "html"));
        sh.article = NULL; /* the file, not the textarea, is what the form showed */
    }
    const char *text;
    size_t len;
    bool converted;
    fa_err err = {0};
    int rc = promise_article_text(raw, raw_len, html, req->a, &text, &len, &converted, &err);
    if (rc != ARTICLE_OK) {
        article_error(req, resp, &sh, rc, err.fa);
        return;
    }
    struct extract_result *r = arena_alloc(req->a, sizeof *r);
    if (!r || promise_extract(text, len, req->a, r) != 0) {
        web_server_error(req, resp);
        return;
    }
    sh.article = text;
    sh.title = r->title;
    sh.occasion_title = r->title;
    sh.occasion_kind = "visit";
    int n = r->n < INTAKE_MAX ? r->n : INTAKE_MAX;
    struct cand_form *cs = arena_calloc(req->a, (size_t)(n ? n : 1), sizeof *cs);
    if (!cs) {
        web_server_error(req, resp);
        return;
    }
    for (int i = 0; i < n; i++) {
        const struct extract_candidate *c = &r->c[i];
        cs[i] = (struct cand_form){.person = c->speaker, .office = c->office,
                                   .summary = summary_of(req->a, c->text), .quote = c->text,
                                   .cue = c->cue};
    }
    render_review(req, resp, &sh, cs, n,  r,
                  converted ? "متن با کدگذاری Windows-1256 خوانده و به UTF-8 برگردانده شد." : NULL);
}

static const char *form_i(struct http_req *req, const char *name, int i) {
    return http_form(req, arena_printf(req->a, "%s_%d", name, i));
}

void action_promise_intake_accept(struct http_req *req, struct http_resp *resp) {
    struct shared sh = {http_form(req, "article"),        http_form(req, "title"),
                        http_form(req, "url"),            http_form(req, "occasion_title"),
                        http_form(req, "occasion_kind"),  http_form(req, "said_on"),
                        http_form(req, "county")};
    const char *ntext = http_form(req, "n");
    long n = ntext ? strtol(ntext, NULL, 10) : 0;
    if (n < 0 || n > INTAKE_MAX) n = 0;
    const char *article;
    size_t alen;
    bool converted;
    fa_err aerr = {0};
    int arc = promise_article_text(or_empty(sh.article), strlen(or_empty(sh.article)), false,
                                   req->a, &article, &alen, &converted, &aerr);
    if (arc != ARTICLE_OK) {
        article_error(req, resp, &sh, arc, aerr.fa);
        return;
    }
    struct cand_form *cs = arena_calloc(req->a, (size_t)(n ? n : 1), sizeof *cs);
    struct promise_clean *clean = arena_calloc(req->a, (size_t)(n ? n : 1), sizeof *clean);
    if (!cs || !clean) {
        web_server_error(req, resp);
        return;
    }
    char today[11];
    promise_iso_date(clock_now(), today);
    int accepted = 0, refused = 0;
    for (int i = 0; i < n; i++) {
        struct cand_form *c = &cs[i];
        *c = (struct cand_form){form_i(req, "person", i),  form_i(req, "office", i),
                                form_i(req, "summary", i), form_i(req, "quote", i),
                                form_i(req, "topic", i),   form_i(req, "agency", i),
                                form_i(req, "target_on", i), form_i(req, "cue", i),
                                form_i(req, "accept", i) != NULL, {0}};
        if (!c->accept) continue;
        accepted++;
        struct promise_input in = {c->person, c->office, sh.said_on, sh.county, c->topic,
                                   c->summary, c->quote, c->agency, c->target_on, sh.url,
                                   sh.occasion_title, sh.occasion_kind};
        if (promise_validate(&in, today, req->a, &clean[i], &c->errs) != 0) refused++;
    }
    if (!accepted || refused) {
        resp->status = 422;
        render_review(req, resp, &sh, cs, (int)n, NULL,
                      !accepted ? "هیچ وعده‌ای پذیرفته نشده است؛ دست‌کم یکی را برگزینید."
                                : "وعده‌ها ثبت نشدند؛ خطاهای کنار فیلدها را برطرف کنید.");
        return;
    }
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    int64_t article_id = 0;
    const char *title = or_empty(sh.title), *url = NULL;
    for (int i = 0; i < n && !url; i++)
        if (cs[i].accept) url = clean[i].source_url;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = store_promise_article_add(db, &ctx->user, title, url, article, req->client_ip,
                                       &article_id);
    for (int i = 0; i < n && rc == STORE_OK; i++)
        if (cs[i].accept)
            rc = store_promise_create(db, &ctx->user, &clean[i], article_id, title, req->client_ip,
                                      NULL);
    if (rc == STORE_OK) rc = store_commit(db);
    else store_rollback(db);
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    http_redirect(resp, arena_printf(req->a, "/promises/articles/%lld", (long long)article_id));
}
