/*
 * crm-account - organisations: customers, prospects, partners, resellers,
 * suppliers, competitors.  `show` includes the account's contacts (the
 * derived field "contacts"); `delete` refuses an account with contacts
 * unless --cascade or --move-to says what becomes of them.  `view` is the
 * one-page customer view (lib/view.c).
 */
#include "view.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-account", &crm_entity_account, crm_view_verbs, NULL, argc, argv);
}
