"""The fields of a release form (the JFK Assassination System identification form),
read from the lines of its blocks (analyse.forms marks them), for the header.

The corpus has the form in two layouts, and OCR that scrambles both:
- layout 1, "LABEL : value" on one line ("RECORD NUMBER : 176-10031-10069"); a value
  may stand on the next line starting with a colon (": 176-10037-10018"); tesseract
  may lose the labels of a run of fields (": Rusk", ": Kennedy, John F", ...), or put a
  column of labels before the column of their values;
- layout 2, with "Agency Information" and "Document Information" headings, each label on
  its line and its value on the next lines ("TITLE:" / "MEMORANDUM FOR THE RECORD"),
  and the form's own printing date ("Date:" / "5/5/2016") at the top.

Labels are matched fuzzily (rapidfuzz ratio >= LABEL_SIMILARITY: "CLASSIFICATIO!",
"DATE OF LASTREVIEW", "ESTRICTIONS", "SUBIECTS", "FRO!"). Values are kept as read
(the body keeps the OCR in any case). A run of values whose labels were lost, or that
stands after a column of labels, is given to those labels only when it is sure: as many
values as labels, in order; or fewer values, aligned from the end when the last value
has the shape of the last label (a date for DATE, a number for PAGES) or from the start
when the first has the shape of the first. Otherwise the values are left unassigned:
a field not read is better than a field read wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tei_encoder.analyse.dates import archive_year, iso_day
from tei_encoder.model import Block, BodyItem, ReleaseForm, TextLine, parts_text

LABEL_SIMILARITY = 80
FIELDS = ("AGENCY", "RECORD NUMBER", "RECORD SERIES", "AGENCY FILE NUMBER", "ORIGINATOR", "FROM", "TO",
          "TITLE", "DATE", "PAGES", "SUBJECTS", "DOCUMENT TYPE", "CLASSIFICATION", "RESTRICTIONS",
          "CURRENT STATUS", "DATE OF LAST REVIEW", "OPENING CRITERIA", "COMMENTS")
# Spellings of the same field on some forms.
_ALIASES = {"RECORDS SERIES": "RECORD SERIES"}
# Fields whose value may run over several lines (layout 2).
_MULTILINE = {"TITLE", "SUBJECTS", "COMMENTS", "OPENING CRITERIA", "RECORD SERIES"}
_HEADINGS = re.compile(r"^\W*(jfk\s+assassination\s+system|identification\s+form|agency\s+information|"
                       r"document\s+information)\b", re.IGNORECASE)
# Lines of a release banner or a page footer printed over the form: not field values.
_NOT_VALUE = re.compile(r"released\s+under|assassination\s+records|collection\s+act|usc\s+2107|case\s*#|"
                        r"docl?d\s*:|^\W*(nw|hw)\s*\d|^\W*v?\d+\.\d\W*$|^\W*page\s*\d+\W*$",
                        re.IGNORECASE)
_DATE = re.compile(r"^\W*(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})\b")
_NUMBER = re.compile(r"^\W*\d{1,4}\W*$")
_RECORD = re.compile(r"\b(\d{3})-(\d{5})-(\d{5})\b")


@dataclass(frozen=True)
class _Item:
    """A line of the form: a label with the value after it on the line (maybe empty),
    or a value alone (label None). colon: a value line that starts with a colon, or a
    label followed by its colon."""

    label: str | None
    value: str
    colon: bool = False


def witness_form(items: tuple[BodyItem, ...]) -> ReleaseForm | None:
    """The release form of a copy (its blocks of kind "form"), or None."""
    return read_form(form_lines(items))


def form_lines(items: tuple[BodyItem, ...]) -> list[str]:
    """The lines of the copy's form blocks; and when a form of layout 2 (each value
    under its label) ends on a label alone ("COMMENTS :", "OPENING CRITERIA"), the first
    line of the block after it, which the block analysis put with the memo: the value of
    the form's last field can stand nowhere else. (In layout 1 a label alone on its line
    is an empty field: the value would be on the label's line.)"""
    blocks = [item for item in items if isinstance(item, Block)]
    lines, last = [], None
    for index, block in enumerate(blocks):
        if block.kind == "form":
            lines += [parts_text(line.parts) for line in block.content if isinstance(line, TextLine)]
            last = index
    if last is None or last + 1 == len(blocks) or _layout(lines) != 2:
        return lines
    end = max((i for i, line in enumerate(lines) if line.strip()), default=None)
    ending = _item(lines[end].strip()) if end is not None else None
    if ending is not None and ending.label is not None and not ending.value:
        following = [parts_text(line.parts) for line in blocks[last + 1].content if isinstance(line, TextLine)]
        if following:  # after the label and a colon: read as its value, never as a label or part of one
            label = lines[end].rstrip()
            lines[end] = f"{label}{'' if label.endswith((':', ';')) else ':'} {following[0]}"
    return lines


def _layout(lines: list[str]) -> int:
    return 2 if any(re.match(r"^\W*(agency|document)\s+information\b", line, re.IGNORECASE)
                    for line in lines) else 1


def read_form(lines: list[str]) -> ReleaseForm | None:
    """The form's fields from its lines in order, with their normal forms; None when no
    field is found."""
    lines = [line.strip() for line in lines if line.strip()]
    layout = _layout(lines)
    items: list[_Item] = []
    for line in lines:
        if _HEADINGS.match(line):
            continue
        item = _item(line)
        if item.label == "DATE" and layout == 2 and not any(x.label for x in items):
            item = _Item("FORM DATE", item.value)  # layout 2's first "Date:" is the form's own
        items.append(item)
    fields = _assign(items, layout)
    form_date = fields.pop("FORM DATE", None)
    if not fields:
        return None
    return ReleaseForm(fields, form_date, layout, record_number=record_number(fields.get("RECORD NUMBER")),
                       when=iso_date(fields.get("DATE")), reviewed=iso_date(fields.get("DATE OF LAST REVIEW")),
                       pages=page_count(fields.get("PAGES")),
                       grounds=tuple(restriction_codes(fields.get("RESTRICTIONS"))),
                       subjects=subjects(fields.get("SUBJECTS")))


_WITH_COLON = re.compile(r"^\W{0,3}(?P<label>[A-Za-z][A-Za-z .'!|]{0,30}?)\s*[:;](?P<rest>.*)$")


def _item(line: str) -> _Item:
    match = _WITH_COLON.match(line)
    if match:
        label = _label(match.group("label"))
        if label:
            return _Item(label, _clean(match.group("rest")), colon=True)
    words = re.sub(r"^\W+", "", line).split()
    # No colon: the longest run of leading words that is a label ("AGENCY ROCKCOM").
    for count in range(min(len(words), 4), 0, -1):
        label = _label(" ".join(words[:count]))
        if label:
            return _Item(label, _clean(" ".join(words[count:])))
    return _Item(None, _clean(line), colon=line.lstrip(" '\u2018\u2019").startswith((":", ";")))


def _label(text: str) -> str | None:
    """The field a label names; "!" is an I ("CLASSIFICATIO!") or a lost letter ("FRO!")."""
    for variant in (text.replace("!", "I"), text.replace("!", "")):
        variant = " ".join(variant.upper().replace("|", "").split())
        variant = _ALIASES.get(variant, variant)
        if len(variant) < 2:
            continue
        found = process.extractOne(variant, FIELDS, scorer=fuzz.ratio, score_cutoff=LABEL_SIMILARITY)
        if found:
            return found[0]
    return None


def _clean(value: str) -> str:
    value = re.sub(r"^[\s:;=\u2014\u2013|'\u2018\u2019-]+", "", value)
    value = re.sub(r"[\s:;]+$", "", value)
    return value if re.search(r"[A-Za-z0-9]", value) else ""


def _values(items: list[_Item]) -> list[str]:
    """The value lines among items: not a banner or footer line, and with three letters
    or the shape of a date, a number or a record number ("vs . 105" is noise)."""
    return [x.value for x in items if x.value and not _NOT_VALUE.search(x.value)
            and (len(re.findall(r"[A-Za-z]", x.value)) >= 3 or _DATE.match(x.value) or _NUMBER.match(x.value)
                 or _RECORD.search(x.value))]


def _assign(items: list[_Item], layout: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    i = 0
    while i < len(items):
        if items[i].label is None:
            i = _gap(items, i, fields)
        elif items[i].value:
            i = _inline(items, i, layout, fields)
        else:
            i = _bare(items, i, layout, fields)
    return fields


def _run_of_values(items: list[_Item], start: int) -> int:
    end = start
    while end < len(items) and items[end].label is None:
        end += 1
    return end


def _join(values: list[str]) -> str:
    """Lines of one field: a line that ends with a comma runs on, others are listed."""
    text = ""
    for value in values:
        text += (" " if text.endswith(",") else "; " if text else "") + value
    return text


def _inline(items: list[_Item], i: int, layout: int, fields: dict[str, str]) -> int:
    """"LABEL : value"; in layout 2 a field that runs over lines takes the lines after it."""
    label, value = items[i].label, items[i].value
    end = _run_of_values(items, i + 1)
    # COMMENTS is the form's last field: the lines after it can only be its own.
    runs_on = (layout == 2 and label in _MULTILINE) or label == "COMMENTS"
    extra = _values(items[i + 1:end]) if runs_on else []
    fields.setdefault(label, _join([value] + extra))
    return end if extra else i + 1


def _bare(items: list[_Item], i: int, layout: int, fields: dict[str, str]) -> int:
    """A label with nothing after it: its value on the next lines, or a column of such
    labels followed by the column of their values."""
    j = i
    while j < len(items) and items[j].label is not None and not items[j].value:
        j += 1
    labels = [x.label for x in items[i:j]]
    k = _run_of_values(items, j)
    following = items[j:k]
    values = _values(following)
    if layout == 2:
        # Each label on its line, its value on the lines after it: a label directly
        # followed by another label is an empty field.
        if j == i + 1 and values:
            fields.setdefault(labels[0], _join(values) if labels[0] in _MULTILINE else values[0])
            return k
        return i + 1
    if len(labels) == 1:
        # Layout 1 puts a value on its label's line ("AGENCY FILE NUMBER :" is empty); a
        # label without its colon takes the next line when that starts with one
        # ("RECORD NUMBER" / ": 176-10037-10018").
        values = [x.value for x in following[:1] if x.colon and x.value and not items[i].colon]
        if values:
            fields.setdefault(labels[0], values[0])
            return j + 1
        return j
    if values:
        for label, value in _align(labels, values):
            fields.setdefault(label, value)
        return k
    return j


def _gap(items: list[_Item], i: int, fields: dict[str, str]) -> int:
    """Values with no label (their labels lost): the fields the canonical order puts
    between the labels around them, when _align is sure."""
    k = _run_of_values(items, i)
    values = _values(items[i:k])
    before = next((items[b].label for b in range(i - 1, -1, -1) if items[b].label in FIELDS), None)
    after = next((items[a].label for a in range(k, len(items)) if items[a].label in FIELDS), None)
    start = FIELDS.index(before) + 1 if before else 0
    end = FIELDS.index(after) if after else len(FIELDS)
    missing = [f for f in FIELDS[start:end] if f not in fields]
    if values and missing:
        for label, value in _align(missing, values):
            fields.setdefault(label, value)
    return k


def _align(labels: list[str], values: list[str]) -> list[tuple[str, str]]:
    """Labels and values of a run, paired where sure. As many of each: in order.
    Otherwise anchored: a label with a shape (DATE, PAGES, RECORD NUMBER...) and the one
    value of the run that has it; the labels before the first anchor take the values
    next to it (the values lost are those farthest from it), likewise after the last;
    between two anchors, only as many labels as values are paired."""
    if len(values) == len(labels):
        return list(zip(labels, values))
    anchors = []
    for li, label in enumerate(labels):
        fitting = [vi for vi, value in enumerate(values) if _fits(label, value)]
        if len(fitting) == 1 and (not anchors or (li > anchors[-1][0] and fitting[0] > anchors[-1][1])):
            anchors.append((li, fitting[0]))
    if not anchors:
        return []
    pairs = [(labels[li], values[vi]) for li, vi in anchors]
    first_l, first_v = anchors[0]
    count = min(first_l, first_v)
    pairs += list(zip(labels[first_l - count:first_l], values[first_v - count:first_v]))
    last_l, last_v = anchors[-1]
    count = min(len(labels) - last_l - 1, len(values) - last_v - 1)
    pairs += list(zip(labels[last_l + 1:last_l + 1 + count], values[last_v + 1:last_v + 1 + count]))
    for (l1, v1), (l2, v2) in zip(anchors, anchors[1:]):
        if l2 - l1 == v2 - v1:
            pairs += list(zip(labels[l1 + 1:l2], values[v1 + 1:v2]))
    return pairs


def _fits(label: str, value: str) -> bool:
    if label in ("DATE", "DATE OF LAST REVIEW"):
        return bool(_DATE.match(value))
    if label == "PAGES":
        return bool(_NUMBER.match(value))
    if label == "RECORD NUMBER":
        return bool(_RECORD.search(value))
    return False


# --- normal forms, for the header ---------------------------------------------------

def iso_date(value: str | None) -> str | None:
    """"5/12/1961" -> "1961-05-12"; "06/15/64" -> "1964-06-15", "07/24/98" -> "1998-07-24"
    (two digits: 1950-2049); None when the value is no valid month/day/year date."""
    match = _DATE.match(value or "")
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups())
    return iso_day(archive_year(year), month, day)


def record_number(value: str | None) -> str | None:
    """"— 124-10284-10171" -> "124-10284-10171"."""
    match = _RECORD.search(value or "")
    return "-".join(match.groups()) if match else None


def page_count(value: str | None) -> int | None:
    match = re.search(r"\d+", value or "")
    return int(match.group()) if match and _NUMBER.match(value or "") or (match and len(value) <= 4) else None


def restriction_codes(value: str | None) -> list[str]:
    """JFK Act section 6 grounds ("1B; 4" -> ["1B", "4"]); words such as "Consulted" are
    not codes."""
    return re.findall(r"\b([1-5][A-Ea-e]?)\b", value or "")


def subjects(value: str | None) -> tuple[str, ...]:
    """The SUBJECTS field's subjects, one per line of the field (joined with "; "): a
    comma may be inside a subject ("OSWALD, LEE")."""
    return tuple(s.strip(" .,") for s in (value or "").split(";") if s.strip(" .,"))


def devised_title(form: ReleaseForm | None) -> str | None:
    """A title devised from the form for a record it gives none (TITLE empty, as on 11's
    FBI report): who wrote to whom, and when, in square brackets as a cataloguer marks a
    title supplied rather than found ("[BARRON, JOHN R. to DIRECTOR, FBI, 1959-12-31]");
    None without a FROM."""
    if form is None or form.get("TITLE") or not form.get("FROM"):
        return None
    parts = form.get("FROM") + (f" to {form.get('TO')}" if form.get("TO") else "")
    return f"[{parts}, {form.when}]" if form.when else f"[{parts}]"
