/* pages_home — the home page (پیشخوان): for the public, what Tashil is and where to
 * go; for a signed-in person, a greeting and what their role can do. */
#include <string.h>

#include "view/html.h"
#include "view/layout.h"
#include "web/app.h"

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
    } else {
        html_fmt(b, "<section class=\"card\"><h2>خوش آمدید، %s</h2>\n", ctx->user.display_name);
        for (size_t i = 0; i < sizeof role_tasks / sizeof *role_tasks; i++) {
            if (!(role_tasks[i].roles & ctx->role)) continue;
            html_fmt(b, "<p><strong>%s:</strong> %s</p>\n", role_tasks[i].title,
                     role_tasks[i].text);
        }
        html_raw(b, "</section>\n");
    }
    layout_end(b);
}
