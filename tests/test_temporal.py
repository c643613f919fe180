"""Unit tests of the temporal tagger: every expression type, tense, TimeML conventions, offsets.

The sentences here are different from the benchmark set (benchmarks/data/temporal_set.jsonl):
these tests pin down behaviour, the benchmark measures it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline import temporal
from dateline.temporal import Relative, Timex, mentions, tag, tense, to_mention, to_timeml

D = dt.date


def one(text: str, dct: dt.date | None, expr: str | None = None) -> Timex:
    """The expression of ``text`` whose text is ``expr`` (or the only one)."""
    txs = tag(text, dct)
    if expr is None:
        assert len(txs) == 1, [(t.text, t.value) for t in txs]
        return txs[0]
    found = [t for t in txs if t.text == expr]
    assert found, (expr, [(t.text, t.value) for t in txs])
    return found[0]


def values(text: str, dct: dt.date | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


# --------------------------------------------------------------------------------------------
# absolute dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expr,value", [
    ("Filed on 2010-11-03 in Delhi.", "2010-11-03", "2010-11-03"),
    ("The ceasefire of 3 March 2005 held.", "3 March 2005", "2005-03-03"),
    ("The ceasefire of March 3, 2005 held.", "March 3, 2005", "2005-03-03"),
    ("It was signed on Sept. 9 , 1998 .", "Sept. 9 , 1998", "1998-09-09"),
    ("It opened on Tuesday, 4 May 1999.", "Tuesday, 4 May 1999", "1999-05-04"),
    ("The deal dated 11/24/2004 was void.", "11/24/2004", "2004-11-24"),
    ("The deal dated 24.11.2004 was void.", "24.11.2004", "2004-11-24"),
    ("Sales collapsed in November of 1998.", "November of 1998", "1998-11"),
    ("Sales collapsed in Nov. 1998.", "Nov. 1998", "1998-11"),
    ("The dam was finished in 1936.", "1936", "1936"),
    ("Growth was strong in the second quarter of 2006.", "the second quarter of 2006", "2006-Q2"),
    ("Losses mounted in the second half of 2007.", "the second half of 2007", "2007-H2"),
    ("The house was built in the winter of 1988.", "the winter of 1988", "1988-WI"),
])
def test_absolute_dates(text, expr, value):
    tx = one(text, D(2011, 6, 1), expr)
    assert (tx.type, tx.value, tx.relative) == ("DATE", value, None)


def test_decades_and_centuries():
    assert one("Prices were stable in the 1960s.", None).value == "196"
    assert one("Prices were stable in the 1960s.", None).text == "the 1960s"
    tx = one("It was a hit in the early 1980s.", None)
    assert (tx.text, tx.value, tx.mod) == ("the early 1980s", "198", "START")
    assert one("They met in the mid-1970s.", None).mod == "MID"
    assert one("It was common in the '60s.", D(2005, 1, 1)).value == "196"
    assert one("It was common in the seventies.", D(2005, 1, 1)).value == "197"
    assert one("The castle dates from the 14th century.", None).value == "13"
    assert one("It began in the twentieth century.", None).value == "19"


def test_year_is_not_a_count_or_a_name():
    dct = D(2011, 2, 2)
    assert tag("Some 2,000 people and 1,500 troops were there.", dct) == []
    assert tag("The sultan kept 1800 horses and the ship 1999 barrels.", dct) == []
    assert tag("Windows 2000 crashed on Flight 2012.", dct) == []
    assert tag("Resolution 1441 was adopted unanimously.", dct) == []
    assert values("Turnout beat the 2004 election.", dct) == [("2004", "DATE", "2004")]
    assert values("Exports fell in 2009.", dct) == [("2009", "DATE", "2009")]


def test_names_are_not_dates():
    dct = D(2012, 4, 1)
    assert tag("The Sunday Times and the Mail on Sunday ran it.", dct) == []
    assert tag("He told Fox News Sunday he would run.", dct) == []
    assert tag("'May I?' asked Theresa May.", dct) == []
    assert tag("Veterans recalled the March on Washington.", dct) == []
    assert tag("The Arab Spring changed the region.", dct) == []
    assert tag("The Good Friday Agreement was signed long ago.", dct) == []
    assert tag("He appeared on 60 Minutes and Piers Morgan Tonight.", dct) == []


# --------------------------------------------------------------------------------------------
# weekdays and tense
# --------------------------------------------------------------------------------------------

MON = D(2002, 8, 19)  # a Monday


@pytest.mark.parametrize("text,value", [
    ("The ministers met Sunday.", "2002-08-18"),
    ("The ministers are to meet Sunday.", "2002-08-25"),
    ("The envoy will travel on Friday.", "2002-08-23"),
    ("The envoy travelled on Friday.", "2002-08-16"),
    ("The ministry said on Thursday that talks had stalled.", "2002-08-15"),
    ("The results are expected Wednesday.", "2002-08-21"),
    ("The vote is scheduled for Tuesday.", "2002-08-20"),
    ("The suspect will be released on Saturday.", "2002-08-24"),
    ("Rebels vowed to attack on Wednesday.", "2002-08-21"),
    ("Saturday's vote was peaceful.", "2002-08-17"),
    ("Police said Monday that two men were held.", "2002-08-19"),  # same weekday as the DCT
    ("The talks resume Monday.", "2002-08-19"),
    ("He said earlier Monday that he would resign.", "2002-08-19"),
    ("The plane landed last Monday.", "2002-08-12"),  # last: never the DCT itself
    ("The plane lands next Monday.", "2002-08-26"),
    ("The plane landed last Friday.", "2002-08-16"),
])
def test_weekdays_by_tense(text, value):
    tx = one(text, MON, None)
    assert (tx.type, tx.value) == ("DATE", value), text
    assert tx.relative is not None and tx.relative.unit == "weekday"


def test_weekday_relative_without_dct():
    tx = one("They met Sunday.", None)
    assert tx.value == "XXXX-WXX-7"
    assert tx.relative == Relative("weekday", -1, weekday=6)
    tx = one("They will meet Sunday.", None)
    assert tx.relative == Relative("weekday", 1, weekday=6)


def test_tense_function():
    s = "He said the two sides will meet again Sunday."
    assert tense(s, s.index("Sunday"), len(s) - 1) == 1
    s = "The two sides met Sunday, he said."
    assert tense(s, s.index("Sunday"), s.index("Sunday") + 6) == -1
    s = "Sunday was quiet."
    assert tense(s, 0, 6) == -1
    s = "Nothing to see Sunday"
    assert tense(s, 15, 21) == -1  # no cue: news reports what happened


def test_late_and_early_weekday_are_modifiers_not_directions():
    tx = one("The rig caught fire late Tuesday.", D(2010, 4, 22))
    assert (tx.text, tx.value, tx.mod) == ("late Tuesday", "2010-04-20", "END")


# --------------------------------------------------------------------------------------------
# dates relative to the DCT
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expr,value", [
    ("The test last December alarmed Tokyo.", "last December", "2001-12"),
    ("Talks are planned for next March.", "next March", "2003-03"),
    ("Talks are planned for this December.", "this December", "2002-12"),
    ("The summit will take place next week.", "next week", "2002-W35"),
    ("Officials met last week.", "last week", "2002-W33"),
    ("Growth slowed this year.", "this year", "2002"),
    ("Growth slowed last year.", "last year", "2001"),
    ("Growth will recover next year.", "next year", "2003"),
    ("Prices rose last month.", "last month", "2002-07"),
    ("Prices rose earlier this month.", "earlier this month", "2002-08"),
    ("Prices will rise later this year.", "later this year", "2002"),
    ("The launch 15 months ago failed.", "15 months ago", "2001-05"),
    ("The launch 15 month ago failed.", "15 month ago", "2001-05"),
    ("The launch two years ago failed.", "two years ago", "2000"),
    ("The launch three days ago failed.", "three days ago", "2002-08-16"),
    ("The launch two weeks ago failed.", "two weeks ago", "2002-W32"),
    ("The launch a decade ago failed.", "a decade ago", "199"),
    ("The report is due two weeks from now.", "two weeks from now", "2002-W36"),
    ("The two sides met on August 18.", "August 18", "2002-08-18"),
    ("The two sides will meet on September 3.", "September 3", "2002-09-03"),
    ("The two sides met in June.", "June", "2002-06"),
    ("The two sides will meet in October.", "October", "2002-10"),
    ("The two sides met in October.", "October", "2001-10"),
    ("Profit rose in the first quarter.", "the first quarter", "2002-Q1"),
    ("Profit rose last quarter.", "last quarter", "2002-Q2"),
    ("The vote is due next spring.", "next spring", "2003-SP"),
    ("Turnout was low last summer.", "last summer", "2001-SU"),  # the DCT is in the summer
    ("The report comes out this autumn.", "this autumn", "2002-FA"),
    ("He visited this weekend.", "this weekend", "2002-W34-WE"),
])
def test_relative_to_dct(text, expr, value):
    tx = one(text, MON, expr)
    assert (tx.type, tx.value) == ("DATE", value), text


def test_year_boundaries():
    assert one("The storm hit last week.", D(2010, 1, 4)).value == "2009-W53"
    assert one("The fire on Dec. 30 was arson.", D(2010, 1, 4)).value == "2009-12-30"
    assert one("The law will take effect on January 1.", D(2009, 12, 31)).value == "2010-01-01"
    assert one("Fighting flared last summer.", D(2009, 12, 31)).value == "2009-SU"
    assert one("Prices fell last month.", D(2010, 1, 15)).value == "2009-12"


def test_deictic_and_parts_of_day():
    dct = D(2007, 3, 6)
    assert values("He arrived yesterday and leaves today.", dct) == [
        ("yesterday", "DATE", "2007-03-05"), ("today", "DATE", "2007-03-06")]
    assert values("The day before yesterday was calm.", dct) == [
        ("The day before yesterday", "DATE", "2007-03-04")]
    assert values("A vote is set for the day after tomorrow.", dct) == [
        ("the day after tomorrow", "DATE", "2007-03-08")]
    assert values("He will speak tonight.", dct) == [("tonight", "TIME", "2007-03-06TNI")]
    assert values("He spoke last night.", dct) == [("last night", "TIME", "2007-03-05TNI")]
    assert values("He leaves tomorrow morning.", dct) == [
        ("tomorrow morning", "TIME", "2007-03-07TMO")]
    assert values("He left this afternoon.", dct) == [("this afternoon", "TIME", "2007-03-06TAF")]
    assert values("They met Sunday evening.", dct) == [("Sunday evening", "TIME", "2007-03-04TEV")]


def test_times():
    dct = D(2007, 3, 6)
    assert values("Talks resume tomorrow morning at 10.", dct) == [
        ("tomorrow morning at 10", "TIME", "2007-03-07T10:00")]
    assert values("The polls open at 7 a.m. and close at 9:30 p.m.", dct) == [
        ("7 a.m.", "TIME", "2007-03-06T07:00"), ("9:30 p.m.", "TIME", "2007-03-06T21:30")]
    assert values("The ferry left Sunday at 3 p.m.", dct) == [
        ("Sunday at 3 p.m.", "TIME", "2007-03-04T15:00")]
    assert values("It ended at 11:15 a.m. Monday.", dct) == [
        ("11:15 a.m. Monday", "TIME", "2007-03-05T11:15")]
    assert values("Voting ends at noon.", dct) == [("noon", "TIME", "2007-03-06T12:00")]
    tx = one("The blast came at about 8 p.m.", dct)
    assert (tx.text, tx.value, tx.mod) == ("about 8 p.m.", "2007-03-06T20:00", "APPROX")
    # a clock time belongs to the day named earlier in the same sentence
    assert values("On March 1, 2007 the quake struck at 2:28 p.m. local time.", dct)[-1] == (
        "2:28 p.m.", "TIME", "2007-03-01T14:28")
    assert values("Wed Mar 2 , 2011 7:54 am EST CAIRO", None) == [
        ("Wed Mar 2 , 2011 7:54 am EST", "TIME", "2011-03-02T07:54")]


# --------------------------------------------------------------------------------------------
# durations, sets, reference words, modifiers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expr,value,mod", [
    ("He waited 15 months for a visa.", "15 months", "P15M", None),
    ("He was held for two years.", "two years", "P2Y", None),
    ("He was held for several years.", "several years", "PXY", None),
    ("He was held for a few days.", "a few days", "PXD", None),
    ("The talks lasted three hours.", "three hours", "PT3H", None),
    ("The break lasted 45 minutes.", "45 minutes", "PT45M", None),
    ("He ruled for two decades.", "two decades", "P2DE", None),
    ("He ruled for nearly 30 years.", "nearly 30 years", "P30Y", "LESS_THAN"),
    ("He ruled for more than 30 years.", "more than 30 years", "P30Y", "MORE_THAN"),
    ("He ruled for about 30 years.", "about 30 years", "P30Y", "APPROX"),
    ("He ruled for at least 30 years.", "at least 30 years", "P30Y", "EQUAL_OR_MORE"),
    ("Jobs were lost over the past three years.", "the past three years", "P3Y", None),
    ("The talks could last for weeks.", "weeks", "PXW", None),
    ("An 18-month inquiry found nothing.", "18-month", "P18M", None),
    ("Mubarak 's 30-year rule ended .", "30-year", "P30Y", None),
    ("It ended a week after the vote.", "a week", "P1W", None),
])
def test_durations(text, expr, value, mod):
    tx = one(text, D(2011, 2, 12), expr)
    assert (tx.type, tx.value, tx.mod) == ("DURATION", value, mod)


def test_ages_are_not_durations():
    assert tag("A 12-year-old boy and his 40-year-old father.", D(2011, 1, 1)) == []


@pytest.mark.parametrize("text,expr,value", [
    ("The fair is held every year.", "every year", "P1Y"),
    ("The board meets every Sunday.", "every Sunday", "XXXX-WXX-7"),
    ("The board meets weekly.", "weekly", "P1W"),
    ("Crews report daily.", "daily", "P1D"),
    ("The rules are reviewed annually.", "annually", "P1Y"),
    ("The board meets twice a month.", "twice a month", "P1M"),
    ("Elections are held every four years.", "every four years", "P4Y"),
])
def test_sets(text, expr, value):
    tx = one(text, D(2011, 2, 12), expr)
    assert (tx.type, tx.value) == ("SET", value)


@pytest.mark.parametrize("text,expr,value", [
    ("The bank is now for sale.", "now", "PRESENT_REF"),
    ("Its shares are currently suspended.", "currently", "PRESENT_REF"),
    ("The bank recently sold a unit.", "recently", "PAST_REF"),
    ("Such storms will be common in the future.", "the future", "FUTURE_REF"),
    ("Such storms were rare in the past.", "the past", "PAST_REF"),
    ("The plant was built years ago.", "years ago", "PAST_REF"),
])
def test_reference_words(text, expr, value):
    tx = one(text, D(2011, 2, 12), expr)
    assert (tx.type, tx.value) == ("DATE", value)


@pytest.mark.parametrize("text,expr,value,mod", [
    ("Talks began in early 2002.", "early 2002", "2002", "START"),
    ("Talks began in mid-2002.", "mid-2002", "2002", "MID"),
    ("Talks began in late 2002.", "late 2002", "2002", "END"),
    ("Talks ended at the end of 2002.", "the end of 2002", "2002", "END"),
    ("Talks ended late last year.", "late last year", "2010", "END"),
    ("Talks resume early next week.", "early next week", "2011-W07", "START"),
    ("Talks end at the end of the month.", "the end of the month", "2011-02", "END"),
    ("Talks began in early March.", "early March", "2010-03", "START"),
    ("The mine closed about two years ago.", "about two years ago", "2009", "APPROX"),
    ("The mine closed more than 40 years ago.", "more than 40 years ago", "1971", "BEFORE"),
    ("The town was founded around 1900.", "around 1900", "1900", "APPROX"),
])
def test_modifiers(text, expr, value, mod):
    tx = one(text, D(2011, 2, 12), expr)
    assert (tx.value, tx.mod) == (value, mod)


# --------------------------------------------------------------------------------------------
# conventions without a DCT
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expr,value", [
    ("The test last December alarmed Tokyo.", "last December", "XXXX-12"),
    ("They met on August 18.", "August 18", "XXXX-08-18"),
    ("He left yesterday.", "yesterday", "XXXX-XX-XX"),
    ("He leaves tomorrow morning.", "tomorrow morning", "XXXX-XX-XXTMO"),
    ("They meet next week.", "next week", "XXXX-WXX"),
    ("Growth slowed this year.", "this year", "XXXX"),
    ("Prices rose earlier this month.", "earlier this month", "XXXX-XX"),
    ("The launch 15 months ago failed.", "15 months ago", "XXXX-XX"),
    ("The launch two years ago failed.", "two years ago", "XXXX"),
    ("The war ended in 1998.", "1998", "1998"),
    ("He waited 15 months.", "15 months", "P15M"),
    ("The bank is now for sale.", "now", "PRESENT_REF"),
])
def test_unresolved_without_dct(text, expr, value):
    assert one(text, None, expr).value == value


def test_relative_descriptions_for_dating():
    """dating.py reads Timex.relative: keep the contract (unit, offset, weekday, month, day)."""
    assert one("The launch 15 months ago failed.", None).relative == Relative("month", -15)
    assert one("The test last December failed.", None).relative == Relative("monthname", -1,
                                                                           month=12)
    assert one("They met on August 18.", None).relative == Relative("monthday", -1, month=8,
                                                                      day=18)
    assert one("He left yesterday.", None).relative == Relative("day", -1)
    assert one("They met next week.", None).relative == Relative("week", 1)
    assert one("Turnout was low last summer.", None).relative.unit == "season"
    assert one("The war ended in 1998.", None).relative is None
    for tx in tag("On May 3, 2001 they met; the next day they left.", None):
        assert tx.relative is None or tx.relative.unit in {
            "day", "week", "month", "year", "weekday", "monthname", "monthday", "season",
            "anaphoric"}


# --------------------------------------------------------------------------------------------
# document level: anaphora
# --------------------------------------------------------------------------------------------


def test_anaphora_uses_the_previous_date_of_the_text():
    text = ("The talks opened on March 6, 2007. The next day the delegation left.\n\n"
            "Two days later the talks were suspended, and the following day they resumed.")
    got = [(t.text, t.value) for t in tag(text, D(2007, 3, 12))]
    assert got == [("March 6, 2007", "2007-03-06"), ("The next day", "2007-03-07"),
                   ("Two days later", "2007-03-09"), ("the following day", "2007-03-10")]
    # without a previous date there is nothing to resolve against
    assert one("The next day he left.", D(2007, 3, 12)).value == "XXXX-XX-XX"


# --------------------------------------------------------------------------------------------
# offsets
# --------------------------------------------------------------------------------------------


def _check_offsets(text: str, dct=None):
    txs = tag(text, dct)
    assert txs
    for t in txs:
        assert text[t.start:t.end] == t.text
    return txs


def test_offsets_with_leading_newlines():
    text = "\n\n\n  The ministers met Sunday."
    (tx,) = _check_offsets(text, MON)
    assert (tx.start, tx.end, tx.text) == (23, 29, "Sunday")


def test_offsets_across_a_line_break():
    text = "Published\nAugust\n29, 2012\nThe delegations met."
    (tx,) = _check_offsets(text)
    assert (tx.text, tx.value) == ("August\n29, 2012", "2012-08-29")
    assert tx.start == text.index("August")


def test_offsets_after_non_ascii_text():
    text = "Ñandú — «Пхеньян» 東京: the envoys met on 3 May 2004 😀 and left Sunday."
    txs = _check_offsets(text, D(2004, 5, 5))
    assert [(t.text, t.value) for t in txs] == [("3 May 2004", "2004-05-03"),
                                                ("Sunday", "2004-05-02")]
    assert txs[0].start == text.index("3 May")


def test_offsets_with_crlf():
    text = "Line one.\r\nThey met on\r\nJune 2, 2003.\r\n"
    (tx,) = _check_offsets(text)
    assert tx.value == "2003-06-02"


def test_tokenized_t17_style_text():
    text = ("Mubarak stepped down on February 11 , 2011 , after 18 days of protests .\n"
            "`` We won , '' a protester said -LRB- Friday -RRB- .\nSunday 's vote was calm .")
    got = [(t.text, t.value) for t in _check_offsets(text, D(2011, 2, 14))]
    assert got == [("February 11 , 2011", "2011-02-11"), ("18 days", "P18D"),
                   ("Friday", "2011-02-11"), ("Sunday", "2011-02-13")]


# --------------------------------------------------------------------------------------------
# TimeML, mentions, determinism
# --------------------------------------------------------------------------------------------


def test_to_timeml_escapes_text_and_attributes():
    text = 'Profit < costs & "fees" since 2001 & early 2002.'
    out = to_timeml(text, tag(text, None))
    assert out == ('Profit &lt; costs &amp; "fees" since <TIMEX3 tid="t1" type="DATE" '
                   'value="2001">2001</TIMEX3> &amp; <TIMEX3 tid="t2" type="DATE" value="2002" '
                   'mod="START">early 2002</TIMEX3>.')
    import xml.dom.minidom

    xml.dom.minidom.parseString(f"<TimeML>{out}</TimeML>")  # well-formed


def test_to_timeml_round_trips_the_text():
    text = "\nThey met <Sunday> & agreed to meet again next week.\n"
    out = to_timeml(text, tag(text, MON))
    import re
    from xml.sax.saxutils import unescape

    assert unescape(re.sub(r"</?TIMEX3[^>]*>", "", out)) == text


def test_mentions_keep_granularity_day_month_year_only():
    text = ("They met Sunday, in March 2001 and in 1998; talks next week, in the 1970s, "
            "this spring, for two years, every year, now, and tomorrow morning.")
    got = [(m.text, m.value, m.granularity, m.date) for m in mentions(text, MON)]
    assert got == [
        ("Sunday", "2002-08-18", "day", D(2002, 8, 18)),
        ("March 2001", "2001-03", "month", D(2001, 3, 1)),
        ("1998", "1998", "year", D(1998, 1, 1)),
        ("tomorrow morning", "2002-08-20", "day", D(2002, 8, 20)),
    ]
    for m in mentions(text, MON):
        assert text[m.start:m.end] == m.text
    assert to_mention(Timex(0, 5, "x", "DURATION", "P2Y")) is None
    # a bare clock time only implies its day: not a date mention; a named day with a time is
    assert mentions("The polls open at 7 a.m. local time.", MON) == []
    assert [m.value for m in mentions("The ferry left Sunday at 3 p.m.", MON)] == ["2002-08-18"]
    assert to_mention(Timex(0, 5, "x", "DATE", "XXXX-12")) is None


def test_deterministic():
    text = ("The talks opened on March 6, 2007. The next day the delegation walked out; "
            "the envoy will return next week, officials said Tuesday.") * 20
    first = tag(text, D(2007, 3, 8))
    for _ in range(3):
        assert tag(text, D(2007, 3, 8)) == first
    assert temporal.tag(text, dt.datetime(2007, 3, 8, 10, 0)) == first  # a datetime DCT works


def test_empty_and_dateless_text():
    assert tag("", None) == []
    assert tag("No dates here at all, just words and 42 numbers.", MON) == []


# --------------------------------------------------------------------------------------------
# holidays, weekends, titles and other corners
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,dct,expr,value", [
    ("Stores were packed on Christmas Eve.", D(2009, 1, 5), "Christmas Eve", "2008-12-24"),
    ("The ceasefire should hold until Christmas.", D(2010, 11, 20), "Christmas", "2010-12-25"),
    ("Parliament breaks for Easter.", D(2011, 4, 1), "Easter", "2011-04-24"),
    ("They met on Good Friday.", D(2008, 3, 25), "Good Friday", "2008-03-21"),
    ("Sales rose on Thanksgiving Day 2008.", None, "Thanksgiving Day 2008", "2008-11-27"),
    ("Fireworks lit the sky on New Year's Eve.", D(2010, 1, 2), "New Year's Eve", "2009-12-31"),
])
def test_holidays(text, dct, expr, value):
    tx = one(text, dct, expr)
    assert (tx.type, tx.value) == ("DATE", value)


def test_holiday_names_that_are_not_dates():
    dct = D(2010, 6, 1)
    assert tag("The Good Friday Agreement and Christmas Island.", dct) == []
    assert tag("Middle Eastern and Pentecostal groups met.", dct) == []


def test_bare_weekend_by_tense():
    assert one("Talks collapsed over the weekend.", D(2015, 6, 29)).value == "2015-W26-WE"
    assert one("Talks will resume over the weekend.", D(2015, 6, 24)).value == "2015-W26-WE"
    assert one("Computers worked over the weekend.", D(2000, 1, 3)).value == "1999-W52-WE"


def test_titles_and_fractions_are_not_expressions():
    dct = D(2010, 8, 4)
    assert tag("Stars joined the Hope for Haiti Now telethon.", dct) == []
    assert tag("About three-quarters of the oil has gone.", dct) == []
    assert tag("Massive Spill Washes Ashore One Year Later", dct) == []


def test_more_durations_and_reference_idioms():
    dct = D(2013, 5, 15)
    assert one("The index rose for six consecutive months.", dct).value == "P6M"
    assert one("Cases doubled in the past fortnight.", dct).value == "P2W"
    assert values("She led the polls as recently as Monday.", dct) == [
        ("Monday", "DATE", "2013-05-13")]
    assert one("Prices rose in recent years.", dct).value == "PAST_REF"


def test_tense_from_the_rest_of_the_sentence():
    # no verb cue in the clause of "Sunday": the future of the first clause decides
    got = values("Voters go to the polls tomorrow; Maine Democrats vote on Sunday.", D(2008, 2, 8))
    assert got == [("tomorrow", "DATE", "2008-02-09"), ("Sunday", "DATE", "2008-02-10")]
    # a participle after "to" is not a future ("to repeal a law passed in March")
    assert one("Voters decide whether to repeal a law passed in March.", D(2011, 11, 8)
               ).value == "2011-03"


def test_day_or_month_anchored_to_a_relative_period():
    d = dt.date(2010, 6, 24)  # a Thursday
    got = [(t.text, t.value) for t in temporal.tag("He died on 25 June last year.", d)]
    assert got == [("25 June last year", "2009-06-25")]
    got = [(t.text, t.value) for t in temporal.tag("It opened in March next year.", d)]
    assert got == [("March next year", "2011-03")]
    got = [(t.text, t.value) for t in temporal.tag("The raid on Tuesday last week failed.", d)]
    assert got == [("Tuesday last week", "2010-06-15")]
    # a comma ends the expression: two separate ones
    got = [(t.text, t.value) for t in temporal.tag("He came on 3 July, last year he left.", d)]
    assert got == [("3 July", "2010-07-03"), ("last year", "2009")]
