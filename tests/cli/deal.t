#!/bin/bash
# crm-deal: pipelines and stages as data, move/win/lose/reopen, stage history,
# lost reasons.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-account add name=Acme region=North
run crm-account add name=Rival type=competitor
run crm-account add name=Friend
run crm-contact add first_name=Ann email=ann@acme.example account=Acme

run crm-deal add name='Servers' account=Acme contact=ann@acme.example amount=1000 -f csv \
    --fields id,pipeline,stage,status,probability,currency,region,owner,closed_at
is_rc 0 "add a deal"
is_out "id,pipeline,stage,status,probability,currency,region,owner,closed_at
1,default,lead,open,10,EUR,North,tester," "defaults: first stage, its probability, region of the account"
run crm-deal add name='Yen deal' currency=jpy stage=qualified probability=25 -f csv \
    --fields id,stage,probability,currency
is_out "id,stage,probability,currency
2,qualified,25,JPY" "a given stage and probability; currency in upper case"

# Bad input: exit 65, nothing written.
run crm-deal add name=X stage=nope
is_rc 65 "unknown stage"
is_err_like "unknown stage 'nope' in pipeline 'default' \(stages: lead, qualified" "lists the stages"
run crm-deal add name=X pipeline=nope
is_rc 65 "unknown pipeline"
run crm-deal add name=X probability=101
is_rc 65 "probability over 100"
run crm-deal add name=X currency=XYZ
is_rc 65 "unknown currency"
run crm-deal add name=X amount=-1
is_rc 65 "negative amount"
run crm-deal add name=X competitor=Friend
is_rc 65 "a competitor must be an account of type competitor"
run crm-deal add name=X lost_reason=whim
is_rc 65 "unknown lost reason"
run crm-deal count
is_out 2 "nothing written by the refused adds"

# Pipelines.
run crm-deal pipeline stages -f csv
is_out "pipeline,position,stage,probability,kind
default,1,lead,10,open
default,2,qualified,20,open
default,3,proposal,50,open
default,4,negotiation,75,open
default,5,won,100,won
default,6,lost,0,lost" "the default pipeline"
run crm-deal pipeline add Enterprise --stages 'intro:5,pilot:40,signed:100:won,dropped:0:lost' --require-amount
is_rc 0 "add a pipeline"
run crm-deal pipeline add Enterprise --stages 'a:1,w:100:won,l:0:lost'
is_rc 65 "pipeline names are unique"
run crm-deal pipeline add Bad --stages 'a:1,w:100:won'
is_rc 65 "a pipeline needs a lost stage"
run crm-deal pipeline add Bad --stages 'a:101,w:100:won,l:0:lost'
is_rc 65 "probability 0..100"
run crm-deal pipeline add Bad --stages 'a:1,a:2,w:100:won,l:0:lost'
is_rc 65 "a stage twice"
run crm-deal pipeline add Bad --stages 'a:1,w:100:maybe,l:0:lost'
is_rc 65 "unknown kind"
run crm-deal pipeline list -f csv
is_out "name,stages,require_amount,deals
Enterprise,4,true,0
default,6,false,2" "pipeline list"
run crm-deal pipeline frob
is_rc 64 "unknown pipeline subverb"

# Stage changes.
CRM_NOW=2026-01-17T10:00:00Z run crm-deal move 1 proposal -f csv --fields id,stage,probability
is_out "id,stage,probability
1,proposal,50" "move sets the stage's probability"
run crm-deal move 1 nope
is_rc 65 "move to an unknown stage"
CRM_NOW=2026-01-20T10:00:00Z run crm-deal win 1 -f csv --fields id,stage,status,probability,closed_at
is_out "id,stage,status,probability,closed_at
1,won,won,100,2026-01-20" "win: won stage, 100 %, closed_at"
CRM_NOW=2026-01-21T10:00:00Z run crm-deal reopen 1 -f csv --fields id,stage,probability,closed_at
is_out "id,stage,probability,closed_at
1,proposal,50," "reopen goes back to the stage before, clears closed_at"
run crm-deal reopen 1
is_rc 65 "an open deal cannot be reopened"
CRM_NOW=2026-01-22T10:00:00Z run crm-deal lose 1 --reason price --competitor Rival -f csv \
    --fields id,stage,lost_reason,competitor,closed_at
is_out "id,stage,lost_reason,competitor,closed_at
1,lost,price,2,2026-01-22" "lose with a reason and a competitor"
run crm-deal lose 2 --reason whim
is_rc 65 "lose with an unknown reason"
run crm-deal lose 2
is_rc 64 "lose needs --reason"
run crm-deal lose 2 --reason price --competitor Friend
is_rc 65 "lose to an account that is no competitor"
run crm-deal show 2 -f csv --fields stage
is_out "stage
qualified" "nothing written by the refused loses"
run crm-deal reopen 1 --stage won
is_rc 65 "reopen to a closed stage"
run crm-deal reopen 1 --stage negotiation --probability 60 -f csv --fields stage,probability,lost_reason
is_out "stage,probability,lost_reason
negotiation,60," "reopen to a given stage with a probability; the lost reason goes"
echo 2 >ids
runin ids crm-deal move - proposal -f csv --fields id,stage
is_out "id,stage
2,proposal" "move ids from a pipe"
run crm-deal update 2 stage=negotiation -f csv --fields stage,probability
is_out "stage,probability
negotiation,75" "update of the stage is a stage change too"
run crm-deal move 999 won
is_rc 1 "move of a missing deal"

run crm-deal stages 1 -f csv
is_out "deal,pipeline,from,to,at,user,amount,currency,probability,days_in_from
1,default,,lead,2026-01-15T10:00:00Z,tester,1000.00,EUR,10,
1,default,lead,proposal,2026-01-17T10:00:00Z,tester,1000.00,EUR,50,2.0
1,default,proposal,won,2026-01-20T10:00:00Z,tester,1000.00,EUR,100,3.0
1,default,won,proposal,2026-01-21T10:00:00Z,tester,1000.00,EUR,50,1.0
1,default,proposal,lost,2026-01-22T10:00:00Z,tester,1000.00,EUR,0,1.0
1,default,lost,negotiation,2026-01-15T10:00:00Z,tester,1000.00,EUR,60,-7.0" "the stage history: who, when, amount, probability, days in stage"

# A pipeline that requires an amount to win.
run crm-deal add name=Ent pipeline=Enterprise -f csv --fields id,stage,probability
is_out "id,stage,probability
3,intro,5" "a deal in another pipeline"
run crm-deal win 3
is_rc 65 "won without an amount where the pipeline requires one"
is_err_like "requires an amount" "says why"
run crm-deal move 3 lead
is_rc 65 "a stage of another pipeline"
run crm-deal add name=Switch -f csv --fields id
run crm-deal update 4 pipeline=Enterprise -f csv --fields pipeline,stage,probability
is_out "pipeline,stage,probability
Enterprise,intro,5" "another pipeline without a stage: its first stage"
run crm-deal update 4 pipeline=default stage=won -f csv --fields pipeline,stage,status
is_out "pipeline,stage,status
default,won,won" "another pipeline with a stage"
run crm-deal delete 4
run crm-deal update 3 amount=5 -f csv --fields id
run crm-deal win 3 -f csv --fields stage,status
is_out "stage,status
signed,won" "won with an amount"

# Lost reasons.
run crm-deal reason add 'bad fit'
is_rc 0 "add a lost reason"
run crm-deal reason add 'bad fit'
is_rc 65 "a reason twice"
run crm-deal add name=Late -f csv --fields id
is_out "id
5" "a deleted deal's id is not given to a new deal"
run crm-deal stages 4 -f csv --no-header --fields deal
is_out_like "^4,default,lead,Enterprise|^4,Enterprise," "the deleted deal's stage history stays its own"
run crm-deal lose 5 --reason timing -f csv --fields id
run crm-deal reason list -f csv
is_out_like "^timing,1$" "reason list counts the deals"
run crm-deal reason remove 'bad fit'
is_rc 0 "remove a reason"
run crm-deal reason remove 'bad fit'
is_rc 1 "remove it again"

run crm-deal list -w "status = 'open'" -f csv --fields id
is_out "id
1
2" "filter on the derived status"
run crm-deal search servers -f csv --fields id
is_out "id
1" "full-text search"
run crm-deal summary -f csv
is_out "pipeline,position,stage,kind,currency,deals,amount,weighted
Enterprise,3,signed,won,EUR,1,5.00,5.00
default,4,negotiation,open,EUR,1,1000.00,600.00
default,4,negotiation,open,JPY,1,,
default,6,lost,lost,EUR,1,," "the pipeline summary: deals, amount, weighted per stage and currency"
run crm-deal summary -w "currency = 'JPY'" -f csv --no-header
is_out "default,4,negotiation,open,JPY,1,," "summary with a filter"
run crm-deal summary -w "colour = 1"
is_rc 64 "summary with a bad filter"
run crm-account delete 1
is_rc 65 "an account with deals is not deleted"
run crm check
is_rc 0 "the database is consistent"
done_testing
