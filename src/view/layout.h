/* layout — the frame of every page: <html lang="fa" dir="rtl">, the stylesheet and
 * font (content-hashed URLs), the navigation for the signed-in role, and the
 * footer. Pages write their <main> content between layout_begin and layout_end. */
#ifndef TASHIL_LAYOUT_H
#define TASHIL_LAYOUT_H

#include "core/buf.h"

struct layout_user {
    const char *display_name; /* NULL when anonymous */
    int role;                 /* enum role */
    const char *csrf;         /* for the sign-out form */
    long long unread;         /* unread notifications (the bell in the header) */
};

/* `active` is the path of the current menu entry ("/" for home). */
void layout_begin(buf *b, const char *title, const struct layout_user *who, const char *active);
void layout_end(buf *b);

/* A small error page body (used for 403/404/500 and friends). */
void layout_error_page(buf *b, int status, const char *message_fa, const struct layout_user *who);

#endif
