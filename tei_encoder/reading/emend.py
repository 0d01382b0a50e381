"""An emendation: the preferred reading of an ocr variant when no copy reads it.

Where the lem that reading.choose picked is a copy's reading with a tei-encoder
correction in it ("prcsent" in B beside "prescnt" in A, both taken for "present"), the
edition's text is no copy's text. The TEI's form for that is a lem without @wit, with
@resp (who emended) and @cert (how sure): `<lem resp="#tei-encoder" cert="high">present</lem>`
followed by every copy's rdg, each still with its own correction marked. Only ocr
variants (the same typed words read differently) whose lem holds words alone: a
substantive reading follows a typescript's wording, and a reading with a page break,
furniture or a nested variant in it stays a copy's reading with the slip marked at the word.
"""

from __future__ import annotations

from tei_encoder.model import Correction, DateText, Shared, Text, Variant

_CERTAINTY = ("low", "medium", "high")


def emendation(variant: Variant) -> tuple[tuple[Shared, ...], str] | None:
    """(the lem's words with the corrections applied, the lowest @cert among them), or
    None where the lem is a copy's reading as it stands."""
    if variant.type != "ocr" or variant.lem is None:
        return None
    content = variant.readings[variant.lem].content
    if not content or not all(isinstance(segment, Shared) for segment in content):
        return None
    certs = [c.cert for segment in content for c in _corrections(segment.token.parts)]
    if not certs:
        return None
    words = tuple(Shared(segment.token._replace(parts=_applied(segment.token.parts))) for segment in content)
    return words, min(certs, key=_CERTAINTY.index)


def _corrections(parts) -> list[Correction]:
    found = []
    for part in parts:
        if isinstance(part, Correction):
            found.append(part)
        elif isinstance(part, DateText):
            found.extend(p for p in part.parts if isinstance(p, Correction))
    return found


def _applied(parts) -> tuple:
    """The parts as the edition reads them: each correction's word in place of the sic."""
    out = []
    for part in parts:
        if isinstance(part, Correction):
            out.append(Text(part.corr))
        elif isinstance(part, DateText) and part.parts:
            out.append(DateText("".join(p.corr if isinstance(p, Correction) else p.text for p in part.parts),
                                part.when))
        else:
            out.append(part)
    return tuple(out)
