"""Is a line running prose? Used to keep memo sentences out of stamps and headings.

Running prose is made of words, most of them in lower case, held together by function
words ("the", "of", "to"). Stamps, markings, headings and form fields are not: they are
capitals, codes, dates and checkbox brackets. In a copy typed all in capitals (cables)
case says nothing, and only the share of function words is left.
"""

from __future__ import annotations

import re

# Words that glue a sentence together; a stamp or a heading has few of them.
FUNCTION_WORDS = frozenset("""
a about after against all also an and any are as at be been before being both but by can
could did do does for from had has have he her his if in into is it its may might more most
must no nor not of on or other our out over shall she should so some such than that the their
them then there these they this those through to under until upon was we were what when where
which while who will with would you
""".split())

# Thresholds: a line of at least PROSE_MIN_WORDS words (of two letters or more), of which
# at least LOWER_SHARE and at least LOWER_MIN begin in lower case ("REVIEWED by gw DATE"
# is not prose), with at least one function word; in capitals,
# at least CAPS_MIN_WORDS words with at least CAPS_FUNCTION_WORDS function words.
PROSE_MIN_WORDS = 4
LOWER_SHARE = 0.5
LOWER_MIN = 3
CAPS_MIN_WORDS = 7
CAPS_FUNCTION_WORDS = 3

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def words(text: str) -> list[str]:
    """The words of two letters or more, markup left out."""
    return _WORD.findall(re.sub(r"</?u>", " ", text))


def is_prose(text: str) -> bool:
    """Does this line read as (a piece of) a sentence of running text, in lower case
    or in capitals?"""
    return is_lower_case_prose(text) or is_capitals_prose(text)


def is_lower_case_prose(text: str) -> bool:
    """A sentence as typed in ordinary case: most words begin in lower case."""
    found = words(text)
    if len(found) < PROSE_MIN_WORDS:
        return False
    lower = sum(word[0].islower() for word in found)
    return lower >= LOWER_MIN and lower / len(found) >= LOWER_SHARE and _function_words(found) >= 1


def is_capitals_prose(text: str) -> bool:
    """A sentence in capitals (a cable): long, with several function words."""
    found = words(text)
    return len(found) >= CAPS_MIN_WORDS and _function_words(found) >= CAPS_FUNCTION_WORDS


def _function_words(found: list[str]) -> int:
    return sum(word.casefold() in FUNCTION_WORDS for word in found)
