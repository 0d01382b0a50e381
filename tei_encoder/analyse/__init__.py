"""Analysis: the memo's structure, from a copy's lines to a `Witness`.

`WitnessText` (numbered lines) enters; `pages` finds page breaks and peels off page
furniture (`furniture`: page numbers, catchwords, classification markings, archival
lines, stamps, noise); `blocks` groups the body lines into date line, heads, opener,
labelled paragraphs (`labels`, `dates`) and closer (`closers`), with `inline` parts
(underline, repetition loops, and garbled spans from `garbled`, the tokens graded in the
memo's context; `words`: a line's tokens, and spans marked over line breaks); `forms` marks an archive's release form.
A `Witness` (blocks and furniture in reading order) leaves. No XML here.
"""
