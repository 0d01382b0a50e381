"""Encoding whole collections: `encode DIR|FILE|GLOB... -o OUTDIR`.

    plan      arguments -> Jobs (inputs found, output paths mirroring the input tree)
    job       one Job -> Outcome (read, encode, validate, write; failures recorded)
    run       Jobs -> Outcomes as each finishes (in process, worker processes, or Dask)
    manifest  OUTDIR/manifest.jsonl: a line per input, appended as each finishes; resume
    summary   what `tei-encoder report` prints from a manifest

Nothing here is imported by the command line at start-up: `encode` imports it only when
it runs a batch.
"""
