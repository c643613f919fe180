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
