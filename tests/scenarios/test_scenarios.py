"""The scenario files (``tests/scenarios/*.yaml``, issue 12): each one is a test, named after its file.

A scenario states course facts, a day and the expected answer in Danish words a caseworker or a lawyer can
check; :mod:`tests.scenarios.runner` compares only what it states and prints one line per differing field.
A scenario marked ``kendt afvigelse`` (the code disagrees with the guidance) is a strict expected failure: it
must fail until the rule is corrected, and then the mark is removed. See docs/scenarios.md.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.scenarios import runner


def _scenario_params() -> list[object]:
    params = []
    for path in runner.paths():
        marks = []
        try:
            disagreement = runner.load(path).known_disagreement
        except runner.ScenarioError:
            disagreement = None  # the test itself reports what is wrong with the file
        if disagreement:
            marks.append(pytest.mark.xfail(strict=True, reason=f"kendt afvigelse: {disagreement}"))
        params.append(pytest.param(path, marks=marks, id=path.stem))
    return params


def _load(path: Path) -> runner.Scenario:
    try:
        return runner.load(path)
    except runner.ScenarioError as exc:
        pytest.fail(f"Fejl i scenariet {exc}", pytrace=False)


@pytest.mark.parametrize("path", _scenario_params())
def test_scenario(path: Path) -> None:
    scenario = _load(path)
    try:
        lines = runner.mismatches(scenario)
    except runner.ScenarioError as exc:
        pytest.fail(f"Fejl i scenariet {exc}", pytrace=False)
    if lines:
        pytest.fail(runner.report(scenario, lines), pytrace=False)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in runner.paths()])
def test_scenario_quotes_its_guidance_paragraph_word_for_word(path: Path) -> None:
    guidance = runner.guidance_path()
    if guidance is None:
        pytest.skip(f"the guidance {runner.GUIDANCE_NAME} is not beside the repository (../shared/sources/)")
    scenario = _load(path)
    problems = runner.quote_problems(scenario, guidance)
    if problems:
        pytest.fail(runner.report(scenario, problems), pytrace=False)


def test_there_are_at_least_40_scenarios_and_one_for_every_rule_R1_to_R28() -> None:
    scenarios = [runner.load(p) for p in runner.paths()]
    assert len(scenarios) >= 40
    covered = {rule for s in scenarios for rule in s.rules}
    assert [r for r in runner.RULE_IDS if r not in covered] == []


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r06-proeve.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


A_COURSE = """\
    navn: Første samtale holdt
    regler: [R6]
    kilde:
      - afsnit: "3.2"
        citat: "A-kassen er forpligtet til at afholde den første jobsamtale senest 2 uger efter personens tilmelding som jobsøgende."
    dag: 2026-01-20
    forløb:
      registered_on: 2026-01-05
      placed_on: 2026-01-05
      insurance: fuldtid
      birth_date: 1985-04-12
      vocational_qualification: true
      interviews:
        - {id: a1, kind: jobsamtale, organisation: akasse, start: 2026-01-12T09:00:00+01:00, end: 2026-01-12T09:45:00+01:00, format: personligt_fremmoede, status: afholdt, booked_by: indkaldelse}
"""


def test_a_wrong_expectation_is_reported_with_the_file_the_field_and_both_values(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        A_COURSE
        + """\
    forventet:
      ansvarlig: jobcenter
      forpligtelser:
        - {regel: R6, holdt: 1, frist: 2026-01-19, tilstand: overskredet}
      sagsbehandlere:
        jobcenter:
          må: [indkald]
""",
    )
    scenario = runner.load(path)
    message = runner.report(scenario, runner.mismatches(scenario))
    assert message.splitlines() == [
        f"{path} — «Første samtale holdt»",
        "  forventet.ansvarlig: forventet 'jobcenter', fik 'a-kasse'",
        "  forventet.forpligtelser[0] (R6).tilstand: forventet 'overskredet', fik 'opfyldt'",
        "  forventet.sagsbehandlere.jobcenter.må (indkald): må ikke (efter R1: Kun den organisation, der har ansvaret"
        " for forløbet på det tidspunkt, kan gøre dette. Det er a-kassen.)",
    ]


def test_only_what_a_scenario_states_is_compared(tmp_path: Path) -> None:
    path = _write(tmp_path, A_COURSE + "    forventet:\n      forpligtelser:\n        - {regel: R6, tilstand: opfyldt}\n")
    assert runner.mismatches(runner.load(path)) == []


def test_an_unknown_key_is_refused_with_the_closest_known_one(tmp_path: Path) -> None:
    path = _write(tmp_path, A_COURSE + "    forventet:\n      ansvarig: a-kasse\n")
    with pytest.raises(runner.ScenarioError, match="ukendt nøgle 'ansvarig'; mente du 'ansvarlig'"):
        runner.load(path)


def test_an_unknown_word_lists_the_words_to_use(tmp_path: Path) -> None:
    path = _write(tmp_path, A_COURSE + "    forventet:\n      ansvarlig: kommunen\n")
    with pytest.raises(runner.ScenarioError, match="ukendt organisation 'kommunen'; brug: a-kasse, jobcenter"):
        runner.mismatches(runner.load(path))


def test_invalid_facts_name_the_field_of_the_course(tmp_path: Path) -> None:
    path = _write(tmp_path, A_COURSE.replace("insurance: fuldtid", "insurance: halvtid") + "    forventet: {}\n")
    [line] = runner.mismatches(runner.load(path))
    assert line.startswith("forløb: forventet et gyldigt forløb, men det blev afvist (felt insurance: ")
    assert line.endswith('skriv forventet: {afvist: {felt: "insurance"}}, hvis det er meningen')


# ---- afvist: facts the course JSON reader refuses (issue 12, correction 6) ------------------------------------

DUPLICATE_ID = A_COURSE + (
    "        - {id: a1, kind: jobsamtale, organisation: akasse, start: 2026-02-16T10:00:00+01:00,"
    " end: 2026-02-16T10:30:00+01:00, format: telefonisk, status: booket}\n"
)


def test_a_refused_course_stated_as_refused_naming_its_field_passes(tmp_path: Path) -> None:
    path = _write(tmp_path, DUPLICATE_ID + '    forventet:\n      afvist: {felt: "interviews[1].id"}\n')
    assert runner.mismatches(runner.load(path)) == []


def test_a_refused_course_stated_as_accepted_fails_naming_the_field_and_the_message(tmp_path: Path) -> None:
    path = _write(tmp_path, DUPLICATE_ID + "    forventet:\n      ansvarlig: a-kasse\n")
    scenario = runner.load(path)
    assert runner.report(scenario, runner.mismatches(scenario)).splitlines() == [
        f"{path} — «Første samtale holdt»",
        "  forløb: forventet et gyldigt forløb, men det blev afvist (felt interviews[1].id: id 'a1' er allerede brugt"
        " af interviews[0]; hvert id må kun bruges én gang); skriv forventet: {afvist: {felt: \"interviews[1].id\"}},"
        " hvis det er meningen",
    ]


def test_an_accepted_course_stated_as_refused_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, A_COURSE + '    forventet:\n      afvist: {felt: "interviews[0].id"}\n')
    assert runner.mismatches(runner.load(path)) == [
        "forventet.afvist: forventet afvist i feltet 'interviews[0].id', men forløbet blev læst uden fejl"
    ]


def test_a_course_refused_at_another_field_fails_naming_both_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, DUPLICATE_ID + "    forventet:\n      afvist: {felt: placed_on}\n")
    [line] = runner.mismatches(runner.load(path))
    assert line.startswith("forventet.afvist.felt: forventet 'placed_on', fik 'interviews[1].id' (felt interviews[1].id: ")


@pytest.mark.parametrize(
    ("expected", "error"),
    [
        ("afvist: ja", "forventet.afvist skal have 'felt'"),
        ("afvist: {felt: placed_on, fordi: x}", "ukendt nøgle 'fordi'"),
        ("{afvist: {felt: placed_on}, ansvarlig: a-kasse}", "et afvist forløb har intet svar at sammenligne; fjern ansvarlig"),
    ],
    ids=["no-field", "unknown-key", "with-an-answer"],
)
def test_a_refusal_is_written_as_afvist_with_only_a_field(tmp_path: Path, expected: str, error: str) -> None:
    text = DUPLICATE_ID + ("    forventet: " + expected if expected.startswith("{") else "    forventet:\n      " + expected) + "\n"
    with pytest.raises(runner.ScenarioError, match=error):
        runner.load(_write(tmp_path, text))


def test_a_quote_that_is_not_in_its_section_is_reported(tmp_path: Path) -> None:
    guidance = runner.guidance_path()
    if guidance is None:
        pytest.skip("the guidance is not beside the repository")
    path = _write(tmp_path, A_COURSE.replace('afsnit: "3.2"', 'afsnit: "4.1"') + "    forventet: {}\n")
    problems = runner.quote_problems(runner.load(path), guidance)
    assert problems == [
        "kilde afsnit 4.1: citatet står ikke i afsnittet: «A-kassen er forpligtet til at afholde den første"
        " jobsamtale senest 2 uger efter personens tilmelding som jobsøgende.»"
    ]
    assert runner.quote_problems(runner.load(_write(tmp_path, A_COURSE + "    forventet: {}\n")), guidance) == []
