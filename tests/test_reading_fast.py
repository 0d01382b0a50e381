"""The corrections' fast paths give what their long forms give, on the seed and the corpus."""

from __future__ import annotations

import subprocess
import sys

from tei_encoder.model import Block, Text, TextLine
from tei_encoder.pipeline import analyse
from tei_encoder.reading import Lexicon
from tei_encoder.reading.correct import Corrector, _text
from tests.conftest import ALL_INPUTS, SEED


def test_clean_text_is_text_with_no_piece_to_correct():
    """Corrector.clean (the pieces split by str.split, each judged once) says a text has
    nothing to correct exactly where the piece-by-piece rewrite (_text, split by _PIECES)
    finds nothing: judged first by clean, and judged first by _text."""
    texts = 0
    fixed = 0
    for path in ALL_INPUTS:
        witnesses = analyse(path.read_bytes(), str(path)).witnesses
        lexicon = Lexicon.of(witnesses)
        parts = [part.text for witness in witnesses for block in witness.items if isinstance(block, Block)
                 for line in block.content if isinstance(line, TextLine)
                 for part in line.parts if type(part) is Text]
        parts += [" ", "", "\u00a0Guba\u2003 is ", "\tCastro\n"]
        cleaned_first, rewritten_first = Corrector(lexicon), Corrector(lexicon)
        for text in parts:
            clean = cleaned_first.clean(text)
            assert clean == (_text(text, cleaned_first.fix_piece) is None), (path, text)
            assert (_text(text, rewritten_first.fix_piece) is None) == rewritten_first.clean(text), (path, text)
            texts += 1
            fixed += not clean
    assert texts > 2000 and fixed > 50  # texts with corrections as well as without


def test_a_single_encode_does_not_build_the_word_list_index():
    """encode FILE (and encode --sample) encodes one memo: the word list's index (about
    20 ms) would cost it more than it saves, so only a process that encodes many memos
    builds it, by asking for it (index_word_list, a batch worker at its start)."""
    code = ("import sys; from tei_encoder.pipeline import encode; from tei_encoder.validation.validator import "
            "Validator; from tei_encoder.reading import correct; data = open(sys.argv[1], 'rb').read(); "
            "sys.argv[2] == 'warm' and correct.index_word_list(); encode([(data, sys.argv[1])], Validator()); "
            "print(correct.word_list_index.cache_info().currsize)")
    built = {way: subprocess.run([sys.executable, "-c", code, str(SEED), way], capture_output=True, text=True,
                                 check=True).stdout.strip() for way in ("one", "warm")}
    assert built == {"one": "0", "warm": "1"}
