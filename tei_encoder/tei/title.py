"""The header's title: the memo's subject line, with the OCR's slips corrected only
where the memo itself shows the right form.

The typed form stays in the body (the opener's subject seg); the header's title is a
catalogue title, where a correction is welcome if it is sure. Sure means: the same
phrase (the word and the two words after it) is written elsewhere in the memo, in any
copy, with the word in one other form, and the difference is one the OCR makes in a
name's title: a lower-case initial for a capital before a capitalised name ("ing.
Manuel Ray" where the participants list has "Ing. Manuel Ray"), or a comma read for an
abbreviation's full stop ("ing, Manuel Ray"). Nothing else is changed: a sentence-initial
capital elsewhere ("With the President ...") is no evidence, and neither is a word list.
"""

from __future__ import annotations

import re

from tei_encoder.model import Document

_TOKEN = re.compile(r"\S+")


def correct_slips(title: str, document: Document) -> str:
    tokens = title.split()
    lines = "\n".join(source.text for source in document.sources).split("\n")
    corrected = [_better(tokens, i, lines) for i in range(len(tokens))]
    return " ".join(corrected)


def _better(tokens: list[str], i: int, lines: list[str]) -> str:
    word = tokens[i]
    following = tokens[i + 1:i + 3]
    if len(following) < 2 or not following[0][:1].isupper():
        return word  # only a title before a capitalised name, with two words of context
    phrase = re.compile(r"(?<!\S)(\S+)[ \t]+" + r"[ \t]+".join(re.escape(w) for w in following) + r"(?!\S)")
    # The phrase lies on one line (neither its words nor the spaces between hold a line
    # break) and holds its last word: only the lines with that word are searched.
    forms = {match.group(1) for line in lines if following[-1] in line for match in phrase.finditer(line)} - {word}
    better = {form for form in forms if _is_slip(word, form)}
    # A form that is itself a slip of another one found ("ing." beside "Ing.") is no answer.
    best = {form for form in better if not any(_is_slip(form, other) for other in better - {form})}
    return best.pop() if len(best) == 1 else word


def _is_slip(read: str, other: str) -> bool:
    stem_read, stem_other = read.rstrip(".,"), other.rstrip(".,")
    capital = stem_read[:1].islower() and stem_other[:1].isupper() and stem_read[1:] == stem_other[1:]
    if not (capital or stem_read == stem_other):
        return False
    end_read, end_other = read[len(stem_read):], other[len(stem_other):]
    return end_read == end_other or (end_read == "," and end_other == ".")
