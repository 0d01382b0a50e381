"""ALTO measured in mm10 or inch1200 (readers.units, readers.images).

tesseract's real ALTO of one page (100 dpi, pixels) is rewritten here in tenths of a
millimetre and in 1200ths of an inch, as ABBYY and library pipelines write ALTO; read
back with the resolution (--dpi) or with the page image beside it, the boxes are
tesseract's pixel boxes again; with neither, the zones keep the file's units.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.errors import InputError
from tei_encoder.pipeline import analyse_copies, parse_xml, to_tei
from tei_encoder.readers import formats
from tei_encoder.readers.images import pixel_size
from tei_encoder.readers.text import ReadOptions
from tei_encoder.tei.names import tei

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
ALTO = FIXTURES / "assurances-B-p1.xml"
IMAGE = FIXTURES / "assurances-B-p1.png"
DPI = 100  # tools/render_pages.py's resolution
PER_PIXEL = {"mm10": 254 / DPI, "inch1200": 1200 / DPI}
POSITIONS = ("HPOS", "VPOS", "WIDTH", "HEIGHT")


def in_unit(unit: str, target: Path) -> Path:
    """The ALTO with every position in `unit` (whole numbers, as ALTO writers round them)."""
    tree = etree.parse(str(ALTO))
    for element in tree.iter():
        for name in POSITIONS:
            if element.get(name) is not None:
                element.set(name, str(round(float(element.get(name)) * PER_PIXEL[unit])))
    tree.find(".//{*}MeasurementUnit").text = unit
    tree.write(str(target), xml_declaration=True, encoding="UTF-8")
    return target


def read(path: Path, dpi=None):
    return formats.read_any(path.read_bytes(), str(path), ReadOptions(dpi=dpi), parse=parse_xml)


@pytest.fixture(scope="module")
def pixels():
    return read(ALTO)


def boxes(source) -> list[tuple[int, int, int, int]]:
    found = [line.box for line in source.layout.lines] + [w.box for line in source.layout.lines for w in line.words]
    return [(b.ulx, b.uly, b.lrx, b.lry) for b in found]


def close(ours, theirs, tolerance=1):
    return all(abs(a - b) <= tolerance for x, y in zip(ours, theirs) for a, b in zip(x, y)) and len(ours) == len(theirs)


@pytest.mark.parametrize("unit", PER_PIXEL)
def test_converted_with_the_resolution(unit, tmp_path, pixels):
    source = read(in_unit(unit, tmp_path / "page.xml"), dpi=DPI)
    page = source.layout.pages[0]
    assert (page.unit, page.width, page.height) == ("pixel", 850, 1100)
    assert source.lines == pixels.lines
    assert close(boxes(source), boxes(pixels))


@pytest.mark.parametrize("unit", PER_PIXEL)
def test_converted_with_the_image_beside_it(unit, tmp_path, pixels):
    shutil.copy(IMAGE, tmp_path / IMAGE.name)  # the file name the ALTO gives
    source = read(in_unit(unit, tmp_path / "page.xml"))
    assert source.layout.pages[0].unit == "pixel"
    assert close(boxes(source), boxes(pixels))


def test_no_scale_known_keeps_the_units(tmp_path, validator, pixels):
    path = in_unit("mm10", tmp_path / "page.xml")
    source = read(path)
    page = source.layout.pages[0]
    assert (page.unit, page.width, page.height) == ("mm10", 2159, 2794)
    # Same places on the page, in tenths of a millimetre.
    assert close([tuple(round(v / PER_PIXEL["mm10"]) for v in b) for b in boxes(source)], boxes(pixels))
    tree = etree.ElementTree(etree.fromstring(to_tei(analyse_copies([(path.read_bytes(), str(path))]), "merged")))
    validator.validate(tree, source="mm10")
    surface = next(tree.iter(tei("surface")))
    graphic = surface.find(tei("graphic"))
    assert (surface.get("lrx"), surface.get("lry")) == ("2159", "2794")
    assert graphic.get("url") == IMAGE.name and graphic.get("width") is None


def test_unknown_unit_refused(tmp_path):
    path = in_unit("mm10", tmp_path / "page.xml")
    path.write_bytes(path.read_bytes().replace(b">mm10<", b">furlong<"))
    with pytest.raises(InputError, match="unknown MeasurementUnit 'furlong'"):
        read(path)


def test_cli_dpi(tmp_path):
    path = in_unit("inch1200", tmp_path / "page.xml")
    result = CliRunner().invoke(main, ["encode", str(path), "--dpi", "100", "-o", str(tmp_path / "memo.xml")])
    assert result.exit_code == 0, result.output
    surface = next(etree.parse(str(tmp_path / "memo.xml")).iter(tei("surface")))
    assert (surface.get("lrx"), surface.get("lry")) == ("850", "1100")


def test_pixel_size_png_jpeg_tiff(tmp_path):
    assert pixel_size(IMAGE) == (850, 1100)
    # A baseline JPEG's header: SOI, a JFIF APP0 segment, an EXIF-sized APP1, then the frame (SOF0).
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x01\x00d\x00d\x00\x00"
    app1 = b"\xff\xe1" + struct.pack(">H", 2 + 3000) + b"\x00" * 3000
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 1100, 850, 1) + b"\x01\x11\x00"
    (tmp_path / "p.jpg").write_bytes(b"\xff\xd8" + app0 + app1 + sof0 + b"\xff\xd9")
    assert pixel_size(tmp_path / "p.jpg") == (850, 1100)
    for order, magic in (("<", b"II*\x00"), (">", b"MM\x00*")):
        # The first directory after a block of image data, width as SHORT, length as LONG.
        entries = struct.pack(f"{order}HHI", 256, 3, 1) + struct.pack(f"{order}H", 850) + b"\x00\x00"
        entries += struct.pack(f"{order}HHII", 257, 4, 1, 1100)
        data = magic + struct.pack(f"{order}I", 4008) + b"\x00" * 4000 + struct.pack(f"{order}H", 2) + entries
        (tmp_path / "p.tif").write_bytes(data + b"\x00\x00\x00\x00")
        assert pixel_size(tmp_path / "p.tif") == (850, 1100)
    (tmp_path / "p.txt").write_bytes(b"not an image")
    assert pixel_size(tmp_path / "p.txt") is None and pixel_size(tmp_path / "none.png") is None
