"""Render memo text as typewritten page images, then OCR them with tesseract.

    .venv/bin/python tools/render_pages.py MEMO.txt OUTDIR [--copy B] [--pages 2] [--seed 1]

Each page is typed in a monospace typewriter face (Courier Prime, Debian's
fonts-courier-prime) at 10 characters and 6 lines to the inch on a US Letter sheet at
100 dpi, with a page number "-N-" at the top of every page after the first. It is then
made to look scanned: a slight rotation, a little blur, speckle noise, and binarised as
a scanner would (1-bit PNG, which also keeps the files small), so tesseract makes real
mistakes. For every page image OUTDIR gets NAME-pN.png and tesseract's own NAME-pN.txt,
.hocr and .xml (ALTO); with --multi, also tesseract's multi-page NAME.txt, .hocr and .xml
made from the list of all the page images in one run.

Needs Pillow (the `tools` extra) and tesseract (tesseract-ocr, tesseract-ocr-eng). The
randomness is seeded: the same input and --seed give the same images.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 100
PAGE = (int(8.5 * DPI), 11 * DPI)  # US Letter
MARGIN = DPI  # one inch
COLUMNS = 65  # 10 characters to the inch across 6.5 inches
LINE_PITCH = DPI // 6  # 6 lines to the inch
LINES_PER_PAGE = (PAGE[1] - 2 * MARGIN) // LINE_PITCH - 2  # two lines for the page number
FONT_PATHS = ("/usr/share/fonts/opentype/courier-prime/Courier Prime.otf",
              "/usr/share/fonts/truetype/courier-prime/Courier Prime.ttf")
MARKER = re.compile(r"^(?:#{1,6}\s*page\s+\d+|-{2,}\s*page\s+\d+\s*-{2,}|-{3,}|\*{3,}|_{3,})$", re.I)
SEPARATOR = re.compile(r"^\W*(?:alternate|second|another|duplicate|next|additional)\s+copy\s+follows\W*$", re.I)


def copy_text(text: str, copy: str | None) -> str:
    """The copy (A, B, ...) of a file that holds several, split at separator lines."""
    parts = [[]]
    for line in text.splitlines():
        if SEPARATOR.match(line.strip()):
            parts.append([])
        else:
            parts[-1].append(line)
    parts = [p for p in parts if any(s.strip() for s in p)]
    index = 0 if copy is None else ord(copy.upper()) - ord("A")
    if not 0 <= index < len(parts):
        raise SystemExit(f"no copy {copy}: the file holds {len(parts)}")
    return "\n".join(parts[index])


def typed_lines(text: str) -> list[str]:
    """The text as a typist would lay it out: OCR-to-Markdown layout taken off (bullets,
    <u> tags, tabs, page markers), each input line (a paragraph, a heading line) wrapped at the
    typewriter's width and followed by a blank line, never two blank lines in a row
    (a longer run was a page gap in the OCR, and pages are ours now)."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"</?u>", "", raw).replace("\t", "   ").strip()
        line = re.sub(r"^[-*•]\s+", "", line)
        if MARKER.match(line):  # a converter's page marker ("## Page 2", "---"): not typed
            continue
        if not line:
            continue
        lines.extend(textwrap.wrap(line, COLUMNS) or [""])
        lines.append("")  # typed double-spaced between paragraphs and heading lines
    while lines and not lines[-1]:
        lines.pop()
    return lines


def paginate(lines: list[str]) -> list[list[str]]:
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    return [[line for line in page] for page in pages if any(page)]


def font() -> ImageFont.FreeTypeFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            # 12 point: 10 characters to the inch in Courier.
            return ImageFont.truetype(path, size=round(12 * DPI / 72))
    raise SystemExit("Courier Prime not found: apt-get install fonts-courier-prime")


def render(page: list[str], number: int, face: ImageFont.FreeTypeFont, rng: random.Random) -> Image.Image:
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    if number > 1:
        draw.text((PAGE[0] // 2, y), f"-{number}-", font=face, fill=0, anchor="mt")
    y += 2 * LINE_PITCH
    for line in page:
        # A typewriter's slightly uneven strike: each line a pixel or two off.
        draw.text((MARGIN + rng.randint(-1, 1), y + rng.randint(-1, 1)), line, font=face, fill=rng.randint(0, 40))
        y += LINE_PITCH
    return scan(image, rng)


def scan(image: Image.Image, rng: random.Random) -> Image.Image:
    """Rotation of under a degree, a slight blur, speckle, then a scanner's threshold."""
    image = image.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.8)))
    pixels = image.load()
    width, height = image.size
    for _ in range(width * height // 400):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 255))
    return image.point(lambda value: 0 if value < 150 else 255, mode="1")


def tesseract(image: Path, base: Path, formats: tuple[str, ...] = ("txt", "hocr", "alto")) -> None:
    """tesseract IMAGE BASE txt hocr alto: one run, the three outputs."""
    # Run where the image is, so the OCR files name it relatively (they travel together).
    subprocess.run(["tesseract", image.name, base.name, "--dpi", str(DPI), "-l", "eng", *formats],
                   check=True, capture_output=True, cwd=image.parent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("memo", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--copy", help="the copy to type (A, B, ...) of a file holding several")
    parser.add_argument("--pages", type=int, default=None, help="type only the first N pages")
    parser.add_argument("--name", help="file name stem (default: the memo's)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--multi", action="store_true", help="also a multi-page hOCR and ALTO of all pages")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    pages = paginate(typed_lines(copy_text(args.memo.read_text(encoding="utf-8"), args.copy)))
    pages = pages[: args.pages] if args.pages else pages
    args.outdir.mkdir(parents=True, exist_ok=True)
    stem = args.name or args.memo.stem
    face = font()
    images = []
    for number, page in enumerate(pages, start=1):
        path = args.outdir / f"{stem}-p{number}.png"
        render(page, number, face, rng).save(path, optimize=True, dpi=(DPI, DPI))
        tesseract(path, path.with_suffix(""))
        images.append(path)
        print(path)
    if args.multi:
        listing = args.outdir / f"{stem}.list"
        listing.write_text("".join(f"{p.name}\n" for p in images), encoding="utf-8")
        # Run where the images are so the file names in the output are relative.
        subprocess.run(["tesseract", listing.name, stem, "--dpi", str(DPI), "-l", "eng", "txt", "hocr", "alto"],
                       check=True, capture_output=True, cwd=args.outdir)
        listing.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
