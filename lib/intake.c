/*
 * intake.c - crm-ticket new-from-mail: one RFC 5322 message on stdin (a
 * mail filter pipes support mail into it) becomes a ticket, or a comment on
 * the ticket whose number its subject names ("Re: [T-000123] ...").
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "mailmsg.h"
#include "service.h"
#include "value.h"

/* The largest message taken in. */
#define MAX_MESSAGE (25u * 1024 * 1024)

/* "[T-000123]" anywhere in the subject: the number into out (>= 32). */
static int subject_number(const char *subject, char *out, size_t outlen)
{
    for (const char *p = strstr(subject, "[T-"); p; p = strstr(p + 1, "[T-")) {
        size_t n = strspn(p + 3, "0123456789");
        if (n >= 1 && n <= 18 && p[3 + n] == ']') {
            snprintf(out, outlen, "T-%.*s", (int)n, p + 3);
            return 1;
        }
    }
    return 0;
}

/* The ticket with this number: 1 and *id, or 0. */
static int ticket_by_number(struct crm_tool *t, const char *number, int64_t *id)
{
    struct crm_sql q = CRM_SQL_INIT;
    int found;
    crm_sql_add(&q, "SELECT id FROM ticket WHERE number = ");
    crm_sql_bind_text(&q, number);
    int rc = crm_db_scalar_int(t->db, &q, id, &found, &t->err);
    crm_sql_free(&q);
    return rc ? -rc : found;
}

/* The contact with this address, made when unknown (from the display name). */
static int sender_contact(struct crm_tool *t, const char *addr, const char *name, int64_t *id)
{
    const struct crm_field *cf = crm_ent_field(&t->ent, "contact");
    int rc = crm_ref_resolve(t, cf, addr, id);
    if (rc != CRM_DATAERR)
        return rc;
    crm_err_clear(&t->err);
    /* "Ann Lee" -> first_name Ann, last_name Lee; one word is a last name. */
    char *first = NULL, *last = NULL;
    if (*name) {
        const char *sp = strrchr(name, ' ');
        if (sp) {
            first = crm_xstrndup(name, (size_t)(sp - name));
            last = crm_xstrdup(sp + 1);
        } else {
            last = crm_xstrdup(name);
        }
    }
    const char *names[] = {"email", "first_name", "last_name", "source"};
    const char *vals[] = {addr, first, last, "email"};
    rc = crm_svc_insert_other(t, "contact", names, vals, 4, id);
    if (rc == CRM_OK)
        crm_tool_note(t, "new-from-mail: new contact %s (id %" PRId64 ")", addr, *id);
    free(first);
    free(last);
    return rc;
}

static int remember(struct crm_tool *t, const char *message_id, int64_t ticket)
{
    if (!message_id || !*message_id)
        return CRM_OK;
    struct crm_sql q = CRM_SQL_INIT;
    char now[21];
    crm_value_epoch_datetime(t->ctx.now, now);
    crm_sql_add(&q, "INSERT INTO ticket_mail (message_id, ticket_id, at) VALUES (");
    crm_sql_bind_text(&q, message_id);
    crm_sql_add(&q, ", ");
    crm_sql_bind_int(&q, ticket);
    crm_sql_add(&q, ", ");
    crm_sql_bind_text(&q, now);
    crm_sql_add(&q, ")");
    int rc = crm_db_exec(t->db, &q, &t->err);
    crm_sql_free(&q);
    return rc;
}

/* A message taken in before: the ticket it went to, or 0. */
static int seen_before(struct crm_tool *t, const char *message_id, int64_t *ticket)
{
    if (!message_id || !*message_id)
        return 0;
    struct crm_sql q = CRM_SQL_INIT;
    int found;
    crm_sql_add(&q, "SELECT ticket_id FROM ticket_mail WHERE message_id = ");
    crm_sql_bind_text(&q, message_id);
    int rc = crm_db_scalar_int(t->db, &q, ticket, &found, &t->err);
    crm_sql_free(&q);
    return rc ? -rc : found;
}

static int new_ticket(struct crm_tool *t, const char *subject, const char *text, int64_t contact,
                      int64_t *id)
{
    struct crm_rec r;
    char cid[24];
    int rc;
    snprintf(cid, sizeof cid, "%" PRId64, contact);
    crm_rec_init(&r, t->ent.nfields);
    const char *subj = *subject ? subject : "(no subject)";
    if ((rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "subject"), subj, NULL)) == CRM_OK &&
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "description"), text, NULL)) == CRM_OK &&
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "contact"), cid, NULL)) == CRM_OK &&
        (rc = crm_rec_set(t, &r, crm_ent_field(&t->ent, "channel"), "email", NULL)) == CRM_OK)
        rc = crm_ticket_insert(t, &r, id);
    crm_rec_free(&r);
    return rc;
}

static int take_in(struct crm_tool *t, const struct crm_msg *m, int64_t *ticket)
{
    struct crm_buf name = CRM_BUF_INIT, addr = CRM_BUF_INIT, subject = CRM_BUF_INIT,
                   norm = CRM_BUF_INIT, key = CRM_BUF_INIT;
    const char *from = crm_msg_get(m, "From"), *mid = crm_msg_get(m, "Message-ID");
    int64_t contact, id;
    char number[32];
    int rc = CRM_OK, seen;
    if (!from)
        rc = crm_err_set(&t->err, CRM_DATAERR, "the message has no From field");
    else if (crm_msg_mailbox(from, &name, &addr, &t->err) ||
             crm_value_parse_email(crm_buf_str(&addr), &norm, &key, &t->err))
        rc = crm_err_set(&t->err, CRM_DATAERR, "From: no valid sender address in '%.80s'", from);
    if (rc == CRM_OK && (seen = seen_before(t, mid, ticket)) != 0) {
        if (seen < 0)
            rc = -seen;
        else
            crm_tool_note(t, "new-from-mail: message %s was taken in already", mid);
        goto out;
    }
    crm_msg_decode_words(crm_msg_get(m, "Subject") ? crm_msg_get(m, "Subject") : "", &subject);
    if (rc == CRM_OK)
        rc = sender_contact(t, crm_buf_str(&norm), crm_buf_str(&name), &contact);
    if (rc == CRM_OK && subject_number(crm_buf_str(&subject), number, sizeof number)) {
        int got = ticket_by_number(t, number, &id);
        if (got < 0) {
            rc = -got;
        } else if (got) {
            const char *state;
            const char *body = m->text && *m->text ? m->text : crm_buf_str(&subject);
            rc = crm_ticket_customer_reply(t, id, crm_buf_str(&norm), body, &state);
            if (rc == CRM_OK)
                crm_tool_note(t, "new-from-mail: a comment on %s (now %s)%s", number, state,
                              strcmp(state, "closed") == 0
                                  ? "; it is closed: reopen it with crm-ticket reopen"
                                  : "");
            *ticket = id;
            goto remember;
        } else {
            crm_tool_note(t, "new-from-mail: no ticket %s: making a new ticket", number);
        }
    }
    if (rc == CRM_OK && (rc = new_ticket(t, crm_buf_str(&subject), m->text, contact, ticket)) == CRM_OK)
        crm_tool_note(t, "new-from-mail: new ticket from %s", crm_buf_str(&norm));
remember:
    if (rc == CRM_OK)
        rc = remember(t, mid, *ticket);
out:
    crm_buf_free(&name);
    crm_buf_free(&addr);
    crm_buf_free(&subject);
    crm_buf_free(&norm);
    crm_buf_free(&key);
    return rc;
}

int crm_intake_verb_mail(struct crm_tool *t)
{
    if (t->npos)
        return crm_err_set(&t->err, CRM_USAGE, "new-from-mail reads one message on stdin; no arguments");
    struct crm_msg m;
    int64_t ticket = 0;
    int rc = crm_msg_read(stdin, MAX_MESSAGE, &m, &t->err);
    if (rc)
        return crm_err_prefix(&t->err, "stdin: ");
    rc = take_in(t, &m, &ticket);
    crm_msg_free(&m);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &ticket, 1);
    return rc;
}
