"""listWit: each copy described in prose for people, with its date when known.

"Copy B, after the line “ALTERNATE COPY FOLLOWS” (lines 130–260 of the input): 6 pages,
typed page numbers 1–5 with 2a; 1 declassification stamp; page furniture: 5 page
numbers, 2 catchwords." The copy's own date line, when it has one, is also an
origDate[@when] inside the witness: the date of that typescript, where collation tools
look for it (teiphy reads witness dates from origDate's @when, @notBefore, @notAfter).
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import Block, Document, Furniture, Witness
from tei_encoder.tei.names import XML_ID, E

# Furniture kinds as people say them (singular, plural).
_KINDS = {"pageNum": ("page number", "page numbers"), "catch": ("catchword", "catchwords"),
          "classification": ("classification marking", "classification markings"),
          "archival": ("archival line", "archival lines"), "header": ("running head", "running heads"),
          "footer": ("running foot", "running feet")}


def build_list_wit(document: Document, furniture: dict[str, list[Furniture]],
                   stamps: dict[str, list]) -> etree._Element:
    listwit = E.listWit()
    for witness in document.witnesses:
        text = describe(document, witness, furniture[witness.sigil], len(stamps[witness.sigil]))
        when = witness_date(witness)
        element = E.witness(text + " Dated ", _orig_date(when)) if when else E.witness(text)
        element.set(XML_ID, witness.sigil)
        listwit.append(element)
    return listwit


def _orig_date(when: str) -> etree._Element:
    date = E.origDate(when, when=when)
    date.tail = "."
    return date


def describe(document: Document, witness: Witness, furniture: list[Furniture], stamp_count: int) -> str:
    start = "at the start of the file"
    if witness.separator:
        start = f"after the line \u201c{witness.separator}\u201d"
    where = "the input" if len(document.sources) == 1 else _name(witness.path)
    parts = [f"{_count(len(witness.pages), 'page', 'pages')}{_page_numbers([p.n for p in witness.pages])}"]
    if stamp_count:
        parts.append(_count(stamp_count, "stamp", "stamps") + " (declassification or review)")
    found = _furniture_words(furniture)
    parts.append(f"page furniture: {found}" if found else "no page furniture")
    return (f"Copy {witness.sigil}, {start} (lines {witness.first_line}\u2013{witness.last_line} of {where}): "
            + "; ".join(parts) + ".")


def witness_date(witness: Witness) -> str | None:
    """The copy's own date line, normalised; none when the copy has none."""
    return next((item.when for item in witness.items
                 if isinstance(item, Block) and item.kind == "dateline" and item.when), None)


def _page_numbers(numbers: list[str]) -> str:
    """", typed page numbers 1–5 with 2a; 1 page without one" from ["1", "2", "2a", ...]."""
    typed = [n for n in numbers if not n.startswith("[")]
    inferred = len(numbers) - len(typed)
    words = []
    if typed:
        plain = sorted(int(n) for n in typed if n.isdigit())
        others = [n for n in typed if not n.isdigit()]
        runs = _runs(plain)
        text = "typed page number" + ("s " if len(typed) > 1 else " ") + ", ".join(runs)
        if others:
            text += (" with " if runs else "") + ", ".join(others)
        words.append(text)
    if inferred and not typed:
        words.append("no typed page numbers")
    elif inferred:
        words.append(f"{_count(inferred, 'page', 'pages')} without one")
    return (", " + "; ".join(words)) if words else ""


def _runs(numbers: list[int]) -> list[str]:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        elif not (runs and n == runs[-1][-1]):
            runs.append([n])
    return [f"{r[0]}\u2013{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]


def _furniture_words(furniture: list[Furniture]) -> str:
    counts: dict[str, int] = {}
    for item in furniture:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return ", ".join(_count(n, *_KINDS.get(kind, (kind, kind))) for kind, n in sorted(counts.items()))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
