#!/bin/bash
# crm-deal item: line items priced from price lists, discounts, taxes, exact totals.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-product add sku=SRV name=Server tax_rate=20
run crm-product add sku=SVC name=Setup unit=h tax_rate=7.5
run crm-product add sku=OLD name=Old active=false
run crm-product pricelist add Retail-2025 --to 2025-12-31
run crm-product pricelist add Retail-2026 --from 2026-01-01 --to 2026-12-31
run crm-product pricelist add US --currency USD
run crm-product pricelist add Next --from 2027-01-01
run crm-product pricelist add Yen --currency JPY
run crm-product price set SRV Retail-2025 17.00
run crm-product price set SRV Retail-2026 19.99
run crm-product price set SRV US 25.00
run crm-product price set SRV Next 21.00
run crm-product price set SRV Yen 2999
run crm-deal add name=Deal
run crm-deal add name='Yen deal' currency=JPY

run crm-deal item add 1 product=SRV qty=3 discount=10% -f csv
is_rc 0 "add a line"
is_out "id,deal,position,sku,description,qty,unit,unit_price,discount,net,tax_rate,tax,total,currency,price_list
1,1,1,SRV,Server,3.000,pcs,19.99,10.00,53.97,20.00,10.79,64.76,EUR,Retail-2026" \
    "price from the list valid on the deal's date; 59.97 - 10 % = 53.97; tax 10.794 -> 10.79"
run crm-deal show 1 -f csv --fields amount
is_out "amount
53.97" "the deal's amount is the sum of the lines"
run crm-deal item add 1 product=SVC qty=1.5 price=33.33 discount=5 -f csv --no-header
is_out "2,1,2,SVC,Setup,1.500,h,33.33,5.00,47.50,7.50,3.56,51.06,EUR," \
    "a given price: 49.995 -> 5 % off = 47.49525 -> 47.50; tax 3.5625 -> 3.56"
run crm-deal item add 1 product=SVC qty=1 price=0.05 discount=50 description='Half a nickel' -f csv --no-header
is_out "3,1,3,SVC,Half a nickel,1.000,h,0.05,50.00,0.03,7.50,0.00,0.03,EUR," \
    "0.025 rounds half away from zero to 0.03"
run crm-deal show 1 -f csv --fields amount
is_out "amount
101.50" "53.97 + 47.50 + 0.03"

# Bad input: exit 65, nothing written.
run crm-deal item add 1 product=OLD price=1
is_rc 65 "an inactive product"
is_err_like "Old is inactive" "says so"
run crm-deal item add 1 product=SRV qty=-1
is_rc 65 "a negative quantity"
run crm-deal item add 1 product=SRV qty=0
is_rc 65 "a zero quantity"
run crm-deal item add 1 product=SRV qty=1.0001
is_rc 65 "more than 3 places of quantity"
run crm-deal item add 1 product=SRV discount=101%
is_rc 65 "a discount over 100 %"
run crm-deal item add 1 product=SRV discount=-5
is_rc 65 "a negative discount"
run crm-deal item add 1 product=SRV list=US
is_rc 65 "a price list in another currency than the deal"
is_err_like "'US' is in USD, the deal in EUR" "names both currencies"
run crm-deal item add 1 product=SRV list=Next
is_rc 65 "a price list not valid on the deal's date"
run crm-deal item add 1 product=SRV price=1.234
is_rc 65 "a price with 3 places in EUR"
run crm-deal item add 1 product=NOPE price=1
is_rc 65 "an unknown product"
run crm-deal item add 1 product=SVC
is_rc 65 "no price in any valid list"
is_err_like "give price=" "says what to do"
run crm-deal item add 1 qty=1
is_rc 64 "no product"
run crm-deal item add 1 product=SRV colour=red
is_rc 64 "an unknown item field"
run crm-deal item add 99 product=SRV
is_rc 1 "a missing deal"
run crm-deal update 1 amount=5
is_rc 65 "the amount of a deal with lines is computed"
run crm-deal update 1 currency=USD
is_rc 65 "the currency of a deal with lines is fixed"
run crm-deal item list 1 -f csv --no-header
is_out "1,1,1,SRV,Server,3.000,pcs,19.99,10.00,53.97,20.00,10.79,64.76,EUR,Retail-2026
2,1,2,SVC,Setup,1.500,h,33.33,5.00,47.50,7.50,3.56,51.06,EUR,
3,1,3,SVC,Half a nickel,1.000,h,0.05,50.00,0.03,7.50,0.00,0.03,EUR," "nothing written by the refused lines"

run crm-deal item update 1 qty=4 discount=0 -f csv --no-header
is_out "1,1,1,SRV,Server,4.000,pcs,19.99,0.00,79.96,20.00,15.99,95.95,EUR,Retail-2026" "update a line"
run crm-deal item update 1 discount=200
is_rc 65 "update with a bad discount"
run crm-deal item update 99 qty=1
is_rc 1 "update of a missing line"
run crm-deal item remove 3
is_rc 0 "remove a line"
run crm-deal show 1 -f csv --fields amount
is_out "amount
127.46" "79.96 + 47.50"
run crm-deal item remove 3
is_rc 1 "remove it again"

# Yen: no minor unit.
run crm-deal item add 2 product=SRV qty=3 discount=33 -f csv --no-header
is_out "3,2,1,SRV,Server,3.000,pcs,2999,33.00,6028,20.00,1206,7234,JPY,Yen" "yen: 8997 - 33 % = 6027.99 -> 6028"
run crm-deal item add 2 product=SRV price=1.5
is_rc 65 "yen have no minor unit"
run crm-deal show 2 -f csv --fields amount,currency
is_out "amount,currency
6028.00,JPY" "the deal's amount in yen"

# Import of line items: all or nothing; each deal's amount once.
run crm-deal add name=Imported
printf 'deal,product,qty,price,discount\n3,SRV,2,,\n3,SVC,1.5,10.00,10\n' >items.csv
run crm-deal item import items.csv
is_rc 0 "import line items"
is_err_like "2 line items added" "a summary on stderr"
run crm-deal show 3 -f csv --fields amount
is_out "amount
53.48" "the amount of the imported deal: 39.98 + 13.50"
printf 'deal,product,qty\n3,SRV,1\n3,SRV,-1\n' >bad.csv
run crm-deal item import bad.csv
is_rc 65 "an import with a bad row"
is_err_like "bad.csv:3: qty: must be more than 0" "names file and line"
printf 'deal,product\nx,SRV\n' >bad2.csv
run crm-deal item import bad2.csv
is_rc 65 "a row without a deal id"
run crm-deal item list 3 -f csv --no-header
is_out "4,3,1,SRV,Server,2.000,pcs,19.99,0.00,39.98,20.00,8.00,47.98,EUR,Retail-2026
5,3,2,SVC,Setup,1.500,h,10.00,10.00,13.50,7.50,1.01,14.51,EUR," "nothing written by the refused imports"

run crm-deal add name=Copy
run crm-deal item list 3 -f csv
sed 's/^\([0-9]*\),3,/\1,4,/' "$T/out" >copy.csv
run crm-deal item import copy.csv
is_rc 0 "the output of item list is input of item import"
run crm-deal show 3 4 -f csv --fields amount
is_out "amount
53.48
53.48" "the copy has the same amount"

run crm-deal delete 1
is_rc 65 "a deal with lines is deleted only with --cascade"
run crm-product delete 1
is_rc 65 "a product on deals is not deleted"
run crm-deal history 1 -f csv
is_out_like "update,amount,127.49,127.46" "amount changes are in the deal's history"
run crm check
is_rc 0 "the database is consistent"
done_testing
