"""Turn a text PDF into what a scanner gives back: page images with a red seal, no text layer.

Each page is rendered at `dpi` (pdfplumber, which renders with pypdfium2), then aged the way a paper
letter is by the time it is scanned: the paper's grey tint, a translucent red official seal (公章) with
the office's name round its rim stamped over the signature and date, a slight rotation (±1°), a little
blur, gaussian noise and a sprinkle of salt-and-pepper specks, and JPEG compression. The result is a
PDF of images only — pdfplumber finds no characters in it — or, with `scanned_image`, one page as a
PNG, JPEG or TIFF file. Everything random is drawn from `random.Random(seed)`, so the same seed gives
the same bytes. Needs only pdfplumber and Pillow (already test requirements); the seal's characters
use a CJK font from fonts-noto-cjk when one is installed (else the rim carries no text).

    python tests/scanmaker.py letter.pdf scan.pdf [DPI]
"""

from __future__ import annotations

import io
import math
import random
import re
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

PAPER = (236, 233, 226)
SEAL_RED = (214, 36, 40)
SEAL_MM = 42  # the diameter of an office's round seal
FONT_CANDIDATES = [  # (path, index of the Simplified Chinese face in the collection)
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
]
DATE = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日)")


def cjk_font(size: int):
    for path, index in FONT_CANDIDATES:
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size, index=index)
            except OSError:
                continue
    return None


def signature_area(pdf) -> tuple[int, tuple[float, float, float, float], str] | None:
    """(page index, (x0, top, x1, bottom) in points, office name) of the last date line and the line
    above it when that looks like the office — where an office stamps its seal."""
    for index in range(len(pdf.pages) - 1, -1, -1):
        page = pdf.pages[index]
        lines = page.extract_text_lines()
        for k in range(len(lines) - 1, -1, -1):
            line = lines[k]
            if DATE.search(line["text"]) and len(line["text"]) < 30:
                box = [line["x0"], line["top"], line["x1"], line["bottom"]]
                office = ""
                if k > 0 and len(lines[k - 1]["text"]) < 30 and lines[k - 1]["x0"] > page.width * 0.3:
                    above = lines[k - 1]
                    office = re.sub(r"\s+", "", above["text"])
                    box = [min(box[0], above["x0"]), above["top"], max(box[2], above["x1"]), box[3]]
                return index, tuple(box), office
    return None


def seal(diameter: int, text: str, rng: random.Random) -> Image.Image:
    """A round red seal as an RGB image on white: rim, text round the upper rim, a star, uneven ink."""
    scale = 3  # draw large, then shrink: smooth edges
    size = diameter * scale
    ink = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(ink)
    rim = max(3, size // 38)
    draw.ellipse([rim // 2, rim // 2, size - rim // 2 - 1, size - rim // 2 - 1], outline=255, width=rim)
    cx = cy = size / 2
    # the five-pointed star
    r_out, r_in = size * 0.17, size * 0.17 * 0.382
    star = []
    for k in range(10):
        angle = -math.pi / 2 + k * math.pi / 5
        r = r_out if k % 2 == 0 else r_in
        star.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(star, fill=255)
    text = text or "专用章"
    font = cjk_font(int(size * 0.13))
    if font is not None:
        span = min(250.0, 22.0 * len(text) + 20)  # degrees of arc the name covers
        radius = size / 2 - rim - size * 0.085
        for k, ch in enumerate(text):
            angle = -90 - span / 2 + span * (k + 0.5) / len(text)  # clockwise over the top
            glyph = Image.new("L", (int(size * 0.16), int(size * 0.16)), 0)
            ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, fill=255, font=font, anchor="mm")
            glyph = glyph.rotate(-(angle + 90), resample=Image.BICUBIC)
            x = cx + radius * math.cos(math.radians(angle)) - glyph.width / 2
            y = cy + radius * math.sin(math.radians(angle)) - glyph.height / 2
            ink.paste(255, (int(x), int(y)), glyph)
    ink = ink.resize((diameter, diameter), Image.LANCZOS)
    # uneven ink: a blurred random mask thins the ink in patches
    grain = Image.frombytes("L", (diameter // 6 + 1, diameter // 6 + 1), rng.randbytes((diameter // 6 + 1) ** 2))
    grain = grain.resize((diameter, diameter), Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    grain = grain.point(lambda v: 150 + v * 105 // 255)
    ink = ImageChops.multiply(ink, grain)
    ink = ink.rotate(rng.uniform(-15, 15), resample=Image.BICUBIC)
    red = Image.new("RGB", (diameter, diameter), SEAL_RED)
    white = Image.new("RGB", (diameter, diameter), (255, 255, 255))
    return Image.composite(red, white, ink)


def age(image: Image.Image, rng: random.Random, dpi: int, stamp=None) -> Image.Image:
    """Paper tint, seal, rotation, blur, noise, specks. `stamp` is (seal image, centre x, centre y)."""
    image = image.convert("RGB")
    image = ImageChops.multiply(image, Image.new("RGB", image.size, PAPER))
    w, h = image.size
    # a soft shadow along one edge, as from a scanner lid
    shade = Image.linear_gradient("L").rotate(90 if rng.random() < 0.5 else -90).resize((w, h))
    shade = shade.point(lambda v: 255 - max(0, v - 215))
    image = ImageChops.multiply(image, Image.merge("RGB", (shade, shade, shade)))
    if stamp is not None:
        mark, x, y = stamp
        layer = Image.new("RGB", image.size, (255, 255, 255))
        layer.paste(mark, (int(x - mark.width / 2), int(y - mark.height / 2)))
        image = ImageChops.multiply(image, layer)  # ink over the type: both stay visible
    image = image.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=PAPER)
    image = image.filter(ImageFilter.GaussianBlur(0.45 * dpi / 150))
    # gaussian-like noise: the mean of three uniform noise images, centred on 128
    noise = [Image.frombytes("L", (w, h), rng.randbytes(w * h)) for _ in range(3)]
    noise = Image.blend(Image.blend(noise[0], noise[1], 0.5), noise[2], 1 / 3)
    noise = noise.point(lambda v: max(0, min(255, 128 + (v - 128) * 0.35)))
    image = ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)
    # salt and pepper
    draw = ImageDraw.Draw(image)
    for _ in range(w * h // 4000):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((0, 0, 1))
        shade_value = rng.choice((40, 70, 255))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(shade_value,) * 3)
    return image


def scanned_pages(pdf_bytes: bytes, dpi: int = 150, seed: int = 0, seal_text: str | None = None) -> list[Image.Image]:
    """Every page of the PDF, rendered at `dpi` and aged; the seal on the signature's page."""
    import pdfplumber
    pages = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        area = signature_area(pdf)
        for index, page in enumerate(pdf.pages):
            rng = random.Random(f"{seed}-{index}")
            image = page.to_image(resolution=dpi).original
            stamp = None
            if area and area[0] == index:
                _, (x0, top, x1, bottom), office = area
                px = dpi / 72
                diameter = int(SEAL_MM / 25.4 * dpi)
                mark = seal(diameter, seal_text if seal_text is not None else office, rng)
                stamp = (mark, (x0 + x1) / 2 * px + rng.uniform(-8, 8) * px,
                         (top + bottom) / 2 * px + rng.uniform(-6, 6) * px)
            pages.append(age(image, rng, dpi, stamp))
    return pages


def scanned_letter(pdf_bytes: bytes, dpi: int = 150, seed: int = 0, seal_text: str | None = None) -> bytes:
    """A text PDF → the PDF a scanner makes of the printed, sealed letter: JPEG page images, no text."""
    pages = scanned_pages(pdf_bytes, dpi, seed, seal_text)
    buffer = io.BytesIO()
    fixed = time.gmtime(1735689600)  # 2025-01-01: the same seed gives the same bytes
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=80,
                  creator="Scanner", producer="Scanner", creationDate=fixed, modDate=fixed)
    return buffer.getvalue()


def scanned_image(pdf_bytes: bytes, page: int = 0, fmt: str = "PNG", dpi: int = 150, seed: int = 0,
                  seal_text: str | None = None) -> bytes:
    """One page of the scan as a PNG, JPEG or TIFF file (a photo or a scan sent on its own)."""
    image = scanned_pages(pdf_bytes, dpi, seed, seal_text)[page]
    buffer = io.BytesIO()
    fmt = fmt.upper().replace("JPG", "JPEG").replace("TIF", "TIFF").replace("TIFFF", "TIFF")
    options = {"JPEG": {"quality": 85}, "TIFF": {"compression": "tiff_lzw"}, "PNG": {"optimize": False}}[fmt]
    image.save(buffer, fmt, dpi=(dpi, dpi), **options)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    dpi = int(argv[3]) if len(argv) == 4 else 150
    Path(argv[2]).write_bytes(scanned_letter(Path(argv[1]).read_bytes(), dpi=dpi))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
