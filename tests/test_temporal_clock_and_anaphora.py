"""Issue #14, the tagger: clock times and page stamps are not years, names and similes are not
dates, well-known days resolve, anaphora anchor to the period the text last named, and an
arrangement in the present progressive points ahead."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.temporal import tag

DCT = dt.date(2010, 1, 19)  # a Tuesday


def values(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize("text, expected", [
    ("19 JANUARY, 1130 GMT, BANI The trucks arrived.", [("19 JANUARY, 1130 GMT", "2010-01-19T11:30")]),
    ("The curfew starts at 1800 hrs.", [("1800 hrs", "2010-01-19T18:00")]),
    ("A statement is due at 0930 local time.", [("0930 local time", "2010-01-19T09:30")]),
])
def test_four_digit_clock_times_are_times(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "1901 The minister says she will cut her trip short.",
    "0832 Rescuers say they have pulled a woman from the rubble.",
    "1404 Jan Kubis, the envoy, says the airport is open.",
    "The charity is based at 1600 Pennsylvania Avenue.",
    "Outside it felt like New Year's Eve.",
    "Christmas came early for the winner.",
])
def test_stamps_addresses_and_similes_are_not_dates(text):
    assert values(text) == []


def test_a_year_with_evidence_stays_a_year():
    assert values("In 1960 the largest quake hit the region.") == [("1960", "1960")]
    assert values("The 1960 earthquake was the largest.") == [("1960", "1960")]


def test_well_known_days():
    assert values("Security has tightened since 9/11.") == [("9/11", "2001-09-11")]
    assert values("the victims of the September 11 attacks") == [("September 11", "2001-09-11")]
    # a plain 11 September is still resolved from the DCT
    assert values("The talks resume on September 11.", dt.date(2010, 9, 1)) == [
        ("September 11", "2010-09-11")]


def test_anaphora_anchor_to_the_period_last_named():
    assert values("The plant closed in 1998. That year, 400 jobs went.") == [
        ("1998", "1998"), ("That year", "1998")]
    assert values("They married in June 2001 and three years later moved.") == [
        ("June 2001", "2001-06"), ("three years later", "2004")]
    # "that year" with nothing to point to is not an expression
    assert values("That year was hard for everyone.") == []


def test_a_present_progressive_arrangement_points_ahead():
    dct = dt.date(2013, 10, 4)  # a Friday
    assert values("We are meeting the unions on Monday, a spokesman said.", dct) == [
        ("Monday", "2013-10-07")]
    assert values("Police said the men were arrested on Tuesday.", dct) == [
        ("Tuesday", "2013-10-01")]


def test_span_edges_and_nouns_ending_in_ed():
    from dateline.temporal import span_edge

    for text, word, edge in [
        ("At least 100 people have been killed since March 18 in the city.", "March 18", True),
        ("He was waiting since the ceasefire began last Thursday.", "last Thursday", True),
        ("Immediately after Tuesday's earthquake, aid came.", "Tuesday", True),
        ("Ahead of Sunday's vote, he spoke.", "Sunday", True),
        ("Before dawn on Friday, troops moved in.", "Friday", False),
        ("The protests began on January 25.", "January 25", False),
    ]:
        assert span_edge(text, text.index(word)) is edge, text
    # "seabed" is no past tense: the funnel is still to be deployed
    got = tag("A giant funnel will be deployed to the seabed on Thursday, BP says.", dt.date(2010, 5, 5))
    assert [(t.text, t.value) for t in got] == [("Thursday", "2010-05-06")]


@pytest.mark.parametrize("text, dct, value", [
    ("He meets the company's chairman at the White House on Wednesday.", "2010-06-13", "2010-06-16"),
    ("The museum reopens Saturday.", "2011-10-07", "2011-10-08"),
    ("Saturday's match is sold out.", "2011-10-07", "2011-10-08"),
    ("The airline has a plane standing by to fly to Haiti with supplies on Saturday.", "2010-01-15", "2010-01-16"),
    ("Protesters gathered in the square on Friday.", "2011-10-07", "2011-10-07"),
    ("Tuesday's earthquake killed thousands.", "2010-01-14", "2010-01-12"),
    ("The talks resumed on Monday, officials said.", "2011-10-07", "2011-10-03"),
    ("The airline said it had a Boeing 747 standing by to fly to Haiti with supplies on Saturday.", "2010-01-15",
     "2010-01-16"),
    ("They went to vote on Sunday.", "2010-01-15", "2010-01-10"),
    ("They planned to vote on Sunday.", "2010-01-15", "2010-01-17"),
])
def test_weekday_direction_from_the_governing_verb(text, dct, value):
    from dateline.temporal import syntax

    if not syntax.available():
        pytest.skip("the spaCy English pipeline is not installed")
    got = [t.value for t in tag(text, dt.date.fromisoformat(dct)) if t.type == "DATE"]
    assert got == [value]


@pytest.mark.parametrize("text, value", [
    ("The minister arrived on Monday. That afternoon he met the president.", "2011-10-03TAF"),
    ("He spoke on Monday and the same afternoon he left.", "2011-10-03TAF"),
    ("He spoke on Monday and the next afternoon he left.", "2011-10-04TAF"),
])
def test_an_afternoon_is_not_after(text, value):
    got = [t.value for t in tag(text, dt.date(2011, 10, 7))]
    assert got[-1] == value
