"""Evidence files are accepted by extension AND content; everything else says why not."""

import io

import pytest

from tasks.evidence_check import DOCX, JPEG, PDF, PNG, XLSX, EvidenceRejected, check_evidence
from tests.factories import EVIDENCE_BYTES

MB = 1024 * 1024

ACCEPTED = [
    ("bao-cao.pdf", "pdf", PDF),
    ("BAO CAO.PDF", "pdf", PDF),
    ("ket-qua.docx", "docx", DOCX),
    ("so-lieu.xlsx", "xlsx", XLSX),
    ("anh.png", "png", PNG),
    ("anh.jpg", "jpg", JPEG),
    ("anh.jpeg", "jpg", JPEG),
    ("Báo cáo kết quả Quý I.pdf", "pdf", PDF),
]

REFUSED = [
    ("script.exe", b"MZ\x90\x00", "extension"),
    ("trang.html", b"<html></html>", "extension"),
    ("khong-duoi", EVIDENCE_BYTES["pdf"], "extension"),
    ("bao-cao.doc", b"\xd0\xcf\x11\xe0", "extension"),
    ("gia-mao.pdf", b"<html>not a pdf</html>", "content"),
    ("anh.png", EVIDENCE_BYTES["jpg"], "content"),
    ("anh.jpg", EVIDENCE_BYTES["png"], "content"),
    ("nen.docx", EVIDENCE_BYTES["zip"], "content"),
    ("bang.xlsx", EVIDENCE_BYTES["docx"], "content"),
    ("van-ban.docx", EVIDENCE_BYTES["xlsx"], "content"),
    ("hong.docx", b"PK\x03\x04 broken zip", "content"),
    ("rong.pdf", b"", "empty"),
]


@pytest.mark.parametrize(("name", "kind", "expected"), ACCEPTED)
def test_accepted(name, kind, expected):
    data = EVIDENCE_BYTES[kind]
    stream = io.BytesIO(data)
    assert check_evidence(name=name, size=len(data), max_bytes=MB, stream=stream) is expected
    assert stream.tell() == 0  # left ready for saving


@pytest.mark.parametrize(("name", "data", "problem"), REFUSED)
def test_refused(name, data, problem):
    with pytest.raises(EvidenceRejected) as caught:
        check_evidence(name=name, size=len(data), max_bytes=MB, stream=io.BytesIO(data))
    assert caught.value.problem == problem
    assert caught.value.name == name


def test_size_limit_is_checked_before_reading():
    data = EVIDENCE_BYTES["pdf"]
    with pytest.raises(EvidenceRejected) as caught:
        check_evidence(name="lon.pdf", size=MB + 1, max_bytes=MB, stream=io.BytesIO(data))
    assert caught.value.problem == "too_large"
