"""Synthetic documents for the ingest tests and benchmark: Swedish text rendered to page
images (PIL + DejaVuSans), image-only PDFs, text-layer PDFs (fpdf2), PDFs with a garbage
OCR layer, encrypted PDFs, and the character error rate to judge OCR by.

Needs the DejaVu fonts (Debian ``fonts-dejavu-core``) and, for text-layer PDFs, ``fpdf2``
(a test dependency).
"""
from __future__ import annotations

import io
import re
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")

MINUTES_PAGES: list[list[str]] = [
    [
        "Protokoll från styrelsemöte i Stenålderns samfällighetsförening",
        "Datum: tisdagen den 14 mars 2023, klockan 18.30",
        "Plats: Föreningslokalen, Ängsvägen 4 i Växjö",
        "Närvarande: Åsa Öberg (ordförande), Björn Ängström, Märta Söderlund",
        "§ 1. Mötets öppnande",
        "Ordföranden hälsade alla välkomna och förklarade mötet öppnat.",
        "§ 2. Val av justerare",
        "Till att justera dagens protokoll valdes Göran Åkesson.",
    ],
    [
        "§ 3. Ekonomisk rapport",
        "Kassören redogjorde för föreningens ekonomi. Årets överskott blev",
        "högre än väntat tack vare lägre kostnader för snöröjning.",
        "§ 4. Underhåll av vägar och grönytor",
        "Styrelsen beslöt att anlita en entreprenör för att åtgärda gropar",
        "på Skogsstigen före midsommar. Märta får i uppdrag att begära offerter.",
        "§ 5. Mötets avslutande",
        "Ordföranden tackade för visat intresse och avslutade mötet.",
    ],
]

GARBAGE_LINES = [
    "Stcnäldcrns sa ml?i I lighctslii rörc ning",
    "Da tnm: tis dag cn dcn l4 ma rs 2O23, klo ckan l8.3O",
    "Pla ts: Fö rc nin gslo kalcn, Ä ngsv ä gcn 4 i V äx jö",
    "N ä rv ar andc: Å sa Ö bcrg (ordf ö randc), Bj ö rn",
    "§ l. M ötcts ö ppn andc Ordf ö randcn h ä lsadc alla v ä lko mna",
]


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    for d in FONT_DIRS:
        p = Path(d) / name
        if p.is_file():
            return p
    raise FileNotFoundError(f"{name} not found (install the Debian package fonts-dejavu-core)")


def render_page(lines: list[str], width: int = 2480, height: int | None = None, font_size: int = 42,
                margin: int = 150, line_gap: float = 1.7):
    """A white greyscale page (A4 at 300 dpi by default) with the lines in black."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path()), font_size)
    step = int(font_size * line_gap)
    height = height or max(3508 if width >= 2480 else 0, margin * 2 + step * len(lines))
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * step), line, font=font, fill=0)
    return img


def image_pdf(images, dpi: int = 300) -> bytes:
    """An image-only PDF (a 'scan without text layer'), one page per image."""
    images = list(images)
    buf = io.BytesIO()
    first = images[0].convert("L")
    first.save(buf, format="PDF", resolution=dpi, save_all=True,
               append_images=[im.convert("L") for im in images[1:]])
    return buf.getvalue()


def _fpdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.set_font("DejaVu", size=11)
    return pdf


def text_pdf(pages: list[list[str]], header: str | None = None, page_numbers: bool = False,
             password: str | None = None, owner_password: str | None = None) -> bytes:
    """A born-digital PDF: each page's lines as real text (DejaVuSans, Unicode), optionally
    with a running header, 'Sida n av N' footers, or encryption."""
    pdf = _fpdf()
    n = len(pages)
    for no, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_xy(20, 10)
            pdf.cell(text=header)
        y = 25
        for line in lines:
            pdf.set_xy(20, y)
            pdf.cell(text=line)
            y += 7
        if page_numbers:
            pdf.set_xy(95, 285)
            pdf.cell(text=f"Sida {no} av {n}")
    if password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or "ägare", user_password=password or "")
    return bytes(pdf.output())


def garbage_layer_pdf(image, garbage_lines: list[str], dpi: int = 300) -> bytes:
    """A scan with an old, poor OCR layer: the page image plus invisible garbage text."""
    from fpdf.enums import TextMode

    pdf = _fpdf()
    pdf.add_page()
    pdf.image(image.convert("L"), x=0, y=0, w=210, h=297)
    pdf.text_mode = TextMode.INVISIBLE
    y = 20
    for line in garbage_lines:
        pdf.set_xy(15, y)
        pdf.cell(text=line)
        y += 7
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None, heading: str | None = None) -> bytes:
    import docx

    d = docx.Document()
    if heading:
        d.add_heading(heading, level=1)
    for i, p in enumerate(paragraphs):
        d.add_paragraph(p)
        if table and i == 0:
            t = d.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, val in enumerate(row):
                    t.cell(r, c).text = val
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edit distance / reference length, whitespace runs as one space."""
    ref, hyp = _norm(reference), _norm(hypothesis)
    return levenshtein(ref, hyp) / max(1, len(ref))


SWEDISH_LETTERS = "åäöÅÄÖ"


def swedish_letter_error_rate(reference: str, hypothesis: str) -> float:
    """Edit distance between the sequences of å/ä/ö/Å/Ä/Ö in the two texts, over their number in
    the reference: OCR that reads 'Växjö' as 'Vaxjo' scores badly here even when its overall
    CER is low."""
    ref = "".join(c for c in reference if c in SWEDISH_LETTERS)
    hyp = "".join(c for c in hypothesis if c in SWEDISH_LETTERS)
    return levenshtein(ref, hyp) / max(1, len(ref))


def mixed_pdf(text_lines: list[str], image) -> bytes:
    """Page 1 born-digital text, page 2 a scan without text layer."""
    pdf = _fpdf()
    pdf.add_page()
    y = 25
    for line in text_lines:
        pdf.set_xy(20, y)
        pdf.cell(text=line)
        y += 7
    pdf.add_page()
    pdf.image(image.convert("L"), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())
