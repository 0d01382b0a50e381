"""Regenerate tei_encoder/data/english-words.txt, the word list behind the apparatus's
plausibility test (is an OCR reading a real word?).

Run it by hand with wordfreq installed (it is not a dependency of tei-encoder):
    pip install wordfreq && python tools/make_wordlist.py
The list is the 50,000 most frequent English words of wordfreq 3.1 ("large" list),
lower-case, one per line, sorted. wordfreq's data is CC BY-SA 4.0; see data/SOURCE.md.
"""

from pathlib import Path

import wordfreq

SIZE = 50_000
TARGET = Path(__file__).resolve().parents[1] / "tei_encoder" / "data" / "english-words.txt"


def main() -> None:
    words = sorted({w for w in wordfreq.top_n_list("en", SIZE, wordlist="large") if w.isprintable()})
    TARGET.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {TARGET}")


if __name__ == "__main__":
    main()
