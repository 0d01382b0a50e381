"""Build tei_encoder/data/char-trigrams.tsv, the character model behind
tei_encoder.analyse.plausibility (is a token the shape of an English word?).

The model is a table of character trigram counts over the bundled word list
(tei_encoder/data/english-words.txt, 50,000 frequent English words; see data/SOURCE.md):
each word, lower-cased and padded as "^^word$", adds one to every (two characters ->
next character) it holds. Words are counted once each (the list carries no frequencies).
Deterministic: the same list gives the same bytes. Run it by hand after the word list
changes:

    python tools/make_plausibility.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tei_encoder" / "data"
SOURCE = DATA / "english-words.txt"
TARGET = DATA / "char-trigrams.tsv"
START, END = "^", "$"


def trigrams(word: str):
    padded = START * 2 + word + END
    for index in range(2, len(padded)):
        yield padded[index - 2:index], padded[index]


def count(words: list[str]) -> Counter:
    counts: Counter = Counter()
    for word in words:
        if word.isalpha() and word.isascii():
            counts.update(trigrams(word))
    return counts


def main() -> None:
    words = SOURCE.read_text("utf-8").split()
    counts = count(words)
    lines = [f"{context}\t{char}\t{n}" for (context, char), n in sorted(counts.items())]
    header = f"# character trigrams of {SOURCE.name} ({len(words)} words); context, next, count\n"
    TARGET.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} trigrams -> {TARGET}")


if __name__ == "__main__":
    main()
