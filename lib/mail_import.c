/*
 * mail_import.c - crm-activity import-mail: one email activity per message
 * and matched contact (mail.c reads the messages).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activity.h"
#include "entity.h"
#include "link.h"
#include "mail.h"
#include "value.h"

struct mimport {
    struct crm_tool *t;
    const char *source;   /* file or folder name for messages */
    const char *msgname;  /* Maildir: the message's file name */
    int skip_bad;
    size_t messages, added, already, unmatched, bad;
};

static int lookup(struct crm_tool *t, const char *sql, const char *key, int64_t *id, int *found)
{
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, sql);
    crm_sql_bind_text(&q, key);
    int rc = crm_db_scalar_int(t->db, &q, id, found, &t->err);
    crm_sql_free(&q);
    return rc;
}

/* The case-folded key of an address, or 0 when it is no valid address. */
static int addr_key(struct crm_tool *t, const char *addr, struct crm_buf *key)
{
    struct crm_buf norm = CRM_BUF_INIT;
    struct crm_err err = {0};
    crm_buf_reset(key);
    int ok = crm_value_parse_email(addr, &norm, key, &err) == CRM_OK;
    crm_buf_free(&norm);
    (void)t;
    return ok;
}

struct match {
    int64_t contact;
    int from; /* the contact is the sender */
};

static int set(struct crm_tool *t, struct crm_rec *r, const char *field, const char *v)
{
    return crm_rec_set(t, r, crm_ent_field(&t->ent, field), v, NULL);
}

static int record(struct mimport *mi, const struct crm_mail *m, const struct match *mt,
                  const char *owner)
{
    struct crm_tool *t = mi->t;
    int64_t one, id;
    int found, rc;
    struct crm_sql q = CRM_SQL_INIT;
    crm_sql_add(&q, "SELECT 1 FROM activity WHERE message_id = ");
    crm_sql_bind_text(&q, m->message_id);
    crm_sql_add(&q, " AND contact_id = ");
    crm_sql_bind_int(&q, mt->contact);
    rc = crm_db_scalar_int(t->db, &q, &one, &found, &t->err);
    crm_sql_free(&q);
    if (rc)
        return rc;
    if (found) {
        mi->already++;
        return CRM_OK;
    }
    struct crm_rec r;
    char when[21];
    crm_value_epoch_datetime(m->has_date ? m->date : t->ctx.now, when);
    crm_rec_init(&r, t->ent.nfields);
    size_t ci = crm_rec_index(t, "contact");
    r.v[ci].kind = CRM_SV_INT;
    r.v[ci].i = mt->contact;
    r.set[ci] = 1;
    if ((rc = set(t, &r, "kind", "email")) == CRM_OK &&
        (rc = set(t, &r, "occurred_at", when)) == CRM_OK &&
        (rc = set(t, &r, "message_id", m->message_id)) == CRM_OK &&
        (rc = set(t, &r, "direction", mt->from ? "in" : "out")) == CRM_OK &&
        (rc = set(t, &r, "owner", owner)) == CRM_OK &&
        (!m->subject || (rc = set(t, &r, "subject", m->subject)) == CRM_OK) &&
        (!m->body || (rc = set(t, &r, "body", m->body)) == CRM_OK))
        rc = crm_rec_insert(t, &r, &id);
    crm_rec_free(&r);
    if (rc == CRM_OK)
        mi->added++;
    return rc;
}

static void where(struct mimport *mi, size_t number, struct crm_buf *b)
{
    if (mi->msgname)
        crm_buf_printf(b, "%s", mi->msgname);
    else
        crm_buf_printf(b, "%s: message %zu", mi->source, number);
}

static int one_message(const char *data, size_t n, size_t number, void *arg)
{
    struct mimport *mi = arg;
    struct crm_tool *t = mi->t;
    struct crm_mail m;
    struct crm_err perr = {0};
    int rc;
    mi->messages++;
    if (crm_mail_parse(data, n, &m, &perr) != CRM_OK) {
        struct crm_buf w = CRM_BUF_INIT;
        where(mi, number, &w);
        if (mi->skip_bad) {
            crm_tool_note(t, "import-mail: %s: %s (skipped)", crm_buf_str(&w), perr.msg);
            mi->bad++;
            rc = CRM_OK;
        } else {
            rc = crm_err_set(&t->err, CRM_DATAERR,
                             "%s: %s; nothing imported (--skip-bad skips such messages)",
                             crm_buf_str(&w), perr.msg);
        }
        crm_buf_free(&w);
        crm_mail_free(&m);
        return rc;
    }
    /* From first: a contact who sent it is "in"; To and Cc are "out". */
    const char *lists[] = {m.from_raw, m.to_raw, m.cc_raw};
    struct match *mt = NULL;
    size_t nmt = 0;
    const char *owner = t->ctx.user;
    char *owner_found = NULL;
    struct crm_buf key = CRM_BUF_INIT;
    rc = CRM_OK;
    for (int l = 0; l < 3 && rc == CRM_OK; l++) {
        char **addrs = NULL;
        size_t na = 0;
        if (lists[l])
            crm_mail_addresses(lists[l], &addrs, &na);
        for (size_t i = 0; i < na; i++) {
            int64_t id;
            int found;
            if (rc == CRM_OK && addr_key(t, addrs[i], &key)) {
                rc = lookup(t, "SELECT id FROM contact WHERE email_key = ", crm_buf_str(&key), &id,
                            &found);
                int dup = 0;
                for (size_t k = 0; k < nmt; k++)
                    dup |= mt[k].contact == id;
                if (rc == CRM_OK && found && !dup) {
                    mt = crm_xrealloc(mt, (nmt + 1) * sizeof *mt);
                    mt[nmt].contact = id;
                    mt[nmt++].from = l == 0;
                }
                if (rc == CRM_OK && !owner_found) {
                    /* the user who wrote or received it owns the activity */
                    struct crm_sql q = CRM_SQL_INIT;
                    struct crm_stmt *st;
                    crm_sql_add(&q, "SELECT name FROM crm_user WHERE email_key = ");
                    crm_sql_bind_text(&q, crm_buf_str(&key));
                    if ((rc = crm_db_query(t->db, &q, &st, &t->err)) == CRM_OK) {
                        int s = crm_stmt_step(st, &t->err);
                        if (s > 0)
                            owner_found = crm_xstrdup(crm_stmt_text(st, 0));
                        else if (s < 0)
                            rc = -s;
                        crm_stmt_done(st);
                    }
                    crm_sql_free(&q);
                }
            }
            free(addrs[i]);
        }
        free(addrs);
    }
    crm_buf_free(&key);
    if (owner_found)
        owner = owner_found;
    for (size_t k = 0; k < nmt && rc == CRM_OK; k++)
        rc = record(mi, &m, &mt[k], owner);
    if (rc == CRM_OK && nmt == 0) {
        struct crm_buf w = CRM_BUF_INIT;
        where(mi, number, &w);
        mi->unmatched++;
        crm_tool_note(t, "import-mail: %s <%s> \"%s\" from %s: no contact matches From, To or Cc",
                      crm_buf_str(&w), m.message_id, m.subject ? m.subject : "", m.from);
        crm_buf_free(&w);
    }
    if (rc)
        crm_err_prefix(&t->err, "%s: message %zu: ", mi->msgname ? mi->msgname : mi->source, number);
    free(owner_found);
    free(mt);
    crm_mail_free(&m);
    return rc;
}

/* A file or stdin: an mbox when it starts with a From_ line, else one message. */
static int from_memory(struct mimport *mi, const char *data, size_t n)
{
    if (n >= 5 && memcmp(data, "From ", 5) == 0)
        return crm_mbox_each(data, n, one_message, mi);
    if (n == 0)
        return CRM_OK;
    return one_message(data, n, 1, mi);
}

static int read_fd(int fd, struct crm_buf *b)
{
    char tmp[65536];
    ssize_t r;
    while ((r = read(fd, tmp, sizeof tmp)) > 0)
        crm_buf_add(b, tmp, (size_t)r);
    return r < 0 ? -1 : 0;
}

static int from_file(struct mimport *mi, const char *path)
{
    struct crm_tool *t = mi->t;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return crm_err_set(&t->err, errno == ENOENT ? CRM_NOINPUT : CRM_IOERR, "%s: %s", path,
                           strerror(errno));
    struct stat sb;
    int rc;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            rc = crm_err_set(&t->err, CRM_IOERR, "%s: %s", path, strerror(errno));
        } else {
            rc = from_memory(mi, p, (size_t)sb.st_size);
            munmap(p, (size_t)sb.st_size);
        }
    } else {
        struct crm_buf b = CRM_BUF_INIT;
        if (read_fd(fd, &b))
            rc = crm_err_set(&t->err, CRM_IOERR, "%s: %s", path, strerror(errno));
        else
            rc = from_memory(mi, crm_buf_str(&b), b.len);
        crm_buf_free(&b);
    }
    close(fd);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A Maildir: the messages of new/ and cur/, each folder in name order. */
static int from_maildir(struct mimport *mi, const char *dir)
{
    static const char *const subs[] = {"cur", "new"};
    struct crm_tool *t = mi->t;
    int any = 0, rc = CRM_OK;
    size_t number = 0;
    for (size_t s = 0; s < 2 && rc == CRM_OK; s++) {
        struct crm_buf sub = CRM_BUF_INIT;
        crm_buf_printf(&sub, "%s/%s", dir, subs[s]);
        DIR *d = opendir(crm_buf_str(&sub));
        if (!d) {
            crm_buf_free(&sub);
            continue;
        }
        any = 1;
        char **names = NULL;
        size_t nn = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            names = crm_xrealloc(names, (nn + 1) * sizeof *names);
            names[nn++] = crm_xstrdup(de->d_name);
        }
        closedir(d);
        qsort(names, nn, sizeof *names, cmp_names);
        for (size_t i = 0; i < nn; i++) {
            struct crm_buf path = CRM_BUF_INIT;
            crm_buf_printf(&path, "%s/%s", crm_buf_str(&sub), names[i]);
            struct crm_buf data = CRM_BUF_INIT;
            int fd = rc == CRM_OK ? open(crm_buf_str(&path), O_RDONLY) : -1;
            if (rc == CRM_OK && (fd < 0 || read_fd(fd, &data)))
                rc = crm_err_set(&t->err, CRM_IOERR, "%s: %s", crm_buf_str(&path), strerror(errno));
            if (fd >= 0)
                close(fd);
            if (rc == CRM_OK) {
                mi->msgname = crm_buf_str(&path);
                rc = one_message(crm_buf_str(&data), data.len, ++number, mi);
                mi->msgname = NULL;
            }
            crm_buf_free(&data);
            crm_buf_free(&path);
            free(names[i]);
        }
        free(names);
        crm_buf_free(&sub);
    }
    if (!any && rc == CRM_OK)
        rc = crm_err_set(&t->err, CRM_NOINPUT, "%s: a folder but not a Maildir (no cur/ or new/)",
                         dir);
    return rc;
}

int crm_activity_import_mail(struct crm_tool *t)
{
    if (t->npos > 1)
        return crm_err_set(&t->err, CRM_USAGE, "import-mail reads one mbox, Maildir or - (stdin)");
    const char *src = t->npos ? t->pos[0] : "-";
    struct mimport mi = {.t = t, .source = src, .skip_bad = crm_args_has(&t->args, "skip-bad")};
    int dry = crm_args_has(&t->args, "dry-run"), rc;
    struct stat sb;
    if (dry && (rc = crm_db_savepoint(t->db, "mail_dry_run", &t->err)))
        return rc;
    if (strcmp(src, "-") == 0) {
        struct crm_buf b = CRM_BUF_INIT;
        mi.source = "stdin";
        if (read_fd(0, &b))
            rc = crm_err_set(&t->err, CRM_IOERR, "stdin: %s", strerror(errno));
        else
            rc = from_memory(&mi, crm_buf_str(&b), b.len);
        crm_buf_free(&b);
    } else if (stat(src, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        rc = from_maildir(&mi, src);
    } else {
        rc = from_file(&mi, src);
    }
    if (dry && rc == CRM_OK) /* rolls back and releases */
        rc = crm_db_rollback_to(t->db, "mail_dry_run", &t->err);
    if (rc == CRM_OK)
        crm_tool_note(t,
                      "import-mail: %zu messages: %zu activities %s, %zu already recorded, "
                      "%zu matched no contact, %zu malformed skipped",
                      mi.messages, mi.added, dry ? "would be added" : "added", mi.already,
                      mi.unmatched, mi.bad);
    return rc;
}
