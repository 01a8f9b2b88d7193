/*
 * dupes.h - a clean customer base: likely duplicates (dupes), merge and
 * unmerge of contacts and accounts.
 *
 * Names are compared through two keys built by crm_name_keys():
 *   fold  case-folded, accents removed, tokens sorted ("ann müller" ->
 *         "ann muller"): equal means "same name ignoring case and accents";
 *   skel  fold transliterated to Latin (Cyrillic: Иванов -> ivanov) and
 *         simplified (y/j -> i, w -> v, kh -> h, ph -> f, q -> k, x -> ks,
 *         doubled letters once): equal means "same name after
 *         transliteration", a candidate rather than a certainty.
 * Finding duplicates never compares every pair: records are grouped by
 * blocking keys (email key, E.164 phone key, name skeleton, surname prefix
 * and suffix with the first initial, website domain) and only pairs inside
 * a block are scored.
 */
#ifndef CRM_DUPES_H
#define CRM_DUPES_H

#include <stdint.h>

#include "buf.h"
#include "tool.h"

/* The fold and skeleton keys of a name (several parts joined by spaces).
 * strip_legal drops legal forms (llc, gmbh, ооо, ...) for organisations. */
void crm_name_keys(const char *name, int strip_legal, struct crm_buf *fold, struct crm_buf *skel);

/* Levenshtein distance of a and b, or max + 1 when it is larger than max. */
int crm_edit_distance(const char *a, const char *b, int max);

/* The host of a web address without "www." ("https://www.Acme.com/x" ->
 * "acme.com"), appended to out; nothing for an empty one. */
void crm_url_domain(const char *url, struct crm_buf *out);

/* Verbs (contact and account). */
int crm_verb_dupes(struct crm_tool *t);
int crm_verb_merge(struct crm_tool *t);
int crm_verb_unmerge(struct crm_tool *t);

/* After an insert by add or import: a note on stderr naming an existing
 * record that is likely the same (score >= 40: the same name alone).  With count, *count is
 * incremented for each one found and only the first 20 are noted.  Does
 * nothing for entities without duplicate rules. */
int crm_dupes_warn_new(struct crm_tool *t, int64_t id, size_t *count);

/* Options of the verbs above (the macro for tools with more options). */
#define CRM_DUPES_OPTS                                                                           \
    {"min-score", 0, CRM_OPT_ARG, "N", NULL, "dupes: pairs scoring at least N of 100 (default 50)"}, \
    {"by", 0, CRM_OPT_ARG, "RULE,...", "email|phone|name|website",                                \
     "dupes: compare by these rules only (email, phone, name, website)"},                         \
    {"clusters", 0, CRM_OPT_FLAG, NULL, NULL,                                                     \
     "dupes: one row per record of each group of duplicates, instead of pairs"},                  \
    {"prefer", 0, CRM_OPT_ARG, "WHICH", "keep|newest|oldest",                                     \
     "merge: whose values win where both have one (default keep: only empty fields are filled)"}
extern const struct crm_opt crm_dupes_opts[];

#endif
