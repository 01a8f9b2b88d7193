#!/bin/bash
# crm-product pricelist NAME: the generated price list, grouped by product
# group, on a date, as csv, md, html and txt.
. "$(dirname "$0")/lib.sh"

run crm init
run crm-product add sku=SRV-2 name='Big <server>' group=Hardware/Servers tax_rate=20
run crm-product add sku=SRV-1 name=Server group=Hardware/Servers tax_rate=20
run crm-product add sku=CBL name='Cable | 2m' group=Hardware unit=m tax_rate=20
run crm-product add sku=SVC name=Setup unit=h tax_rate=7.5
run crm-product add sku=OLD name=Old group=Hardware active=false
run crm-product add sku=NOP name='Not priced' group=Hardware
run crm-product pricelist add Retail --from 2026-01-01 --to 2026-12-31
run crm-product pricelist add Yen --currency JPY
for s in SRV-1:1999.90 SRV-2:2999 CBL:4.5 SVC:80 OLD:1; do
    run crm-product price set "${s%%:*}" Retail "${s#*:}"
done
run crm-product price set SRV-1 Yen 300000

run crm-product pricelist Retail --on 2026-12-01
is_rc 0 "the text price list (the default)"
is_out "Retail
Prices in EUR valid on 2026-12-01

Hardware
  CBL  Cable | 2m  4.50 EUR / m  (tax 20.00 %)

Hardware / Servers
  SRV-1  Server  1999.90 EUR / pcs  (tax 20.00 %)
  SRV-2  Big <server>  2999.00 EUR / pcs  (tax 20.00 %)

Other
  SVC  Setup  80.00 EUR / h  (tax 7.50 %)" "grouped by the group tree, sorted by sku; inactive and unpriced products left out"
run crm-product pricelist Retail -f csv
is_out "group,sku,name,unit,price,tax_rate,currency
Hardware,CBL,Cable | 2m,m,4.50,20.00,EUR
Hardware/Servers,SRV-1,Server,pcs,1999.90,20.00,EUR
Hardware/Servers,SRV-2,Big <server>,pcs,2999.00,20.00,EUR
,SVC,Setup,h,80.00,7.50,EUR" "as CSV"
run crm-product pricelist Retail -f md -w "group ~ 'Hard'" --title 'Hardware 2026'
is_out "# Hardware 2026

Prices in EUR valid on 2026-01-15.

## Hardware

| SKU | Product | Unit | Price | Tax % |
|-----|---------|------|------:|------:|
| CBL | Cable \| 2m | m | 4.50 | 20.00 |

## Hardware / Servers

| SKU | Product | Unit | Price | Tax % |
|-----|---------|------|------:|------:|
| SRV-1 | Server | pcs | 1999.90 | 20.00 |
| SRV-2 | Big <server> | pcs | 2999.00 | 20.00 |" "as Markdown, filtered with -w, with a title"
run crm-product pricelist Yen -f csv --no-header
is_out "Hardware/Servers,SRV-1,Server,pcs,300000,20.00,JPY" "a price list in yen"
run crm-product pricelist Retail -f html
is_rc 0 "as HTML"
cp "$T/out" pl.html
is_out_like "<td>Big &lt;server&gt;</td>" "escaped"
/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' pl.html
ok $? "the HTML is well-formed"
run crm-product pricelist Retail --on 2027-01-01
is_rc 65 "a day outside the list's validity"
is_err_like "valid from 2026-01-01 to 2026-12-31, not on 2027-01-01" "says so"
run crm-product pricelist Nope
is_rc 65 "an unknown price list"
run crm-product pricelist Retail -f pdf
is_rc 64 "an unknown format"
run crm-product pricelist list -f html
is_rc 64 "the list of price lists has no html"
run crm-product pricelist Retail -w 'colour = 1'
is_rc 64 "a bad filter"

browser=$(command -v chromium || command -v chromium-browser || true)
t_n=$((t_n + 1))
if [ -z "$browser" ]; then
    echo "ok $t_n # skip chromium is not installed"
else
    HOME=$T timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --no-pdf-header-footer \
        --print-to-pdf="$T/pl.pdf" "file://$T/pl.html" >/dev/null 2>&1
    if grep -aEq 'MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]' "$T/pl.pdf" 2>/dev/null; then
        echo "ok $t_n - chromium prints the HTML price list on A4"
    else
        echo "not ok $t_n - chromium prints the HTML price list on A4"
        t_fail=$((t_fail + 1))
    fi
fi
done_testing
