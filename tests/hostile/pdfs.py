"""Hostile PDFs, made in the test run: nothing binary is checked in.

Each function returns the bytes of one PDF (or what pretends to be one). They are hand-built
where the trick is in the structure (page tree, nesting, streams); `pdf_file()` writes the
cross-reference table so that a reader takes them for well-formed files.
"""

import zlib

from fpdf import FPDF

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Punkt 1: Godkendelse af dagsorden) Tj ET"


def pdf_file(objects, root=1):
    """A PDF of the given object bodies (object n is objects[n - 1]) with a correct xref table."""
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data, *, filters=b"/FlateDecode"):
    return b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data + b"\nendstream"


def one_page(contents, *, extra=()):
    """A one-page PDF whose page has the content stream `contents` (an object body)."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            contents,
            FONT,
            *extra,
        ]
    )


def zeros_deflated(size_mb):
    """A zlib stream that inflates to `size_mb` MiB of zero bytes, made in milliseconds.

    One MiB of zeros compressed and ended with a full flush leaves the compressor in a fresh state,
    so the same bytes encode every further MiB; the stream is closed with an empty final block and
    the Adler-32 of n zero bytes, which is (n mod 65521) << 16 | 1.
    """
    chunk = bytes(1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = ((size_mb << 20) % 65521) << 16 | 1
    return first + again * (size_mb - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def decompression_bomb(size_mb=4096):
    """A few MB of PDF whose page content inflates to `size_mb` MiB (4 GiB by default)."""
    return one_page(stream(zeros_deflated(size_mb)))


def many_streams(body, count):
    """One page whose /Contents is an array of `count` copies of the stream object `body`."""
    first = 5
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(count))
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R " + refs + b"] "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (first + count),
            stream(zlib.compress(TEXT_OPS)),
            *[body] * count,
            FONT,
        ]
    )


def text_bomb(size_mb=64):
    """A page whose content stream inflates to `size_mb` MiB of text-drawing operators."""
    ops = TEXT_OPS + b"\n"
    return one_page(stream(zlib.compress(ops * (size_mb * 1024 * 1024 // len(ops)), 9)))


def many_pages(count=5000):
    """`count` pages, all drawing the same small content stream."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        stream(zlib.compress(TEXT_OPS)),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (first_page + count)
    )
    objects += [page] * count + [FONT]
    return pdf_file(objects)


def deeply_nested(depth=100_000):
    """A page dictionary holding an array nested `depth` levels deep, inline."""
    nested = b"[" * depth + b"1" + b"]" * depth
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Nested "
            + nested
            + b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(zlib.compress(TEXT_OPS)),
            FONT,
        ]
    )


def deep_page_tree(depth=100_000):
    """A page tree `depth` levels deep: each Pages node's only kid is the next Pages node."""
    first = 2
    objects = [b"<< /Type /Catalog /Pages %d 0 R >>" % first]
    for level in range(depth):
        number = first + level
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (number + 1))
    page, contents = first + depth, first + depth + 1
    objects += [
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page - 1, contents, contents + 1),
        stream(zlib.compress(TEXT_OPS)),
        FONT,
    ]
    return pdf_file(objects)


def page_tree_cycle():
    """A page tree whose Pages node lists itself among its kids."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(zlib.compress(TEXT_OPS)),
            FONT,
        ]
    )


def reference_loop():
    """A content stream whose /Length is a reference to itself."""
    return one_page(b"<< /Length 4 0 R >>\nstream\n" + TEXT_OPS + b"\nendstream")


def lying_page_count():
    """A page tree that claims a billion pages."""
    return one_page(stream(zlib.compress(TEXT_OPS))).replace(b"/Count 1", b"/Count 1000000000", 1)


def plain_pdf(text="Punkt 1: Godkendelse af dagsorden", *, encrypt_with=None):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 6, text)
    if encrypt_with:
        pdf.set_encryption(owner_password="ejer", user_password=encrypt_with)
    return bytes(pdf.output())


def truncated():
    whole = plain_pdf("Punkt 1: Noget\n" * 80)
    return whole[: len(whole) // 2]


def encrypted():
    return plain_pdf(encrypt_with="hemmelig")


def header_only():
    return b"%PDF-1.7\n"


def zero_bytes():
    return b""
