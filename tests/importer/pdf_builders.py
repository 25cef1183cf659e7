"""Tiny hand-written PDFs for the refusal tests (no LibreOffice needed).

Only ASCII text with a standard font: these files test what is refused before or while the
text is read, never the Vietnamese text itself (that comes from LibreOffice, see office_files).
"""

from __future__ import annotations

import zlib


def build_pdf(pages: list[bytes], *, image: bytes = b"", trailer_extra: bytes = b"") -> bytes:
    """A PDF whose pages draw the given content streams and may show one image (/Im1).

    Objects: 1 catalog, 2 page tree, 3 font, then page/content pairs, then the image.
    """
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    first_extra = 4 + 2 * len(pages)
    for index, content in enumerate(pages):
        page_number = 4 + 2 * index
        kids.append(f"{page_number} 0 R".encode())
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
            b"<< /F1 3 0 R >> /XObject << /Im1 " + str(first_extra).encode() + b" 0 R >> >> "
            b"/Contents " + str(page_number + 1).encode() + b" 0 R >>"
        )
        objects.append(_stream(content))
    objects.append(
        image
        or b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream"
    )
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1)
        + trailer_extra
        + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def text_page(*lines: str) -> bytes:
    body = b"BT /F1 12 Tf 72 760 Td 16 TL "
    for line in lines:
        body += b"(" + line.encode("latin-1") + b") Tj T* "
    return body + b"ET"


def image_page() -> bytes:
    """What a scanner writes: one full-page image, no text."""
    return b"q 595 0 0 842 0 0 cm /Im1 Do Q"


def _stream(content: bytes, *, compress: bool = True) -> bytes:
    data = zlib.compress(content) if compress else content
    flate = b"/Filter /FlateDecode " if compress else b""
    return b"<< " + flate + b"/Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def flate_bomb(uncompressed_mb: int) -> bytes:
    """A stream object that inflates to `uncompressed_mb` MB of zeros (about 1000x)."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    data = b"".join(compressor.compress(chunk) for _ in range(uncompressed_mb))
    data += compressor.flush()
    return (
        b"<< /Type /XObject /Subtype /Image /Width 1024 /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (uncompressed_mb * 1024, len(data))
        + data
        + b"\nendstream"
    )


def encrypted_pdf() -> bytes:
    """A PDF with standard RC4 encryption and a user password nobody knows."""
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    file_id = b"<" + b"33" * 16 + b">"
    return build_pdf(
        [text_page("KE HOACH")],
        trailer_extra=b"/Encrypt " + encrypt + b" /ID [" + file_id + b" " + file_id + b"] ",
    )
