"""The memo's subject line without its label: the header's title where there is one
(tei/header only places it).

- "SUBJECT: The Dominican Republic": what follows the label on its line;
- "SUBJECT" / ": Meeting with ing. Manuel Ray": the label block's next line;
- "Subject:" alone, the subject typed as the next block (corpus 03's "Congo" /
  "Developments" / "since my report to the President on" / "October 22, 1962."): that
  block is taken only when it reads as a subject line and not as the memo's first
  paragraph: it comes straight after the label, is unnumbered, holds no sentence end
  before its last word (one phrase, not sentences), and is shorter than the median of
  the paragraphs after it (a memo has a body, so a memo of one paragraph has no subject
  line there). Otherwise the label's subject was not read, and the title comes from
  elsewhere.
"""

from __future__ import annotations

import re
import statistics

from tei_encoder.model import Block, BodyItem, TextLine, parts_text

_LABEL = re.compile(r"^\W*subj\w*\W*", re.IGNORECASE)
# A full stop, ? or ! before a word that could open a sentence.
_STOP = re.compile(r"(\S*)[.?!]\s+(?=[\"'(]?[A-Z0-9])")
# A stop that ends no sentence: after an initial or initials ("U.S.", "J. F.") or a short
# capitalised abbreviation ("Mr.", "Dr.", "Gen.", "Ing.").
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]|[A-Z][a-z]{1,2}")


def subject_line(items: tuple[BodyItem, ...]) -> str | None:
    """A copy's subject line as typed, without its label, or None."""
    blocks = [item for item in items if isinstance(item, Block)]
    index = next((i for i, b in enumerate(blocks) if b.kind == "opener" and b.role == "subject"), None)
    if index is None:
        return None
    lines = [line for line in _lines(blocks[index]) if line]
    text = _LABEL.sub("", lines[0]).strip() if lines else ""
    text = text or (lines[1] if len(lines) > 1 else "") or _typed_after(blocks[index + 1:])
    return text.strip(" :;-.") or None


def _typed_after(following: list[Block]) -> str:
    """The subject typed as the block after a label alone, or ""."""
    if not following or following[0].kind != "p" or following[0].n is not None:
        return ""
    text = _text(following[0])
    body = [len(_text(b).split()) for b in following[1:] if b.kind == "p"]
    if not body or len(text.split()) >= statistics.median(body) or _has_sentence_end(text):
        return ""
    return text


def _has_sentence_end(text: str) -> bool:
    """A sentence ends inside the text (a stop before a word that may begin one), not
    after an abbreviation or an initial."""
    return any(not _ABBREVIATION.fullmatch(m.group(1).lstrip("(\"'")) for m in _STOP.finditer(text))


def _lines(block: Block) -> list[str]:
    return [parts_text(part.parts).strip() for part in block.content if isinstance(part, TextLine)]


def _text(block: Block) -> str:
    return " ".join(parts_text(part.parts) for part in block.content if isinstance(part, TextLine)).strip()


