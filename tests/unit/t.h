/*
 * t.h - a tiny TAP producer for the unit tests of lib/.  Each test program
 * prints "ok N - what" / "not ok N - what" lines and a plan, so `prove`
 * runs them all and prints one summary.
 */
#ifndef CRM_T_H
#define CRM_T_H

#include <stdio.h>
#include <string.h>

static int t_n, t_failed;

#include <stdarg.h>

static int t_ok(int cond, const char *expr, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int t_ok(int cond, const char *expr, const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    t_n++;
    printf("%sok %d - ", cond ? "" : "not ", t_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond) {
        t_failed++;
        printf("#   failed at %s:%d: %s\n", file, line, expr);
    }
    return cond;
}

#define T_OK(cond, ...) t_ok(!!(cond), #cond, __FILE__, __LINE__, __VA_ARGS__)

#define T_STR(got, want, ...)                                                                    \
    do {                                                                                         \
        const char *t_g_ = (got), *t_w_ = (want);                                                \
        int t_c_ = (t_g_ && t_w_) ? strcmp(t_g_, t_w_) == 0 : t_g_ == t_w_;                      \
        T_OK(t_c_, __VA_ARGS__);                                                                 \
        if (!t_c_)                                                                               \
            printf("#   got '%s'\n#  want '%s'\n", t_g_ ? t_g_ : "(null)",                       \
                   t_w_ ? t_w_ : "(null)");                                                      \
    } while (0)

#define T_INT(got, want, ...)                                                                    \
    do {                                                                                         \
        long long t_g_ = (long long)(got), t_w_ = (long long)(want);                             \
        T_OK(t_g_ == t_w_, __VA_ARGS__);                                                         \
        if (t_g_ != t_w_)                                                                        \
            printf("#   got %lld, want %lld\n", t_g_, t_w_);                                     \
    } while (0)

static inline int t_done(void)
{
    printf("1..%d\n", t_n);
    return t_failed ? 1 : 0;
}

#endif
