#!/bin/sh
# Regenerates tests/fixtures/tei-stylesheets/jing-verdicts.tsv: jing's verdict (ok/bad)
# on each vendored file of the TEI Stylesheets tests against the bundled tei_all.rng.
# jing runs once per file: it stops at the first file that is not well-formed.
# Needs jing (Debian: apt-get install jing). Run from the repository root.
set -eu
schema=tei_encoder/schema/tei_all.rng
cd tests/fixtures/tei-stylesheets
for f in $(find Test Test2 -name '*.xml' | LC_ALL=C sort); do
    if jing "../../../$schema" "$f" >/dev/null 2>&1; then echo "$f	ok"; else echo "$f	bad"; fi
done > jing-verdicts.tsv
