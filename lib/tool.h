/*
 * tool.h - the frame of every executable: parse the command line, find the
 * verb, open the database, run the verb inside one transaction, print the
 * error and map it to the exit status.  A tool's main() is one call:
 *
 *   return crm_tool_main("crm-contact", &crm_entity_contact, contact_verbs,
 *                        contact_opts, argc, argv);
 *
 * With an entity, the generic verbs of entity.h (add, show, list, update,
 * delete, import, export, count, search, history, restore) follow the tool's
 * own verbs.
 */
#ifndef CRM_TOOL_H
#define CRM_TOOL_H

#include <stdio.h>

#include "db.h"
#include "err.h"
#include "field.h"
#include "model.h"
#include "opt.h"
#include "out.h"

struct crm_tool;

struct crm_verb {
    const char *name;
    const char *args;          /* synopsis of the positional arguments */
    const char *help;          /* one line */
    const char *const *opts;   /* options beyond the common ones, NULL-terminated (or NULL) */
    int (*run)(struct crm_tool *t);
    enum crm_db_mode mode;     /* read or write transaction */
    int nodb;                  /* runs without opening the database */
};

struct crm_tool {
    const char *prog;                 /* "crm-contact" */
    const struct crm_entity *def;     /* NULL for crm's own verbs */
    struct crm_ent ent;               /* def's fields with the custom ones */
    const struct crm_verb *verb;
    const struct crm_verb *const *verbs; /* every verb, NULL-terminated */
    const struct crm_opt *const *opt_tables;
    struct crm_args args;
    char **pos;                       /* positional arguments after the verb */
    size_t npos;
    struct crm_ctx ctx;
    struct crm_db *db;
    struct crm_err err;
    enum crm_outfmt fmt;
    const char *docfmt;               /* -f of a document format the verb writes itself:
                                         one it lists as "format=NAME" among its opts
                                         ("ics"), or for a verb listing "format" itself any
                                         -f value that is no printer format (txt, md, html),
                                         for the verb to check; NULL otherwise */
    struct crm_out_opts oopts;
    int quiet;
    struct crm_ent **related;         /* lazily loaded views of related entities */
    size_t nrelated;
};

int crm_tool_main(const char *prog, const struct crm_entity *def, const struct crm_verb *verbs,
                  const struct crm_opt *opts, int argc, char **argv);

/* The run-time view (with custom fields) of another entity, loaded once. */
const struct crm_ent *crm_tool_related(struct crm_tool *t, const char *entity);

/* A message on stderr ("crm-contact: import: ..."), unless --quiet. */
void crm_tool_note(struct crm_tool *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Start a printer on stdout with the tool's format and options. */
struct crm_out *crm_tool_out(struct crm_tool *t, const struct crm_col *cols, size_t ncols);

/* Load the custom fields of an entity into a view. */
int crm_tool_load_custom(struct crm_tool *t, struct crm_ent *e);

#endif
