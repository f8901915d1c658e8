"""What the caseload's one search field understands (issue 14): parts of a name, a whole CPR number, or the
birth date part of one; anything else is a problem the page names (:func:`scheduling.caseload.caseload_search`)."""

from __future__ import annotations

import pytest

from scheduling.caseload import CaseloadSearch, SearchProblem, caseload_search, name_key


def test_a_name_is_kept_as_words_in_lower_case_each_after_a_space():
    assert name_key("Mikkel Hansen") == " mikkel hansen"
    assert name_key("  Åse  ØSTERGÅRD-Æbelø ") == " åse østergård æbelø"  # a hyphen starts a word too
    assert name_key("A" * 300) == " " + "a" * 199  # fits the column


def test_a_name_search_is_the_words_typed_in_lower_case():
    assert caseload_search("mik HAN") == CaseloadSearch(words=("mik", "han"))
    assert caseload_search("  Søren   Ø ") == CaseloadSearch(words=("søren", "ø"))
    assert caseload_search("Anne-Marie") == CaseloadSearch(words=("anne", "marie"))


def test_a_decomposed_letter_is_the_same_letter():
    assert caseload_search("A\u030ase") == CaseloadSearch(words=("åse",))  # å typed as a + ring above
    assert name_key("A\u030ase Berg") == " åse berg"


@pytest.mark.parametrize("text", ["0101901234", "010190-1234", " 010190 - 1234 "])
def test_ten_digits_are_one_cpr_number(text):
    assert caseload_search(text) == CaseloadSearch(cpr="0101901234")


def test_six_digits_are_a_birth_date():
    assert caseload_search("010190") == CaseloadSearch(born="010190")
    assert caseload_search("010190-") == CaseloadSearch(born="010190")


def test_nothing_typed_is_no_search():
    assert caseload_search("") == CaseloadSearch()
    assert caseload_search("   ") == CaseloadSearch()
    assert not caseload_search(" ").active


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("01019012345", SearchProblem.CPR_DIGITS),  # 11 digits
        ("0101901", SearchProblem.CPR_DIGITS),
        ("1404", SearchProblem.CPR_DIGITS),
        ("mikkel 010190", SearchProblem.NAME_AND_DIGITS),
        ("12ab", SearchProblem.NAME_AND_DIGITS),
        ("%", SearchProblem.NOTHING_TO_FIND),
        ("-- _ .", SearchProblem.NOTHING_TO_FIND),
    ],
)
def test_other_input_is_a_problem_to_name_and_searches_for_nobody(text, problem):
    search = caseload_search(text)
    assert search.problem is problem and search.active and not (search.words or search.cpr or search.born)
