"""Stage 5: the model as TEI. The only package that builds XML: `document` (the whole
TEI), `header`, `body`, `apparatus` (the merged layout), `witness` (one copy cut out of
a TEI tree), `names` (namespaces and the element maker). Nothing is imported here, so
that `names` costs only lxml to whoever needs it."""
