from dateline.sentences import split_paragraph, split_sentences


def test_abbreviations_do_not_split():
    text = "Mr. Hill met Gen. Lee in the U.S. capital on Jan. 5. They talked for an hour."
    assert split_paragraph(text) == [
        "Mr. Hill met Gen. Lee in the U.S. capital on Jan. 5.",
        "They talked for an hour.",
    ]


def test_quotes_and_question_marks():
    text = 'He said: "We will meet tomorrow." Was it true? Nobody knew.'
    assert split_paragraph(text) == ['He said: "We will meet tomorrow."', "Was it true?", "Nobody knew."]


def test_lines_are_boundaries_unless_hard_wrapped():
    one_per_line = "The quake struck at dawn .\nThousands fled .\nAid arrived on Friday ."
    assert len(split_sentences(one_per_line)) == 3
    wrapped = (
        "The committee met on Monday to discuss the\n"
        "budget for next year and agreed that the\n"
        "plan should be published by the end of\n"
        "the month. It adjourned at noon."
    )
    assert split_sentences(wrapped) == [
        "The committee met on Monday to discuss the budget for next year and agreed that the "
        "plan should be published by the end of the month.",
        "It adjourned at noon.",
    ]


def test_paragraphs_and_empty():
    assert split_sentences("") == []
    assert split_sentences("First one.\n\nSecond one.") == ["First one.", "Second one."]


def test_strip_lead_in_removes_wire_datelines_bylines_and_stamps():
    from dateline.sentences import strip_lead_in

    cases = {
        "OSLO | Tue Mar 1, 2011 6:36 pm EST OSLO (Reuters) - The fjord ferry sank.": "The fjord ferry sank.",
        "Ferry sinks in fjord OSLO | Tue Mar 1, 2011 6:36 pm EST OSLO (Reuters) - The ferry sank.":
            "The ferry sank.",
        "Bergen, Norway (CNN) -- Divers reached the wreck on Wednesday.": "Divers reached the wreck on Wednesday.",
        "3 May 2011 Last updated at 04:27 GMT Help Divers reached the wreck.": "Divers reached the wreck.",
        "(Updated 6:40 p.m. (0140 in Oslo)) The coast guard ended the search.": "The coast guard ended the search.",
        "Ferry inquiry opens | By the CNN Staff The inquiry opened in Oslo.": "The inquiry opened in Oslo.",
        "Photograph: Kari Nordmann/AP The ferry capsized in calm water.": "The ferry capsized in calm water.",
    }
    for raw, want in cases.items():
        assert strip_lead_in(raw) == want, raw


def test_strip_lead_in_keeps_ordinary_sentences_and_drops_reader_comments():
    from dateline.sentences import strip_lead_in

    keep = [
        "He said (in Oslo) - quietly - that the ferry was safe.",
        '"We will find them," the captain said on Tuesday.',
        "The ferry, built in 1998 (Ulstein), sank at 6:36 pm.",
    ]
    for s in keep:
        assert strip_lead_in(s) == s
    assert strip_lead_in("March 8, 2011 at 6:18 pm | I think the ferry was overloaded.") == ""
    assert strip_lead_in("24th June 2011 - 20:55 My thoughts are with the families.") == ""
    sents = split_sentences("OSLO (Reuters) - The ferry sank. Two people died.")
    assert sents == ["The ferry sank.", "Two people died."]
