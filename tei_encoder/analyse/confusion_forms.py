"""A form of a string that every OCR confusion of typescript keeps, and words indexed by
it: a word reached from a string by any number of confusions has the string's form, so
the words a few confusions from a string are among the few words of its form, and are
found by looking those few over instead of building every string a confusion or two away
(plausibility.confused_word; reading.near.TwoConfusions).

The form: each side of every pair maps to the same string (rn and m to "11", cl and d to
"01", ii and u to "11", vv and w to "vv"; e c o 0 g to "0", l 1 i to "1", h b to "b"),
and a mapping of each character alone maps a string's pieces one by one, so a confusion
applied anywhere leaves the whole form as it was. It holds for the pairs of
plausibility.VISUAL_CONFUSIONS (i/1 too) and so for reading.lexicon's, a subset
(tests/test_near.py, tests/test_confusion_forms.py).
"""

from __future__ import annotations

_KEPT_BY_CONFUSIONS = str.maketrans({**dict.fromkeys("eco0g", "0"), **dict.fromkeys("l1i", "1"),
                                     **dict.fromkeys("nmu", "11"), **dict.fromkeys("hb", "b"),
                                     "r": None, "d": "01", "w": "vv"})
# The same for many words at once, as bytes (in C): one byte for one byte (n m u to a NUL
# byte that stands for their "11"), r deleted, then the characters that stand for two
# replaced (each replacement is of one character alone). Words that hold a NUL byte
# themselves are mapped one by one.
_KEPT_BYTES = bytes(range(256)).translate(bytes.maketrans(b"eco0gl1ihbnmu", b"00000111bb\0\0\0"))


def confusion_form(word: str) -> str:
    return word.translate(_KEPT_BY_CONFUSIONS)


def confusion_forms(words: list[str]) -> list[str]:
    """[confusion_form(word) for word in words]: all in one string, unless a word holds
    the line break that separates them."""
    data = "\n".join(words).encode()
    if not words or b"\0" in data:
        return [confusion_form(word) for word in words]
    joined = data.translate(_KEPT_BYTES, b"r")
    out = joined.replace(b"\0", b"11").replace(b"d", b"01").replace(b"w", b"vv").decode().split("\n")
    return out if len(out) == len(words) else [confusion_form(word) for word in words]


class ByConfusionForm:
    """A fixed list of words by their confusion form."""

    def __init__(self, words: list[str]):
        """words: words of letters (none holds a line break)."""
        if "\n" in "".join(words):
            raise ValueError("ByConfusionForm: a word holds a line break")
        # form -> its words, one line each: strings only, so the garbage collector, which
        # walks every list a process holds at each full collection, never walks these.
        self._by_form: dict[str, str] = {}
        for form, word in zip(confusion_forms(words), words):
            known = self._by_form.get(form)
            self._by_form[form] = word if known is None else f"{known}\n{word}"

    def of_form(self, form: str) -> list[str]:
        """The words of that form (in the given order), none when it has none."""
        found = self._by_form.get(form)
        return [] if found is None else found.split("\n")
