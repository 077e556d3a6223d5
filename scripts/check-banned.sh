#!/bin/sh
# Fails when src/ calls a function on curl's banned list (unbounded or unchecked).
# Comments are not exempt on purpose: say "the banned s-printf" in prose instead.
set -eu
cd "$(dirname "$0")/.."
pattern='\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|atoll|gets|strtok)[[:space:]]*\('
if grep -rnE "$pattern" src/ --include='*.c' --include='*.h'; then
  echo "banned function used in src/ (see above); use snprintf / memcpy with lengths / strtol" >&2
  exit 1
fi
echo "banned-function check: ok"
