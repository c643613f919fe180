"""TimelineJS3 export: structure of the data object, escaping, and the format validator."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from dateline.model import Citation, Timeline, TimelineEntry
from dateline.render.timelinejs import (
    render_timelinejs,
    render_timelinejs_json,
    validate_timelinejs,
)

D = dt.date


def make_timeline() -> Timeline:
    def c(text, doc, **kw):
        return Citation(text=text, doc_id=doc, **kw)

    entries = [
        TimelineEntry(D(1998, 1, 1), "year", [c("Talks stalled in 1998.", "x.txt")], 1),
        TimelineEntry(D(2000, 8, 1), "month", [
            c("Japan resumed food aid in August 2000 <script>alert(1)</script>.", "y.txt",
              source="AP", url="javascript:alert(1)", title="Aid <b>resumes</b>",
              published="2000-08-30", date_inferred=True)], 2, low_confidence=True),
        TimelineEntry(D(2002, 8, 18), "day", [
            c("Red Cross officials met Sunday in Pyongyang. " * 5, "z.txt", source="BBC",
              url="https://bbc.example/a?b=1&c=2", title="Talks", published="2002-08-18"),
            c("Tokyo demanded answers.", "z.txt", source="BBC", published="2002-08-18"),
        ], 3),
        TimelineEntry(D(2002, 8, 18), "day", [c("Same day again.", "w.txt")], 1),
    ]
    return Timeline(title="Japan & <North> Korea", entries=entries, documents=[],
                    stats={"used": 4, "sources": 2})


@pytest.fixture(scope="module")
def obj():
    return render_timelinejs(make_timeline())


def test_structure(obj):
    assert set(obj) == {"title", "events", "scale"}
    assert obj["scale"] == "human"
    assert obj["title"]["text"]["headline"] == "Japan &amp; &lt;North&gt; Korea"
    assert "4 dates" in obj["title"]["text"]["text"]
    assert "start_date" not in obj["title"]
    events = obj["events"]
    assert len(events) == 4
    assert [e["start_date"] for e in events] == [
        {"year": 1998, "display_date": "1998"},
        {"year": 2000, "month": 8, "display_date": "Aug 2000 (low confidence)"},  # flagged on its heading
        {"year": 2002, "month": 8, "day": 18, "display_date": "18 August 2002"},
        {"year": 2002, "month": 8, "day": 18, "display_date": "18 August 2002"},
    ]
    for e in events:
        assert isinstance(e["start_date"]["year"], int)
        assert set(e["text"]) == {"headline", "text"}
        assert e["text"]["headline"] and e["text"]["text"]
    ids = [e["unique_id"] for e in events]
    assert ids == ["d-1998", "d-2000-08", "d-2002-08-18", "d-2002-08-18-2"]


def test_text_is_escaped_and_cites_its_sources(obj):
    month = obj["events"][1]["text"]
    assert "<script>" not in json.dumps(obj)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in month["text"]
    assert "&lt;b&gt;resumes&lt;/b&gt;" in month["text"]
    assert "javascript:" not in month["text"]
    assert "date inferred" in month["text"] and "low confidence" in month["text"]
    day = obj["events"][2]["text"]
    assert 'href="https://bbc.example/a?b=1&amp;c=2"' in day["text"]
    assert "Tokyo demanded answers." in day["text"]
    assert len(day["headline"]) <= 111 and day["headline"].endswith("…")


def test_export_validates_and_roundtrips(obj):
    assert validate_timelinejs(obj) == []
    text = render_timelinejs_json(make_timeline())
    assert json.loads(text) == obj
    assert text == render_timelinejs_json(make_timeline())  # deterministic


def test_written_by_timeline_write(tmp_path):
    written = make_timeline().write(str(tmp_path), ("timelinejs",))
    path = tmp_path / "timelinejs.json"
    assert written["timelinejs"] == str(path)
    assert validate_timelinejs(json.loads(path.read_text())) == []


def _broken(obj, change):
    o = copy.deepcopy(obj)
    change(o)
    return validate_timelinejs(o)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda o: o.pop("events"), "'events' is required"),
        (lambda o: o.update(events=[]), "at least one event"),
        (lambda o: o.update(events={"a": 1}), "must be a list"),
        (lambda o: o["events"][0].pop("start_date"), "'start_date' is required"),
        (lambda o: o["events"][0]["start_date"].pop("year"), "'year' is required"),
        (lambda o: o["events"][0]["start_date"].update(year="1998"), "whole number"),
        (lambda o: o["events"][0]["start_date"].update(year=1998.5), "whole number"),
        (lambda o: o["events"][0]["start_date"].update(year=True), "whole number"),
        (lambda o: o["events"][1]["start_date"].update(month=13), "outside 1-12"),
        (lambda o: o["events"][1]["start_date"].update(month=0), "outside 1-12"),
        (lambda o: o["events"][2]["start_date"].update(day=32), "outside 1-31"),
        (lambda o: o["events"][2]["start_date"].update(month=2, day=30), "no day 30"),
        (lambda o: o["events"][0]["start_date"].update(day=3), "without 'month'"),
        (lambda o: o["events"][2]["start_date"].update(hour=24), "outside 0-23"),
        (lambda o: o["events"][3].update(unique_id="d-1998"), "already used"),
        (lambda o: o["events"][3].update(unique_id="title"), "already used"),
        (lambda o: o["events"][3].update(unique_id=""), "non-empty string"),
        (lambda o: o["events"][0].update(text="plain"), "must be an object"),
        (lambda o: o["events"][0]["text"].update(headline=5), "must be a string"),
        (lambda o: o["events"][0].update(media={"caption": "x"}), "'url' is required"),
        (lambda o: o["events"][0].update(end_date={"year": 1990}), "before start_date"),
        (lambda o: o["events"][0].update(group=3), "must be a string"),
        (lambda o: o["events"][0].update(autolink="no"), "true or false"),
        (lambda o: o["events"][0].update(colour="red"), "unknown slide property"),
        (lambda o: o.update(scale="galactic"), "'human' or 'cosmological'"),
        (lambda o: o.update(eras=[{"start_date": {"year": 2000}}]), "start_date' and 'end_date"),
        (lambda o: o.update(extra=1), "unknown top-level property"),
        (lambda o: o["events"][0]["start_date"].update(year=float("nan")), "serialisable"),
        (lambda o: o["title"].update(text=None), "must be an object"),
    ],
)
def test_validator_catches_broken_objects(obj, change, expected):
    errors = _broken(obj, change)
    assert errors, "the validator accepted a broken object"
    assert any(expected in e for e in errors), errors


def test_validator_accepts_the_documented_optional_parts(obj):
    o = copy.deepcopy(obj)
    o["events"][2].update(
        end_date={"year": 2002, "month": 8, "day": 19, "hour": 12, "minute": 0, "second": 0},
        media={"url": "https://example.org/p.jpg", "caption": "c", "credit": "cr"},
        group="talks", display_date="Aug 18-19", background={"color": "#0f9bd1"},
    )
    o["eras"] = [{"start_date": {"year": 1998}, "end_date": {"year": 2002}, "text": {"headline": "e"}}]
    o["scale"] = "cosmological"
    assert validate_timelinejs(o) == []
    assert validate_timelinejs([]) and validate_timelinejs("x")


def test_cli_writes_timelinejs(tmp_path, examples_dir):
    pytest.importorskip("dateline.ingest")
    from dateline.cli import main

    assert main(["build", str(examples_dir), "-o", str(tmp_path), "-q", "-j", "1",
                 "--format", "timelinejs"]) == 0
    obj = json.loads((tmp_path / "timelinejs.json").read_text())
    assert validate_timelinejs(obj) == []
    tl = json.loads(json.dumps(obj))
    assert len(tl["events"]) >= 1
