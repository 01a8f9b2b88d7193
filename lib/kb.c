/*
 * kb.c - the verbs of crm-kb beyond the generic ones: suggest (rank the
 * published articles for a ticket) and vote (helpful or not).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "service.h"
#include "utf8.h"

/* At most this many distinct words of a ticket go into the query. */
#define SUGGEST_MAX_WORDS 32

/* Words that say nothing about a problem: they would match almost every
 * article and cost the ranking its time (English, Ukrainian, Russian). */
static const char *const stopwords[] = {
    "the", "and", "for", "with", "that", "this", "from", "after", "before", "since", "when",
    "what", "which", "there", "their", "have", "has", "had", "not", "are", "was", "were", "been",
    "but", "can", "cannot", "does", "doesn", "don", "did", "our", "your", "you", "they", "them",
    "its", "any", "all", "some", "still", "also", "again", "please", "hello", "thanks", "thank",
    "regards", "dear", "just", "will", "would", "could", "should", "into", "over", "about",
    "then", "than", "now", "how", "why", "who", "where", "works", "work", "working",
    "при", "для", "що", "як", "але", "або", "вже", "ще", "після", "коли", "мені", "нас", "вас",
    "добрий", "день", "дякую", "будь", "ласка", "это", "что", "как", "или", "уже", "еще",
    "ещё", "после", "когда", "мне", "вам", "здравствуйте", "спасибо", "пожалуйста", NULL};

static int is_stopword(const char *w, size_t len)
{
    struct crm_buf folded = CRM_BUF_INIT;
    crm_utf8_fold(&folded, w, len);
    int hit = 0;
    for (size_t i = 0; stopwords[i] && !hit; i++)
        hit = strcmp(stopwords[i], crm_buf_str(&folded)) == 0;
    crm_buf_free(&folded);
    return hit;
}

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * An FTS5 query matching any word of `text` (3 letters or more, not a
 * stopword; each once, case-folded), each quoted:
 * "printer" OR "jams" OR ...  bm25 then ranks the articles that share the
 * rarest words and the most of them first.  Returns the number of words.
 */
static size_t words_query(const char *text, struct crm_buf *out)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < SUGGEST_MAX_WORDS) {
        while (*p && !is_word_byte((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && is_word_byte((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - w);
        size_t chars = 0;
        for (size_t i = 0; i < len; i++)
            chars += ((unsigned char)w[i] & 0xC0) != 0x80;
        if (chars < 3 || is_stopword(w, len))
            continue;
        struct crm_buf folded = CRM_BUF_INIT;
        crm_utf8_fold(&folded, w, len);
        char *word = crm_buf_detach(&folded);
        struct crm_buf quoted = CRM_BUF_INIT;
        crm_buf_printf(&quoted, "\"%s\"", word);
        if (!strstr(crm_buf_str(out), crm_buf_str(&quoted))) {
            if (out->len)
                crm_buf_puts(out, " OR ");
            crm_buf_puts(out, crm_buf_str(&quoted));
            n++;
        }
        crm_buf_free(&quoted);
        free(word);
    }
    return n;
}

static int verb_suggest(struct crm_tool *t)
{
    if (t->npos != 1)
        return crm_err_set(&t->err, CRM_USAGE, "usage: suggest TICKET (a ticket id or number)");
    struct crm_field ref = {"ticket", CRM_T_REF, 0, NULL, NULL, "ticket", NULL, 0, NULL, NULL};
    int64_t id;
    int rc = crm_ref_resolve(t, &ref, t->pos[0], &id);
    if (rc == CRM_DATAERR)
        return crm_err_set(&t->err, CRM_NOTFOUND, "no ticket '%s'", t->pos[0]);
    if (rc)
        return rc;
    struct crm_buf subject = CRM_BUF_INIT, desc = CRM_BUF_INIT, text = CRM_BUF_INIT,
                   match = CRM_BUF_INIT;
    int null;
    if ((rc = crm_svc_get_text(t, "ticket", "subject", id, &subject, &null)) >= 0 &&
        (rc = crm_svc_get_text(t, "ticket", "description", id, &desc, &null)) >= 0) {
        rc = CRM_OK;
        crm_buf_printf(&text, "%s %s", crm_buf_str(&subject), crm_buf_str(&desc));
        if (words_query(crm_buf_str(&text), &match) == 0) {
            crm_tool_note(t, "ticket %s has no words to look for", t->pos[0]);
        } else {
            struct crm_sql cond = CRM_SQL_INIT;
            crm_sql_add(&cond, "kb_article.status = 'published'");
            crm_args_default(&t->args, "limit", "5");
            rc = crm_entity_print_match(t, crm_buf_str(&match), &cond);
            crm_sql_free(&cond);
        }
    } else {
        rc = -rc;
    }
    crm_buf_free(&subject);
    crm_buf_free(&desc);
    crm_buf_free(&text);
    crm_buf_free(&match);
    return rc;
}

static int verb_vote(struct crm_tool *t)
{
    if (t->npos != 2 || (strcmp(t->pos[1], "up") != 0 && strcmp(t->pos[1], "down") != 0))
        return crm_err_set(&t->err, CRM_USAGE, "usage: vote ID up|down");
    int64_t id;
    int rc = crm_svc_record_id(t, t->pos[0], &id);
    if (rc)
        return rc;
    const char *field = strcmp(t->pos[1], "up") == 0 ? "helpful" : "not_helpful";
    struct crm_buf cur = CRM_BUF_INIT, next = CRM_BUF_INIT;
    int null;
    rc = crm_svc_get_text(t, "kb_article", field, id, &cur, &null);
    if (rc >= 0) {
        crm_buf_printf(&next, "%lld", atoll(crm_buf_str(&cur)) + 1);
        const char *names[] = {field};
        const char *vals[] = {crm_buf_str(&next)};
        rc = crm_svc_change(t, id, names, vals, 1);
    } else {
        rc = -rc;
    }
    crm_buf_free(&cur);
    crm_buf_free(&next);
    if (rc == CRM_OK)
        rc = crm_entity_show_ids(t, &id, 1);
    return rc;
}

static const char *const suggest_opts[] = {NULL};

const struct crm_opt crm_kb_opts[] = {
    {NULL, 0, 0, NULL, NULL, NULL},
};

const struct crm_verb crm_kb_verbs[] = {
    {"suggest", "TICKET", "the published articles best matching a ticket (default --limit 5)",
     suggest_opts, verb_suggest, CRM_DB_READ, 0},
    {"vote", "ID up|down", "count a helpful (up) or not-helpful (down) vote", NULL, verb_vote,
     CRM_DB_WRITE, 0},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};
