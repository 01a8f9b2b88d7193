#!/bin/sh
# Turn stdin into a C string constant named $1, so the schema is part of the binary.
name=$1
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/'
printf ';\n'
