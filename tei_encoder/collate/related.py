"""Are these copies of one memo? Judged on the memo's own text before anything is merged.

Two texts in English share many words by chance ("the", "of", "United States"), and two
releases of one archive share their release form's labels word for word. What copies of
one memo share, and unrelated memos do not, is runs of words in the same order: the
measure is the share of the shorter copy's words that the longest common subsequence of
the two copies matches in telling runs (RUN words or more; two, where one is not a
function word), over the words of their blocks other than release forms
(ab[@type='releaseForm']: boilerplate, the same on every memo of a release). On the seed
and the corpus, copies of one memo share 0.77 to 0.94 of their words this way, unrelated
memos at most 0.014; RELATED_SHARE lies between.

Copies are related when they share that much, directly or through other copies (a copy
holding the end of one and the start of another relates both). A copy related to none
of the others is named in the refusal.
"""

from __future__ import annotations

from tei_encoder.collate import lcs
from tei_encoder.collate.tokens import stream
from tei_encoder.collate.words import FUNCTION_WORDS
from tei_encoder.model import Block, Witness

RUN = 3
RELATED_SHARE = 0.1


def memo_words(witness: Witness) -> list[str]:
    """The copy's words (loose keys) outside release forms."""
    return [word for item in witness.items if isinstance(item, Block) and item.kind != "form"
            for key in stream(item.content).keys for word in key.split()]


def block_words(keys: list[str]) -> tuple[str, ...]:
    """A block's words from its stream's keys: a date or garbled span is one token for
    word alignment but several words here ("Movember 13, 1962" shares "13" and "1962")."""
    return tuple(" ".join(keys).split())  # each key's own split: a space splits as any white space does


def shared_share(a: list[str], b: list[str]) -> float:
    """The share of the shorter list's words matched in runs of at least RUN words."""
    if not a or not b:
        return 0.0
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in lcs.opcodes(a, b)
                  if tag == "equal" and _telling(a[i1:i2]))
    return matched / min(len(a), len(b))


def _telling(run: list[str]) -> bool:
    """A shared run that says the texts are one: RUN words or more, or a shorter run
    (two words: what a very short copy can share) with a word that is not a function
    word ("with Belgian", not "of the")."""
    return len(run) >= RUN or (len(run) >= 2 and any(word not in FUNCTION_WORDS for word in run))


def unrelated(witnesses: tuple[Witness, ...]) -> list[int]:
    """The copies (by index) that are not copies of the memo the others are: every copy
    outside the largest group of copies related to one another (the first such group on a
    tie). Copies with no memo text (release forms, furniture only) are judged elsewhere."""
    return unrelated_words([memo_words(w) for w in witnesses])


def unrelated_words(words: list[list[str]]) -> list[int]:
    """unrelated, from each copy's memo_words (a caller that has the words already)."""
    judged = [i for i, w in enumerate(words) if w]
    group_of = {i: i for i in judged}

    def root(i: int) -> int:
        while group_of[i] != i:
            i = group_of[i]
        return i

    for position, i in enumerate(judged):
        for j in judged[position + 1:]:
            if root(i) != root(j) and shared_share(words[i], words[j]) >= RELATED_SHARE:
                group_of[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in judged:
        groups.setdefault(root(i), []).append(i)
    if len(groups) <= 1:
        return []
    largest = max(groups.values(), key=len)
    return [i for i in judged if i not in largest]
