"""tei-encoder: OCR'd typewritten memos to archive-ready TEI P5 XML."""

from pathlib import Path

__version__ = "0.1.0"

# The installed package's own folder: schema/, data/ and publish/xslt/ are plain files in
# it. (importlib.resources would find them too, at a cost of ~5 ms of start-up for every
# command, for zip imports this package never has.)
PACKAGE_DIR = Path(__file__).resolve().parent
