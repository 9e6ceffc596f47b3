"""Writes kalmar_lan.pdf: a two-page förbundsordning as a PDF with a text layer, like a published one.

Run `python tests/corpus/forbundsordningar/make_pdf.py` to rebuild it. Hand-written PDF (no PDF library
needed): one Helvetica font with WinAnsiEncoding so that å, ä and ö survive, one text line per row, a
page footer with "Sida N av M" like real published documents, and words split with a hyphen at line ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

PAGES: tuple[tuple[str, ...], ...] = (
    (
        "FÖRBUNDSORDNING",
        "för Samordningsförbundet i Kalmar län",
        "",
        "§ 1 Namn och säte",
        "Förbundets namn är Samordningsförbundet i Kalmar län. Förbundet har sitt säte i Kalmar.",
        "§ 2 Medlemmar",
        "Förbundets medlemmar är Region Kalmar län, Borgholms kommun, Emmaboda kommun, Hultsfreds",
        "kommun, Kalmar kommun, Mönsterås kommun, Mörbylånga kommun, Nybro kommun, Torsås kommun,",
        "Försäkringskassan och Arbetsförmedlingen.",
        "§ 3 Ändamål",
        "Förbundets ändamål är att genom finansiell samordning underlätta för personer i behov av",
        "samordnade rehabiliteringsinsatser att nå egen försörjning.",
        "§ 4 Organisation",
        "Förbundet är en egen juridisk person och leds av en styrelse. Till sitt stöd har styrelsen",
        "ett kansli med en förbundschef.",
        "§ 5 Styrelse",
        "Styrelsen består av elva ledamöter och elva ersättare. Varje medlem utser en ledamot och en",
        "ersättare. Mandattiden för ledamöter och ersättare är fyra år.",
        "§ 6 Uppgifter och beslutanderätt",
        "Styrelsen ska besluta om mål och riktlinjer för den finansiella samordningen och om hur de",
        "samlade resurserna ska användas.",
        "§ 7 Initiativrätt",
        "Medlemmarna har rätt att väcka ärenden i styrelsen.",
        "§ 8 Kungörelser",
        "Förbundets kungörelser och tillkännagivanden ska anslås på förbundets anslagstavla på",
        "förbundets webbplats.",
    ),
    (
        "§ 9 Andelar och kostnader",
        "Försäkringskassan bidrar med 50 procent av förbundets medel, Region Kalmar län med 25",
        "procent och kommunerna med sammanlagt 25 procent, fördelat efter antalet invånare. Med-",
        "lemmarnas andelar i förbundets tillgångar och skulder fördelas på samma sätt.",
        "§ 10 Styrning och insyn",
        "Styrelsen ska varje tertial informera medlemmarna om verksamhetens utveckling och ekonomi.",
        "§ 11 Budget",
        "Styrelsen fastställer budget för nästkommande år senast den 30 november efter samråd med",
        "medlemmarna.",
        "§ 12 Revision",
        "Region Kalmar län utser en revisor och kommunerna utser gemensamt en revisor. Försäkrings-",
        "kassan utser en revisor för statens räkning. Revisorernas mandattid är fyra år.",
        "§ 13 Utträde",
        "En kommun eller regionen får utträda ur förbundet med tre års uppsägningstid.",
        "§ 14 Likvidation och upplösning",
        "Förbundet ska träda i likvidation om förutsättningarna för fortsatt verksamhet inte längre",
        "finns. Styrelsen är likvidator.",
        "§ 15 Tvister",
        "Tvister mellan förbundet och medlemmarna ska avgöras av allmän domstol.",
    ),
)

_WIDTH, _HEIGHT = 595, 842  # A4 in points


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: Sequence[str], number: int, total: int) -> bytes:
    rows = [b"BT /F1 10 Tf 14 TL 56 790 Td"]
    rows += [b"(" + _escape(line) + b") Tj T*" for line in lines]
    rows.append(b"ET")
    rows.append(b"BT /F1 9 Tf 270 40 Td (" + _escape(f"Sida {number} av {total}") + b") Tj ET")
    return b"\n".join(rows)


def build(pages: Sequence[Sequence[str]] = PAGES) -> bytes:
    """The PDF file as bytes: one page per line sequence, at most about 50 lines a page."""
    count = len(pages)
    page_ids = [4 + 2 * i for i in range(count)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        stream = _content(lines, i + 1, count)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (_WIDTH, _HEIGHT, page_ids[i] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe5\xe4\xf6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


if __name__ == "__main__":
    Path(__file__).with_name("kalmar_lan.pdf").write_bytes(build())
