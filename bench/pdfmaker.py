"""Build PDFs from minutes text with fpdf2, one PDF page per page of the text (bench/run.py, tests).

A page of the text starts at a line that begins with a space (how the published Aarhus text
marks a new PDF page); long pages are made tall rather than split, so pages stay as written.
"""

from pathlib import Path

from fpdf import FPDF

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINE_MM = 3.6


def split_pages(text):
    pages, current = [], []
    for line in text.split("\n"):
        if line.startswith(" ") and line.strip() and current:
            pages.append(current)
            current = []
        current.append(line.strip())
    pages.append(current)
    return pages


def make_pdf(text, path, *, encrypt_with=None):
    pdf = FPDF(unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=7)
    for lines in split_pages(text):
        pdf.add_page(format=(297, max(297, 20 + LINE_MM * 3 * len(lines))))
        pdf.set_xy(10, 10)
        for line in lines:
            if line:
                pdf.multi_cell(277, LINE_MM, line.replace("\t", "    "), new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(LINE_MM)
    if encrypt_with:
        pdf.set_encryption(owner_password="owner", user_password=encrypt_with)
    pdf.output(str(path))
    return Path(path)
