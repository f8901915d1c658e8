"""Issue 12 in `python -m scheduling explain`: R26 nr. 3 needs the joined day (JSON), the R23 signal, R4 before referral.

R26 nr. 3: a work-sharing exemption needs the day the person joined the scheme.

Guidance (VEJ nr 10044 af 14/12/2023), section 7.1: "De 6 uger regnes fra det tidspunkt, hvor personen omfattes af
arbejdsfordelingsordningen."
"""

import json

import pytest

from scheduling.__main__ import main

COURSE = {
    "registered_on": "2026-01-05", "placed_on": "2026-01-05", "insurance": "fuldtid", "birth_date": "1985-04-12",
    "vocational_qualification": True,
}


@pytest.mark.parametrize("exemption", [
    {"id": "f1", "ground": "nr3", "starts_on": "2026-02-02"},
    {"id": "f1", "ground": "nr3", "starts_on": "2026-02-02", "event_on": None},
])
def test_R26_work_sharing_without_joined_date_exits_2_naming_the_field(exemption, tmp_path, capsys):
    path = tmp_path / "course.json"
    path.write_text(json.dumps({**COURSE, "exemptions": [exemption]}), encoding="utf-8")
    assert main(["explain", str(path), "--on", "2026-02-10"]) == 2
    err = capsys.readouterr().err
    assert "exemptions[0].event_on" in err and "arbejdsfordeling" in err


def test_R26_work_sharing_explained_with_its_end_date(tmp_path, capsys):
    path = tmp_path / "course.json"
    exemption = {"id": "f1", "ground": "nr3", "starts_on": "2026-02-02", "event_on": "2026-01-26"}
    path.write_text(json.dumps({**COURSE, "exemptions": [exemption]}), encoding="utf-8")
    assert main(["explain", str(path), "--on", "2026-02-10", "--text"]) == 0
    assert "til og med 8. marts 2026" in capsys.readouterr().out


def test_R23_explain_shows_the_earlier_revocation_signal_and_notice(capsys):
    """Guidance 4.2: "a-kassen kan fratage personen retten til selvbooking i de første 3 måneder for de personer,
    som a-kassen varetager kontaktforløbet for"."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "scheduling/examples/11-revocation-after-handover.json"
    assert main(["explain", str(example), "--text"]) == 0
    out = capsys.readouterr().out
    signals = out.split("Signaler til sagsbehandlerens konkrete vurdering (ikke en afgørelse):", 1)[1]
    assert "A-kassen fratog personen retten til selvbooking den 10. februar 2026" in signals.split("\n\n")[0]
    assert "Det kan du selv booke:" in out
    assert "Din a-kasse tog den 10. februar 2026 din ret til selv at booke jobsamtaler fra dig" in out


def test_R4_explain_before_referral_lists_the_referral_apart_from_interviews(capsys):
    """Guidance 2.1: "A-kassen skal sørge for, at visiteringen til kontaktforløbet i jobcentret sker senest to uger
    efter, at personen er blevet tilmeldt som jobsøgende." """
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "scheduling/examples/12-r4-before-referral.json"
    assert main(["explain", str(example), "--text"]) == 0
    out = capsys.readouterr().out
    assert "Din a-kasse sender dig videre til jobcentret senest 19. januar 2026" in out
    interviews = out.split("Samtaler, der skal holdes:", 1)[1].split("\n\n", 1)[0]
    assert "R4" not in interviews and "R6" not in interviews
    assert "Andre frister (ikke samtaler):\n  R4 a-kassen: visitering til jobcentret, senest 19. januar 2026" in out
    assert "indkalder dig til din første jobsamtale" not in out
