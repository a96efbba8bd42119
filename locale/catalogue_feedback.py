"""Translations of the feedback channel's emails, statuses and notes (merged by locale/translate.py).

The strings of the feedback emails (geo_feedback/templates/geo_feedback/email/), the status labels
they show, and the note written when a topic is forwarded to the wellbeing services county.
"""

T = {
    # receipt_subject.txt, receipt_body.txt
    "We received your feedback %(number)s": (
        "Olemme vastaanottaneet palautteesi %(number)s", "Vi har tagit emot din respons %(number)s"),
    "Thank you for your feedback to the City of Seinäjoki.": (
        "Kiitos palautteestasi Seinäjoen kaupungille.", "Tack för din respons till Seinäjoki stad."),
    "Number": ("Numero", "Nummer"),
    "Category": ("Aihe", "Ämne"),
    "Status": ("Tila", "Status"),
    "Follow what happens to it here (keep this link to yourself):": (
        "Seuraa palautteesi käsittelyä täällä (pidä linkki omana tietonasi):",
        "Följ vad som händer med den här (håll länken för dig själv):"),
    "Your contact details are used only to tell you about this feedback and, if needed, to ask you more "
    "about it. They are never shown publicly.": (
        "Yhteystietojasi käytetään vain tätä palautetta koskeviin viesteihin ja tarvittaessa lisätietojen "
        "kysymiseen. Niitä ei koskaan näytetä julkisesti.",
        "Dina kontaktuppgifter används bara för att berätta om den här responsen och vid behov fråga dig "
        "mer om den. De visas aldrig offentligt."),
    # status_subject.txt, status_body.txt
    "Feedback %(number)s: %(status)s": ("Palaute %(number)s: %(status)s", "Respons %(number)s: %(status)s"),
    "The status of feedback %(number)s has changed.": (
        "Palautteen %(number)s tila on muuttunut.", "Statusen för responsen %(number)s har ändrats."),
    "Note from the city": ("Kaupungin viesti", "Meddelande från staden"),
    "See the feedback:": ("Katso palaute:", "Se responsen:"),
    # geo_feedback/statuses.py: the labels the emails show
    "Received": ("Vastaanotettu", "Mottagen"),
    "In triage": ("Asiakaspalvelun käsittelyssä", "Granskas av kundtjänsten"),
    "Routed to a department": ("Ohjattu toimialalle", "Skickad till sektorn"),
    "In progress": ("Työn alla", "Under arbete"),
    "Handled": ("Kuitattu hoidetuksi", "Kvitterad som åtgärdad"),
    "Closed as a duplicate": ("Suljettu: sama asia on jo ilmoitettu", "Stängd: samma sak har redan anmälts"),
    "Forwarded to an outside body": ("Välitetty muulle taholle", "Vidarebefordrad till en annan aktör"),
    "Not the city's to fix": ("Ei kaupungin hoidettava", "Inte stadens ansvar"),
    "Rejected": ("Hylätty", "Avvisad"),
    # geo_feedback/services/feedback.py: the public note on a forwarded report
    "This topic belongs to %(body)s. Your feedback has been forwarded there.": (
        "Tämä aihe kuuluu taholle %(body)s. Palautteesi on välitetty sinne.",
        "Det här ämnet hör till %(body)s. Din respons har vidarebefordrats dit."),
    # Following: a follower stops the emails (geo_feedback/templates/geo_feedback/unfollow.html)
    "Stop following feedback": ("Lopeta palautteen seuraaminen", "Sluta följa responsen"),
    "You no longer get emails about feedback %(number)s. Your email address was removed from it; your “me too” still counts.": (
        "Et saa enää sähköpostia palautteesta %(number)s. Sähköpostiosoitteesi poistettiin siitä; “minäkin”-tukesi lasketaan edelleen.",
        "Du får inte längre e-post om responsen %(number)s. Din e-postadress togs bort från den; ditt ”jag också” räknas fortfarande."),
    "You get an email when feedback %(number)s moves on. Stop these emails?": (
        "Saat sähköpostia, kun palautteen %(number)s käsittely etenee. Lopetetaanko nämä viestit?",
        "Du får e-post när responsen %(number)s går vidare. Ska dessa meddelanden upphöra?"),
    "Stop the emails": ("Lopeta viestit", "Stoppa e-posten"),
    "The public page of the feedback": ("Palautteen julkinen sivu", "Responsens offentliga sida"),
    "This link is not valid.": ("Tämä linkki ei ole voimassa.", "Den här länken är inte giltig."),
    "You get these emails because you follow this feedback. To stop them:": (
        "Saat nämä viestit, koska seuraat tätä palautetta. Lopeta ne:",
        "Du får dessa meddelanden eftersom du följer responsen. Stoppa dem:"),
    "You get these emails because you sent this feedback. To stop them:": (
        "Saat nämä viestit, koska lähetit tämän palautteen. Lopeta ne:",
        "Du får dessa meddelanden eftersom du skickade responsen. Stoppa dem:"),
    "Stop the emails about this feedback": (
        "Lopeta tätä palautetta koskevat sähköpostit", "Stoppa e-posten om denna respons"),
    "You no longer get emails about feedback %(number)s. Your email address was removed from it; the city still "
    "handles it, and its page shows how it goes on.": (
        "Et saa enää sähköposteja palautteesta %(number)s. Sähköpostiosoitteesi poistettiin siitä; kaupunki "
        "käsittelee palautteen silti, ja sen sivulta näet, miten asia etenee.",
        "Du får inte längre e-post om responsen %(number)s. Din e-postadress togs bort från den; staden "
        "behandlar den ändå, och dess sida visar hur ärendet framskrider."),
}
