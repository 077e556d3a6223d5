/* pages_home — the home page (پیشخوان): for the public, what Tashil is and where to
 * go; for a signed-in person, a greeting and what their role can do. */
#include <string.h>

#include "core/clock.h"
#include "store/store_meetings.h"
#include "store/store_registry.h"
#include "text/fa_date.h"
#include "view/html.h"
#include "view/widgets.h"
#include "view/layout.h"
#include "web/app.h"
#include "web/case_web.h"
#include "web/meeting_view.h"

static const struct {
    int roles;
    const char *title, *text;
} role_tasks[] = {
    {ROLE_SECRETARIAT, "دبیرخانه کارگروه",
     "دریافت و بررسی درخواست‌ها، ارجاع به دستگاه‌ها، تنظیم دستور جلسه، ثبت صورتجلسه و "
     "مصوبات، و پیگیری مهلت‌ها."},
    {ROLE_AGENCY, "نماینده دستگاه",
     "دیدن و پاسخ دادن به پرونده‌هایی که به دستگاه شما ارجاع شده و پیگیری مصوبات آن."},
    {ROLE_PRODUCER, "تولیدکننده",
     "ثبت واحد تولیدی و موانع تولید، پاسخ به پرسش‌ها و پیگیری پرونده‌ها و مصوبات."},
    {ROLE_MEMBER, "عضو کارگروه", "جلسات، تصمیم‌ها و گزارش‌های کارگروه."},
    {ROLE_ADMIN, "مدیر سامانه", "کاربران، دستگاه‌ها، دسته‌بندی موانع و تنظیمات سامانه."},
};

static void stat(buf *b, const char *label, int64_t value, const char *href) {
    html_fmt(b, "<a class=\"stat\" href=\"%h\"><span class=\"value\">", href);
    w_int(b, value);
    html_fmt(b, "</span><span class=\"label\">%s</span></a>", label);
}

static int sector_bar(void *arg, const char *sector, int64_t units) {
    buf *b = arg;
    if (!units) return 0;
    html_fmt(b, "<li><a href=\"/units?sector=%u\">%s</a> <span class=\"num\">", sector, sector);
    w_int(b, units);
    html_raw(b, "</span></li>");
    return 0;
}

/* The registry at a glance, for the people who plan and decide. */
static void at_a_glance(struct http_req *req, buf *b) {
    store_conn *db = web_db(req, NULL);
    struct registry_counts n;
    if (!db || store_registry_counts(db, &n) != STORE_OK) return;
    char today[96];
    fa_date_format_unix(clock_now(), FA_DATE_WEEKDAY, 0, today, sizeof today);
    html_fmt(b, "<section class=\"card\"><h2>نگاه کلی — %s</h2><div class=\"stats\">", today);
    stat(b, "واحد تولیدی", n.units, "/units");
    stat(b, "نفر شاغل", n.employees, "/units?sort=employees");
    stat(b, "واحد راکد", n.idle, "/units?state=idle");
    stat(b, "واحد بدون مجوز", n.unlicensed, "/units");
    stat(b, "واحد بیرون از محدوده‌ها", n.outside_zones, "/planning");
    stat(b, "لکه صنعتی", n.spots, "/zones?kind=spot");
    stat(b, "شهرک صنعتی", n.parks, "/zones");
    html_raw(b, "</div><h3>واحدها به تفکیک بخش</h3><ul class=\"sectors\">");
    store_sector_each(db, sector_bar, b);
    html_raw(b, "</ul></section>\n");
}

/* Resolutions at a glance: counts for everyone (the public sees nothing more); the
 * viewer's own open and overdue ones for a liaison or a producer. */
static void resolutions_glance(struct http_req *req, buf *b) {
    store_conn *db = web_db(req, NULL);
    char today[11];
    struct resolution_tally t;
    if (!db) return;
    case_today(today);
    if (store_resolution_totals(db, today, &t) != STORE_OK || !t.issued) return;
    struct web_ctx *ctx = web_ctx(req);
    struct case_viewer v = web_case_viewer(req);
    bool group = meeting_viewer_sees_sessions(&v);
    html_raw(b, "<section class=\"card\"><h2>مصوبات کارگروه</h2><div class=\"stats\">");
    const char *more = group ? "/resolutions/report" : ctx->role == ROLE_PUBLIC ? "/resolutions/stats"
                                                                                : "/resolutions";
    stat(b, "مصوبه صادرشده", t.issued, more);
    html_fmt(b, "<a class=\"stat\" href=\"%h\"><span class=\"value\">", more);
    resolution_share(b, &t, 0);
    html_raw(b, "</span><span class=\"label\">اجرا شده</span></a>");
    if (group) {
        stat(b, "در دست اجرا", t.open, "/resolutions?filtered=1&open=1");
        stat(b, "سررسید گذشته", t.overdue, "/resolutions?filtered=1&overdue=1");
    } else if (ctx->role & (ROLE_AGENCY | ROLE_PRODUCER)) {
        struct resolution_filter open = {.open = true, .count = true, .limit = 1};
        struct resolution_filter late = {.overdue = true, .count = true, .limit = 1};
        int64_t nopen = 0, nlate = 0;
        store_resolution_list(db, &v, &open, NULL, NULL, &nopen);
        store_resolution_list(db, &v, &late, NULL, NULL, &nlate);
        stat(b, ctx->role == ROLE_AGENCY ? "مصوبه باز دستگاه شما" : "مصوبه باز درباره شما", nopen,
             "/resolutions?filtered=1&open=1");
        stat(b, "سررسید گذشته", nlate, "/resolutions?filtered=1&overdue=1");
    }
    html_raw(b, "</div></section>\n");
}

void page_home(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "پیشخوان", &who, "/");
    html_raw(b, "<section class=\"hero\">\n<h1>سامانه تسهیل و رفع موانع تولید</h1>\n"
                "<p>سامانه کارگروه تسهیل و رفع موانع تولید استان: از ثبت مانع تولید یک واحد تا "
                "مصوبه کارگروه و اجرای آن، و از لکه‌های صنعتی تا شهرک‌های صنعتی، همه در یک "
                "جا و قابل پیگیری.</p>\n</section>\n");
    if (ctx->role == ROLE_PUBLIC) {
        html_raw(b, "<section class=\"card\"><h2>برای تولیدکنندگان و دستگاه‌ها</h2>"
                    "<p>برای ثبت و پیگیری درخواست‌ها وارد سامانه شوید.</p>"
                    "<p><a class=\"button\" href=\"/login\">ورود به سامانه</a></p></section>\n");
        resolutions_glance(req, b);
    } else {
        html_fmt(b, "<section class=\"card\"><h2>خوش آمدید، %s</h2>\n", ctx->user.display_name);
        for (size_t i = 0; i < sizeof role_tasks / sizeof *role_tasks; i++) {
            if (!(role_tasks[i].roles & ctx->role)) continue;
            html_fmt(b, "<p><strong>%s:</strong> %s</p>\n", role_tasks[i].title,
                     role_tasks[i].text);
        }
        html_raw(b, "</section>\n");
        if (ctx->role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)) at_a_glance(req, b);
        resolutions_glance(req, b);
    }
    layout_end(b);
}
