"""Readers: bytes in, model out.

A reader takes the bytes of one input file and gives a `Source` (decoded, checked,
normalised lines, each with its position in the file); `split_copies` turns sources into
one `WitnessText` per copy of the memo. `metadata` reads the header facts the OCR does
not hold (a TOML file, command-line options). Every refusal is an `InputError` with the
file, line and column. Readers for the OCR engines' own formats belong here.
"""
