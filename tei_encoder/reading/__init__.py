"""The reading stage: a text better than any single copy, from plain-model evidence.

    lexicon   what counts as a word in this memo: the bundled word list, the memo's own
              words (in two copies, or twice in one), each copy's overall plausibility
    near      an index that rules out, in C, the words too far from a word for a
              correction (the exact distance runs only on the rest)
    correct   one copy's non-words at a small edit distance from a word -> Correction
              (choice/sic/corr in the TEI); stamps, furniture and release forms untouched
    choose    every non-layout point of variation of a Collation -> its preferred
              reading (the lem), by the rules documented in choose.py

No XML here: the tei/ stage writes what these decide.
"""

from tei_encoder.reading.choose import choose
from tei_encoder.reading.correct import correct_witness, correct_witnesses
from tei_encoder.reading.lexicon import Lexicon

__all__ = ["Lexicon", "choose", "correct_witness", "correct_witnesses"]
