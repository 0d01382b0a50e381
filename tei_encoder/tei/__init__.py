"""Stage 5: the model as TEI. The only package that builds XML."""

from tei_encoder.tei.document import LAYOUTS, build_document

__all__ = ["LAYOUTS", "build_document"]
