"""The caseworker's wording of every sentence the rules say *to the person*, kept beside it in one place.

The rules explain themselves to the person: "Din a-kasse skal holde din første jobsamtale senest %(day)s …". A
caseworker reads the same reason about the person, called by first name: "A-kassen skal holde den første jobsamtale
med %(name)s senest %(day)s …" (issue 14: caseworker pages never say the citizen's "du"/"dig"/"dine"). Each entry
is a pair keyed by the citizen's sentence, the message id every :class:`~scheduling.reasons.Reason` carries (also
one read back from the caseload's read model), so a reason needs nothing more to be said either way:
``reason.render(about="Mikkel")``. The caseworker's sentence has the reason's own parameters and ``%(name)s``.

A sentence that speaks to no one ("Samtalen er allerede holdt.") is not here: it reads the same on both sides.
``tests/unit/test_caseworker_wording.py`` checks that every sentence of the rules that says "du" has its pair here,
that no pair is left over when a sentence changes, and that no caseworker wording says du or you.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from scheduling.reasons import N_

CASEWORKER_WORDING: Mapping[str, str] = MappingProxyType(
    {
        # scheduling/rules/obligations.py: the obligations and their deadlines (R4, R6–R9, R12, R28)
        N_("Din a-kasse skal senest %(day)s sende dig videre til jobcentret, som har ansvaret for hele dit forløb."):
            N_("A-kassen skal senest %(day)s visitere %(name)s til jobcentret, som har ansvaret for hele forløbet."),
        N_("Jobcentret skal holde mindst %(count)s jobsamtaler med dig, inden du har været ledig i %(months)s måneder, senest %(day)s."):
            N_("Jobcentret skal holde mindst %(count)s jobsamtaler med %(name)s inden %(months)s måneders ledighed, senest %(day)s."),
        N_("Din a-kasse skal holde din første jobsamtale senest %(day)s, %(days)s dage efter du meldte dig ledig."):
            N_("A-kassen skal holde den første jobsamtale med %(name)s senest %(day)s, %(days)s dage efter tilmeldingen som ledig."),
        N_("Din a-kasse skal holde mindst %(count)s jobsamtaler med dig, inden jobcentret overtager efter %(day)s."):
            N_("A-kassen skal holde mindst %(count)s jobsamtaler med %(name)s, inden jobcentret overtager efter %(day)s."),
        N_("Jobcentret skal holde mindst %(count)s jobsamtaler med dig, efter det har overtaget, og inden du har været ledig i %(months)s måneder, senest %(day)s."):
            N_("Jobcentret skal holde mindst %(count)s jobsamtaler med %(name)s, efter det har overtaget, og inden %(months)s måneders ledighed, senest %(day)s."),
        N_("Jobcentret skal holde en fælles jobsamtale med dig om en intensiveret indsats, senest når du har været ledig i %(months)s måneder, forventet %(day)s."):
            N_("Jobcentret skal holde en fælles jobsamtale med %(name)s om en intensiveret indsats senest ved %(months)s måneders ledighed, forventet %(day)s."),
        N_("Efter de gamle regler skal din a-kasse holde en CV-samtale med dig inden for de første %(months)s måneder, senest %(day)s."):
            N_("Efter de gamle regler skal a-kassen holde en CV-samtale med %(name)s inden for de første %(months)s måneder, senest %(day)s."),
        N_("Efter de gamle regler skal jobcentret holde %(count)s jobsamtaler med dig inden for %(months)s måneder, senest %(day)s."):
            N_("Efter de gamle regler skal jobcentret holde %(count)s jobsamtaler med %(name)s inden for %(months)s måneder, senest %(day)s."),
        N_("Efter de gamle regler skal jobcentret holde %(count)s fælles jobsamtaler med dig og din a-kasse inden for %(months)s måneder, senest %(day)s."):
            N_("Efter de gamle regler skal jobcentret holde %(count)s fælles jobsamtaler med %(name)s og a-kassen inden for %(months)s måneder, senest %(day)s."),
        # scheduling/rules/responsibility.py: who is responsible (R1–R4, R28)
        N_("Dit forløb begyndte før 1. januar 2024. Derfor følger det de gamle regler, og jobcentret har ansvaret."):
            N_("Forløbet for %(name)s begyndte før 1. januar 2024. Derfor følger det de gamle regler, og jobcentret har ansvaret."),
        N_("Da du meldte dig ledig, var du under %(age)s år og havde ingen erhvervsuddannelse. Derfor har jobcentret ansvaret for hele dit forløb fra %(day)s."):
            N_("%(name)s var under %(age)s år og havde ingen erhvervsuddannelse ved tilmeldingen som ledig. Derfor har jobcentret ansvaret for hele forløbet fra %(day)s."),
        N_("Din a-kasse sender dig videre til jobcentret senest %(day)s. Fra da har jobcentret ansvaret for dine jobsamtaler, og du booker dem hos jobcentret."):
            N_("A-kassen skal visitere %(name)s til jobcentret senest %(day)s. Fra da har jobcentret ansvaret for jobsamtalerne, og %(name)s booker dem hos jobcentret."),
        N_("Din a-kasse skulle have sendt dig videre til jobcentret senest %(day)s og gør det snarest. Fra da har jobcentret ansvaret for dine jobsamtaler, og du booker dem hos jobcentret."):
            N_("A-kassen skulle have visiteret %(name)s til jobcentret senest %(day)s og skal gøre det snarest. Fra da har jobcentret ansvaret for jobsamtalerne, og %(name)s booker dem hos jobcentret."),
        N_("Din a-kasse har ansvaret for dine jobsamtaler. Vi forventer, at jobcentret overtager efter %(day)s. Datoen er et skøn og kan ændre sig."):
            N_("A-kassen har ansvaret for jobsamtalerne med %(name)s. Jobcentret overtager efter planen efter %(day)s. Datoen er et skøn og kan ændre sig."),
        N_("Din a-kasse har ansvaret for dine jobsamtaler til og med %(day)s. Derefter overtager jobcentret."):
            N_("A-kassen har ansvaret for jobsamtalerne med %(name)s til og med %(day)s. Derefter overtager jobcentret."),
        N_("Jobcentret har ansvaret for dine jobsamtaler. Din a-kasse havde ansvaret til og med %(day)s."):
            N_("Jobcentret har ansvaret for jobsamtalerne med %(name)s. A-kassen havde ansvaret til og med %(day)s."),
        # scheduling/rules/notices.py: what to be aware of (R11, R13, R23, R26, R28)
        N_("Du er fritaget for jobsøgning, jobsamtaler og tilbud. Der er ingen slutdato for fritagelsen. Så længe den gælder, løber ingen frister."):
            N_("%(name)s er fritaget for jobsøgning, jobsamtaler og tilbud. Der er ingen slutdato for fritagelsen. Så længe den gælder, løber ingen frister."),
        N_("Du er fritaget for jobsøgning, jobsamtaler og tilbud til og med %(day)s. Så længe fritagelsen gælder, løber ingen frister."):
            N_("%(name)s er fritaget for jobsøgning, jobsamtaler og tilbud til og med %(day)s. Så længe fritagelsen gælder, løber ingen frister."),
        N_("Din a-kasse tog den %(day)s din ret til selv at booke jobsamtaler fra dig. Den afgørelse gælder ikke længere, fordi jobcentret nu har ansvaret for dine samtaler. Du kan selv booke dine samtaler hos jobcentret, medmindre jobcentret beslutter noget andet."):
            N_("A-kassen fratog %(name)s retten til selv at booke jobsamtaler den %(day)s. Den afgørelse gælder ikke længere, fordi jobcentret nu har ansvaret for samtalerne. %(name)s kan selv booke samtalerne hos jobcentret, medmindre jobcentret beslutter noget andet."),
        N_("Ved hver jobsamtale skal du have vejledning om muligheden for at vende tilbage til dit hjemland (repatriering)."):
            N_("Ved hver jobsamtale skal %(name)s have vejledning om muligheden for at vende tilbage til sit hjemland (repatriering)."),
        N_("Dit forløb følger reglerne fra før 1. januar 2024, fordi du blev ledig før da."):
            N_("Forløbet for %(name)s følger reglerne fra før 1. januar 2024, fordi ledigheden begyndte før da."),
        N_("Du meldte dig ledig igen efter 1. januar 2024. Derfor gælder de nye regler for dit forløb."):
            N_("%(name)s meldte sig ledig igen efter 1. januar 2024. Derfor gælder de nye regler for forløbet."),
        N_("Du har været ledig i mere end %(months)s måneder. Du aftaler dit forløb med jobcentret og har ret til en jobsamtale, når du beder om det."):
            N_("%(name)s har været ledig i mere end %(months)s måneder, aftaler forløbet med jobcentret og har ret til en jobsamtale efter ønske."),
        # scheduling/rules/control.py: after a control action (R25)
        N_("Der er tvivl om, om du står til rådighed for et job. Du bliver indkaldt til en samtale, som skal holdes senest %(day)s."):
            N_("Der er tvivl om, om %(name)s står til rådighed for et job. Indkald til en samtale, som skal holdes senest %(day)s."),
        N_("På grund af et ophold i udlandet skal du til samtale hver %(days)s. dag indtil %(end)s. Den næste skal holdes senest %(day)s."):
            N_("På grund af et ophold i udlandet skal %(name)s til samtale hver %(days)s. dag indtil %(end)s. Den næste skal holdes senest %(day)s."),
        N_("Du skal have et tilbud om aktivering senest %(day)s."):
            N_("%(name)s skal have et tilbud om aktivering senest %(day)s."),
        # scheduling/rules/booking.py: who books, and what may be booked (R10, R12, R15–R24, R28)
        N_("Din første jobsamtale skal holdes ved personligt fremmøde, og samtaleformen kan ikke ændres."):
            N_("Den første jobsamtale med %(name)s skal holdes ved personligt fremmøde, og samtaleformen kan ikke ændres."),
        N_("Din ret til selv at booke jobsamtaler er taget fra dig ved en afgørelse. Du bliver i stedet indkaldt til dine samtaler. Du kan klage over afgørelsen inden for %(weeks)s uger."):
            N_("%(name)s har ved en afgørelse fået frataget retten til selv at booke jobsamtaler og indkaldes i stedet. %(name)s kan klage over afgørelsen inden for %(weeks)s uger."),
        N_("Du skal ikke selv booke dine jobsamtaler lige nu. Du bliver indkaldt til dem i stedet."):
            N_("%(name)s skal ikke selv booke jobsamtaler lige nu og indkaldes i stedet."),
        N_("Du er fritaget for jobsamtaler og skal ikke booke nogen samtaler, så længe fritagelsen gælder. Der er ingen slutdato for fritagelsen."):
            N_("%(name)s er fritaget for jobsamtaler og skal ikke booke samtaler, så længe fritagelsen gælder. Der er ingen slutdato for fritagelsen."),
        N_("Du er fritaget for jobsamtaler til og med %(day)s og skal ikke booke nogen samtaler indtil da."):
            N_("%(name)s er fritaget for jobsamtaler til og med %(day)s og skal ikke booke samtaler indtil da."),
        N_("Rådighedssamtaler er ikke en del af dit kontaktforløb. Din a-kasse fortæller dig, hvordan du kommer til dem."):
            N_("Rådighedssamtaler er ikke en del af kontaktforløbet. A-kassen fortæller %(name)s, hvordan de holdes."),
        N_("Din a-kasse indkalder dig til CV-samtalen."):
            N_("A-kassen indkalder %(name)s til CV-samtalen."),
        N_("Der er ingen særskilt CV-samtale i dit forløb. Dit CV gennemgås ved dine jobsamtaler."):
            N_("Der er ingen særskilt CV-samtale i forløbet for %(name)s. CV'et gennemgås ved jobsamtalerne."),
        N_("Fælles jobsamtaler holdes af jobcentret, og din a-kasse deltager."):
            N_("Fælles jobsamtaler holdes af jobcentret, og a-kassen deltager."),
        N_("Din a-kasse sender dig videre til jobcentret senest %(day)s. Derefter booker du dine jobsamtaler hos jobcentret."):
            N_("A-kassen skal visitere %(name)s til jobcentret senest %(day)s. Derefter booker %(name)s jobsamtalerne hos jobcentret."),
        N_("Jobcentret holder ikke jobsamtaler med dig, mens din a-kasse har ansvaret. Jobcentret overtager efter %(day)s."):
            N_("Jobcentret holder ikke jobsamtaler med %(name)s, mens a-kassen har ansvaret. Jobcentret overtager efter %(day)s."),
        N_("Din a-kasse har ikke længere ansvaret for dine jobsamtaler. Book dem hos jobcentret."):
            N_("A-kassen har ikke længere ansvaret for jobsamtalerne med %(name)s. De bookes hos jobcentret."),
        N_("Din a-kasse indkalder dig til din første jobsamtale."):
            N_("A-kassen indkalder %(name)s til den første jobsamtale."),
        N_("Du booker selv din jobsamtale og vælger, om du vil deltage ved fremmøde, i telefonen eller på video."):
            N_("%(name)s booker selv jobsamtalen og vælger, om samtalen holdes ved fremmøde, i telefonen eller på video."),
        N_("Jobcentret indkalder dig til fælles jobsamtaler."):
            N_("Jobcentret indkalder %(name)s til fælles jobsamtaler."),
        N_("Samtalen efter %(months)s måneders ledighed er en fælles jobsamtale. Din a-kasse deltager på video, medmindre du beder om, at den møder op, eller fravælger den."):
            N_("Samtalen efter %(months)s måneders ledighed er en fælles jobsamtale. A-kassen deltager på video, medmindre %(name)s beder om, at den møder op, eller fravælger den."),
        N_("Jobcentret indkalder dig til den fælles jobsamtale efter %(months)s måneders ledighed."):
            N_("Jobcentret indkalder %(name)s til den fælles jobsamtale efter %(months)s måneders ledighed."),
        N_("Din a-kasse deltager også i din første samtale i jobcentret. Den deltager på video, medmindre du beder om, at den møder op sammen med dig."):
            N_("A-kassen deltager også i den første samtale med %(name)s i jobcentret. Den deltager på video, medmindre %(name)s beder om, at den møder op."),
        N_("Din første samtale i jobcentret er kun med jobcentret. Din a-kasse deltager ikke."):
            N_("Den første samtale med %(name)s i jobcentret er kun med jobcentret. A-kassen deltager ikke."),
        N_("Jobcentret indkalder dig, hvis din a-kasse skal deltage i din første samtale i jobcentret. Uden din a-kasse kan du selv booke samtalen som en jobsamtale."):
            N_("Jobcentret indkalder %(name)s, hvis a-kassen skal deltage i den første samtale i jobcentret. Uden a-kassen kan %(name)s selv booke samtalen som en jobsamtale."),
        N_("Du kan først booke en fælles jobsamtale som samtalen efter %(months)s måneders ledighed."):
            N_("%(name)s kan først booke en fælles jobsamtale som samtalen efter %(months)s måneders ledighed."),
        N_("Du kan kun booke en fælles jobsamtale som din første samtale i jobcentret eller som samtalen efter %(months)s måneders ledighed."):
            N_("%(name)s kan kun booke en fælles jobsamtale som den første samtale i jobcentret eller som samtalen efter %(months)s måneders ledighed."),
        N_("Din a-kasse indkalder dig til din første jobsamtale. Samtalen skal holdes senest %(day)s."):
            N_("A-kassen indkalder %(name)s til den første jobsamtale. Samtalen skal holdes senest %(day)s."),
        N_("Din a-kasse skulle have holdt din første jobsamtale senest %(day)s. Den skal indkalde dig hurtigst muligt."):
            N_("A-kassen skulle have holdt den første jobsamtale med %(name)s senest %(day)s. Den skal indkalde %(name)s hurtigst muligt."),
        N_("Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal holdes senest %(day)s."):
            N_("A-kassen indkalder %(name)s til jobsamtalerne. Den næste skal holdes senest %(day)s."),
        N_("Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal efter planen holdes senest %(day)s."):
            N_("A-kassen indkalder %(name)s til jobsamtalerne. Den næste skal efter planen holdes senest %(day)s."),
        N_("Din a-kasse indkalder dig til dine jobsamtaler. Den næste skulle have været holdt senest %(day)s, så a-kassen skal indkalde dig hurtigst muligt."):
            N_("A-kassen indkalder %(name)s til jobsamtalerne. Den næste skulle have været holdt senest %(day)s, så a-kassen skal indkalde %(name)s hurtigst muligt."),
        N_("Din a-kasse indkalder dig til dine jobsamtaler, når der skal holdes en samtale."):
            N_("A-kassen indkalder %(name)s til jobsamtalerne, når der skal holdes en samtale."),
        N_("Jobcentret indkalder dig til dine jobsamtaler. Den næste skal holdes senest %(day)s."):
            N_("Jobcentret indkalder %(name)s til jobsamtalerne. Den næste skal holdes senest %(day)s."),
        N_("Jobcentret indkalder dig til dine jobsamtaler. Den næste skal efter planen holdes senest %(day)s."):
            N_("Jobcentret indkalder %(name)s til jobsamtalerne. Den næste skal efter planen holdes senest %(day)s."),
        N_("Jobcentret indkalder dig til dine jobsamtaler. Den næste skulle have været holdt senest %(day)s, så jobcentret skal indkalde dig hurtigst muligt."):
            N_("Jobcentret indkalder %(name)s til jobsamtalerne. Den næste skulle have været holdt senest %(day)s, så jobcentret skal indkalde %(name)s hurtigst muligt."),
        N_("Jobcentret indkalder dig til dine jobsamtaler, når der skal holdes en samtale."):
            N_("Jobcentret indkalder %(name)s til jobsamtalerne, når der skal holdes en samtale."),
        N_("Du er indkaldt til din næste jobsamtale %(day)s. Du kan se den under Dine kommende samtaler."):
            N_("%(name)s er indkaldt til den næste jobsamtale %(day)s."),
        N_("Du er indkaldt til denne samtale. Kontakt din a-kasse, hvis du vil flytte eller aflyse den."):
            N_("%(name)s er indkaldt til denne samtale og kan ikke selv flytte eller aflyse den. Det gør a-kassen."),
        N_("Du er indkaldt til denne samtale. Kontakt jobcentret, hvis du vil flytte eller aflyse den."):
            N_("%(name)s er indkaldt til denne samtale og kan ikke selv flytte eller aflyse den. Det gør jobcentret."),
        N_("Din sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde. Kontakt din a-kasse, hvis du vil flytte den."):
            N_("En sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde. %(name)s kan kun flytte den gennem a-kassen."),
        N_("Din sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde. Kontakt jobcentret, hvis du vil flytte den."):
            N_("En sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde. %(name)s kan kun flytte den gennem jobcentret."),
        N_("Du har allerede booket en samtale %(when)s. Du kan booke den næste, når den er holdt. Vil du have en anden tid, så flyt den samtale, du har."):
            N_("%(name)s har allerede booket en samtale %(when)s og kan booke den næste, når den er holdt."),
        N_("Du har allerede booket de %(count)s samtaler, du mangler lige nu. Den første er %(when)s. Du kan booke en ny, når en af dem er holdt. Vil du have en anden tid, så flyt en af dem."):
            N_("%(name)s har allerede booket de %(count)s samtaler, der mangler lige nu. Den første er %(when)s. %(name)s kan booke en ny, når en af dem er holdt."),
        N_("Vi forventer, at din a-kasse har ansvaret for dine jobsamtaler til og med %(day)s. Derefter overtager jobcentret, og så booker du dine samtaler hos jobcentret."):
            N_("A-kassen har efter planen ansvaret for jobsamtalerne med %(name)s til og med %(day)s. Derefter overtager jobcentret, og så booker %(name)s samtalerne hos jobcentret."),
        N_("Din a-kasse har ansvaret for dine jobsamtaler til og med %(day)s. Derefter overtager jobcentret, og så booker du dine samtaler hos jobcentret."):
            N_("A-kassen har ansvaret for jobsamtalerne med %(name)s til og med %(day)s. Derefter overtager jobcentret, og så booker %(name)s samtalerne hos jobcentret."),
        N_("Din a-kasse kan kun møde op sammen med dig, når samtalen holdes ved personligt fremmøde. Vælg personligt fremmøde, eller lad a-kassen deltage på video."):
            N_("A-kassen kan kun møde op sammen med %(name)s, når samtalen holdes ved personligt fremmøde. Vælg personligt fremmøde, eller lad a-kassen deltage på video."),
        N_("Vælg, om din a-kasse skal deltage i samtalen, og om den deltager på video eller ved fremmøde."):
            N_("Vælg, om a-kassen skal deltage i samtalen med %(name)s, og om den deltager på video eller ved fremmøde."),
        N_("Din første jobsamtale skal holdes ved personligt fremmøde. Flytter eller aflyser du den, bliver din næste samtale den første, og den er ikke ved personligt fremmøde. Ændr først den næste samtale til personligt fremmøde, eller aflys den."):
            N_("Den første jobsamtale med %(name)s skal holdes ved personligt fremmøde. Flyttes eller aflyses den, bliver den næste samtale den første, og den er ikke ved personligt fremmøde. Skift først den næste samtale til personligt fremmøde, eller aflys den."),
        N_("Du har selv booket samtalen og kan flytte eller aflyse den."):
            N_("%(name)s har selv booket samtalen og kan flytte eller aflyse den."),
        # scheduling/services/booking.py: the booking service's refusals
        N_("Du har allerede en samtale på det tidspunkt. Vælg en anden tid."):
            N_("%(name)s har allerede en samtale på det tidspunkt. Vælg en anden tid."),
        N_("Du kan ikke selv booke denne samtale nu."):
            N_("%(name)s kan ikke selv booke denne samtale nu."),
        N_("Du kan kun flytte eller aflyse samtalen indtil %(deadline)s. Kontakt os, hvis du ikke kan deltage."):
            N_("%(name)s kan kun selv flytte eller aflyse samtalen indtil %(deadline)s."),
        N_("Du kan tidligst booke en tid, der begynder %(earliest)s, så du stadig kan flytte eller aflyse samtalen bagefter. Vælg en af de ledige tider."):
            N_("%(name)s kan tidligst booke en tid, der begynder %(earliest)s, så samtalen stadig kan flyttes eller aflyses bagefter."),
        N_("I dette tidsrum har jobcentret og din a-kasse aftalt, at a-kassen møder op til fælles jobsamtaler. Du har valgt, at a-kassen deltager på video. Vælg en tid, hvor a-kassen deltager på video, eller vælg, at a-kassen møder op."):
            N_("I dette tidsrum har jobcentret og a-kassen aftalt, at a-kassen møder op til fælles jobsamtaler, men a-kassen skal deltage på video i samtalen med %(name)s. Vælg en tid, hvor a-kassen deltager på video, eller vælg, at a-kassen møder op."),
        N_("I dette tidsrum har jobcentret og din a-kasse aftalt, at a-kassen deltager på video i fælles jobsamtaler. Du har bedt om, at a-kassen møder op. Vælg en tid, hvor a-kassen møder op, eller vælg, at a-kassen deltager på video."):
            N_("I dette tidsrum har jobcentret og a-kassen aftalt, at a-kassen deltager på video i fælles jobsamtaler, men a-kassen skal møde op til samtalen med %(name)s. Vælg en tid, hvor a-kassen møder op, eller vælg, at a-kassen deltager på video."),
    }
)


def caseworker_wording(message: str) -> str:
    """The caseworker's wording of ``message`` (a message id): its pair here, else the sentence itself."""
    return CASEWORKER_WORDING.get(message, message)
