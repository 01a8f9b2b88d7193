/*
 * crm-kb - the knowledge base of known problems and their solutions.
 * Fields in lib/model_service.c; suggest and vote in lib/kb.c.
 */
#include "service.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-kb", &crm_entity_kb, crm_kb_verbs, crm_kb_opts, argc, argv);
}
