"""The rules' enum values as readable Danish words, for sentences the core writes itself.

The command line's text (``python -m scheduling explain --text``), the rules' own reasons ("Det er
%(organisation)s.") and the letters the services send put an organisation, an interview kind, a format or a
caseworker action in the middle of a Danish sentence, so these are lower-case words, not headings. One dict per
enum, each word marked with :func:`N_` for extraction. The web pages have their own display labels
(``portal/labels.py``).
"""

from __future__ import annotations

from scheduling.course import Format, InterviewKind, Organisation
from scheduling.evaluation import CaseworkerAction, ObligationState
from scheduling.reasons import N_

ORGANISATION = {
    Organisation.AKASSE: N_("a-kassen"),
    Organisation.JOBCENTER: N_("jobcentret"),
}

KIND = {
    InterviewKind.JOBSAMTALE: N_("jobsamtale"),
    InterviewKind.FAELLESSAMTALE: N_("fælles jobsamtale"),
    InterviewKind.RAADIGHEDSSAMTALE: N_("rådighedssamtale"),
    InterviewKind.CVSAMTALE: N_("CV-samtale"),
}

FORMAT = {
    Format.PERSONLIGT: N_("personligt fremmøde"),
    Format.TELEFONISK: N_("telefonisk"),
    Format.VIDEO: N_("personligt digitalt fremmøde (video)"),
}

OBLIGATION_STATE = {
    ObligationState.MET: N_("opfyldt"),
    ObligationState.OPEN: N_("åben"),
    ObligationState.DUE_SOON: N_("snart"),
    ObligationState.OVERDUE: N_("overskredet"),
    ObligationState.SUSPENDED: N_("sat i bero"),
    ObligationState.HELD_LATE: N_("holdt for sent"),
}

CASEWORKER_ACTION = {
    CaseworkerAction.CALL_IN: N_("indkalde til en samtale"),
    CaseworkerAction.RAISE_FORMAT: N_("beslutte, at en samtale holdes ved personligt fremmøde"),
    CaseworkerAction.REVOKE_SELF_BOOKING: N_("fratage retten til selvbooking"),
    CaseworkerAction.RESTORE_SELF_BOOKING: N_("give retten til selvbooking tilbage"),
    CaseworkerAction.EXEMPT_FROM_SELF_BOOKING: N_("fritage for selvbooking"),
    CaseworkerAction.LIFT_SELF_BOOKING_EXEMPTION: N_("ophæve fritagelsen for selvbooking"),
    CaseworkerAction.DECIDE_NOT_COVERED: N_("træffe afgørelse om, at personen ikke er omfattet af fritagelsen"),
    CaseworkerAction.RECORD_INTERVIEW: N_("registrere en samtale som holdt eller udeblevet"),
    CaseworkerAction.REFER_R4: N_("visitere til jobcentret (uddannelsespålæg)"),
    CaseworkerAction.REGISTER_CONTROL_ACTION: N_("registrere en kontrolaktion"),
    CaseworkerAction.REGISTER_EXEMPTION: N_("registrere en fritagelse (mindre intensiv indsats)"),
    CaseworkerAction.REGISTER_HOURS: N_("registrere timer"),
}
