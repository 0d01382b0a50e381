"""The corrections' fast paths give what their long forms give, on the seed and the corpus."""

from __future__ import annotations

from tei_encoder.model import Block, Text, TextLine
from tei_encoder.pipeline import analyse
from tei_encoder.reading import Lexicon
from tei_encoder.reading.correct import Corrector, _text
from tests.conftest import ALL_INPUTS


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
