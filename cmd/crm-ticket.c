/*
 * crm-ticket - customer requests and complaints: priority, assignment, SLA,
 * comments.  Fields in lib/model_service.c; the flow, the SLA and mail
 * intake in lib/ticket.c, lib/sla.c and lib/mail.c.
 */
#include "service.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-ticket", &crm_entity_ticket, crm_ticket_verbs, crm_ticket_opts,
                         argc, argv);
}
