"""timeline.csv: what a spreadsheet opens, and nothing it would run."""

from __future__ import annotations

import csv
import datetime as dt
import io

from dateline.model import Citation, Timeline, TimelineEntry
from dateline.render import FILE_NAMES, render
from dateline.render.spreadsheet import COLUMNS, safe_cell


def _timeline() -> Timeline:
    hostile = Citation(text="=HYPERLINK(\"http://evil\",\"click\") rose, said Zoë Müller.", doc_id="@doc",
                       source="+cmd|' /C calc'!A0", url="https://example.org/a?b=1,2",
                       title="-2+3 \"quoted\", with a comma\nand a line break", published="2021-05-02")
    plain = Citation(text="Talks resumed in Genève.", doc_id="d2", published="2021-05-03")
    return Timeline(title="t", entries=[
        TimelineEntry(date=dt.date(2021, 5, 1), granularity="day", summary=[hostile, plain], sources=2,
                      date_inferred=True, low_confidence=True),
        TimelineEntry(date=dt.date(1999, 1, 1), granularity="year", summary=[plain], sources=3,
                      background=True)], documents=[])


def test_csv_rows_columns_bom_and_crlf():
    text = render(_timeline(), "csv")
    assert FILE_NAMES["csv"] == "timeline.csv"
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 (accents) only with the BOM
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    assert rows[0]["date"] == "2021-05-01" and rows[0]["label"] == "1 May 2021"
    assert rows[0]["date_inferred"] == "yes" and rows[0]["low_confidence"] == "yes" and rows[0]["background"] == ""
    assert rows[2]["date"] == "1999" and rows[2]["background"] == "yes"
    assert rows[1]["sentence"] == "Talks resumed in Genève." and rows[1]["source"] == ""
    assert rows[0]["url"] == "https://example.org/a?b=1,2"
    assert rows[0]["title"].endswith("with a comma\nand a line break")  # quoted, kept whole


def test_csv_cells_never_start_a_formula():
    rows = list(csv.reader(io.StringIO(render(_timeline(), "csv").lstrip("\ufeff"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["sentence"].startswith("'=HYPERLINK") and first["doc_id"] == "'@doc"
    assert first["source"].startswith("'+cmd") and first["title"].startswith("'-2+3")
    assert safe_cell(None) == "" and safe_cell("plain") == "plain" and safe_cell("\tx") == "'\tx"


def test_xlsx_holds_the_same_rows_as_text_and_is_deterministic(tmp_path):
    import re
    import zipfile
    from xml.etree import ElementTree as ET

    from dateline.render.spreadsheet import _rows

    tl = _timeline()
    data = render(tl, "xlsx")
    assert isinstance(data, bytes) and data == render(_timeline(), "xlsx")  # same bytes
    assert FILE_NAMES["xlsx"] == "timeline.xlsx"
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        shared = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<f>" not in sheet  # no formula anywhere, whatever the article says
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
               for si in ET.fromstring(shared).findall("m:si", ns)]
    cells = re.findall(r'<c r="([A-Z]+)(\d+)"[^>]*t="s"[^>]*><v>(\d+)</v>', sheet)
    grid: dict[int, dict[str, str]] = {}
    for col, row, idx in cells:
        grid.setdefault(int(row), {})[col] = strings[int(idx)]
    header = [grid[1][c] for c in sorted(grid[1], key=lambda c: (len(c), c))]
    assert tuple(header) == COLUMNS
    expected = list(_rows(tl))
    assert len(grid) == len(expected) + 1
    first = grid[2]
    assert first["C"] == expected[0][2] and first["C"].startswith("=HYPERLINK(")  # text, not formula
    assert first["D"].startswith("+cmd")
    assert 'state="frozen"' in sheet and "<autoFilter" in sheet
