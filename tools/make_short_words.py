"""Build tei_encoder/data/short-words.tsv: how common each short word of the bundled
word list is, for tei_encoder.analyse.plausibility.short_word_zipf.

A garbled span is often made of scraps that happen to be words of one to three letters
("ia othep wand", "lh te", "ct oh tr"): the word list holds them all ("ia", "lh", "oa"
are abbreviations), so only their frequency tells a common word ("on", "to", "its") from
a rare one. The table gives, for every word of 1 to SHORT letters in
tei_encoder/data/english-words.txt, its Zipf frequency (log10 of occurrences per billion
words) in wordfreq 3.1.1's "large" English list, with two decimals. Deterministic: the
same list and wordfreq version give the same bytes. Run it by hand with wordfreq
installed (it is not a dependency of tei-encoder):

    pip install wordfreq==3.1.1 && python tools/make_short_words.py

wordfreq's data is CC BY-SA 4.0; see data/SOURCE.md.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import wordfreq

SHORT = 3
DATA = Path(__file__).resolve().parents[1] / "tei_encoder" / "data"
SOURCE = DATA / "english-words.txt"
TARGET = DATA / "short-words.tsv"


def main() -> None:
    words = [w for w in SOURCE.read_text("utf-8").split() if len(w) <= SHORT]
    rows = [f"{w}\t{wordfreq.zipf_frequency(w, 'en', wordlist='large'):.2f}" for w in sorted(words)]
    header = f"# word\tzipf (wordfreq {version('wordfreq')}, large list)"
    TARGET.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {TARGET}")


if __name__ == "__main__":
    main()
