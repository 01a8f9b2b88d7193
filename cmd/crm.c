/*
 * crm - the dispatcher.  `crm NOUN VERB ...` runs crm-NOUN (from the
 * directory of this executable, else PATH), like git and notmuch do; its own
 * verbs work on the whole database: init, sql, check, backup, history,
 * field, and user (the users who own records, an entity like the others).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "marketing.h"
#include "tool.h"

static const char *const sql_opts[] = {"write", "safe-csv", NULL};
static const char *const history_opts[] = {"since", "safe-csv", NULL};
static const char *const field_opts[] = {"values", NULL};
static const char *const segment_opts[] = {"entity", "where", NULL};

static const struct crm_verb crm_verbs[] = {
    {"init", "", "create the database (mode 0600; never overwrites)", NULL, crm_admin_init, CRM_DB_WRITE, 1},
    {"sql", "'STATEMENT'", "run SQL (read-only unless --write)", sql_opts, crm_admin_sql, CRM_DB_READ, 0},
    {"check", "", "check integrity, foreign keys, full-text indexes", NULL, crm_admin_check, CRM_DB_READ, 0},
    {"backup", "FILE", "consistent copy of the database while others write", NULL, crm_admin_backup, CRM_DB_READ, 0},
    {"history", "", "the change feed of every record (--since CURSOR|DATE)", history_opts, crm_admin_history, CRM_DB_READ, 0},
    {"field", "add|list|remove ENTITY [NAME TYPE]", "custom fields", field_opts, crm_admin_field, CRM_DB_WRITE, 0},
    {"suppress", "add|remove|list|import|filter ...",
     "the suppression list: addresses and @domains never mailed", crm_suppress_opts,
     crm_suppress_verb, CRM_DB_WRITE, 0},
    {"segment", "add|list|show|remove|count ...", "segments: saved filters (--entity E -w EXPR)",
     segment_opts, crm_segment_verb, CRM_DB_WRITE, 0},
    {"user", "VERB ...", "users: owners of records (crm user add name=alice ...)", NULL, NULL, CRM_DB_READ, 1},
    {"help", "[NOUN]", "show the manual page of crm or of crm-NOUN", NULL, NULL, CRM_DB_READ, 1},
    {NULL, NULL, NULL, NULL, NULL, 0, 0},
};

static const char *const nouns[] = {"contact", "account", "deal", "product", "activity", "task",
                                    "ticket", "contract", "kb", "campaign", "order", "report", NULL};

static int is_noun(const char *s)
{
    for (size_t i = 0; nouns[i]; i++)
        if (strcmp(nouns[i], s) == 0)
            return 1;
    return 0;
}

/* Run crm-NOUN: first beside this executable, then on PATH. */
static int exec_noun(const char *noun, int argc, char **argv)
{
    char exe[PATH_MAX], tool[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    argv[0] = tool;
    snprintf(tool, sizeof tool, "crm-%s", noun);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char path[PATH_MAX + 64];
            snprintf(path, sizeof path, "%s/crm-%s", exe, noun);
            if (access(path, X_OK) == 0) {
                execv(path, argv);
            }
        }
    }
    execvp(tool, argv);
    fprintf(stderr, "crm: cannot run %s: %s\n", tool,
            errno == ENOENT ? "no such tool (is it installed?)" : strerror(errno));
    (void)argc;
    return errno == ENOENT ? 64 : 70;
}

static int help(int argc, char **argv)
{
    char page[64] = "crm";
    if (argc > 2 && argv[2][0] != '-')
        snprintf(page, sizeof page, "crm-%s", argv[2]);
    execlp("man", "man", page, (char *)NULL);
    fprintf(stderr, "crm: help: cannot run man: %s\n", strerror(errno));
    return 70;
}

int main(int argc, char **argv)
{
    if (argc > 1 && argv[1][0] != '-') {
        if (is_noun(argv[1]))
            return exec_noun(argv[1], argc - 1, argv + 1);
        if (strcmp(argv[1], "user") == 0)
            return crm_tool_main("crm user", &crm_entity_user, NULL, NULL, argc - 1, argv + 1);
        if (strcmp(argv[1], "help") == 0)
            return help(argc, argv);
    }
    return crm_tool_main("crm", NULL, crm_verbs, crm_admin_opts, argc, argv);
}
