"""tei-encoder: OCR'd typewritten memos to archive-ready TEI P5 XML."""

__version__ = "0.1.0"
