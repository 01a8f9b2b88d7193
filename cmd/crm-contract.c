/*
 * crm-contract - service agreements and warranties, their terms and expiry.
 * Fields in lib/model_service.c; add, expiring and renew in lib/contract.c.
 */
#include "service.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-contract", &crm_entity_contract, crm_contract_verbs,
                         crm_contract_opts, argc, argv);
}
