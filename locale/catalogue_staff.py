"""Translations of the staff pages of the feedback channel (merged by locale/translate.py).

Same shape as translate.py: T maps an English msgid to (Finnish, Swedish); PLURALS maps the singular
msgid of a {% blocktranslate count %} to ((fi one, fi many), (sv one, sv many)).
"""

T = {
    # Sign-in and navigation
    "Staff": ("Henkilöstö", "Personal"),
    "Sign in": ("Kirjaudu sisään", "Logga in"),
    "Staff sign-in": ("Henkilöstön kirjautuminen", "Inloggning för personalen"),
    "The triage and department pages of the feedback channel are for the city's staff.": (
        "Palautekanavan käsittely- ja toimialasivut ovat kaupungin henkilöstölle.",
        "Responskanalens sidor för behandling och sektorer är för stadens personal."),
    "The username or password is wrong. Check them and try again.": (
        "Käyttäjätunnus tai salasana on väärin. Tarkista ne ja yritä uudelleen.",
        "Användarnamnet eller lösenordet är fel. Kontrollera dem och försök igen."),
    "Username": ("Käyttäjätunnus", "Användarnamn"),
    "Password": ("Salasana", "Lösenord"),
    "Sign out": ("Kirjaudu ulos", "Logga ut"),
    "Signed in as %(name)s": ("Kirjautuneena: %(name)s", "Inloggad som %(name)s"),
    "Search tickets": ("Hae palautteita", "Sök responser"),
    "Search by the ticket's number, words of its description or its address.": (
        "Hae palautteen numerolla, kuvauksen sanoilla tai osoitteella.",
        "Sök med responsens nummer, ord ur beskrivningen eller adressen."),
    # Queues
    "Triage queue": ("Käsittelyjono", "Behandlingskö"),
    "New tickets, oldest first. Route each to a department, forward it, merge it into an earlier ticket or "
    "reject it. The map and the table show the same tickets.": (
        "Uudet palautteet, vanhin ensin. Ohjaa kukin toimialalle, siirrä eteenpäin, yhdistä aiempaan palautteeseen "
        "tai hylkää. Kartta ja taulukko näyttävät samat palautteet.",
        "Nya responser, den äldsta först. Styr var och en till en sektor, vidarebefordra den, slå ihop den med en "
        "tidigare respons eller avvisa den. Kartan och tabellen visar samma responser."),
    "The map shows the tickets of this page of the table.": (
        "Kartalla ovat taulukon tämän sivun palautteet.", "Kartan visar responserna på den här sidan av tabellen."),
    "Tickets as a table": ("Palautteet taulukkona", "Responserna som tabell"),
    "Map of the tickets in the queue": ("Jonon palautteiden kartta", "Karta över responserna i kön"),
    "Bulk action on the chosen tickets": ("Joukkotoiminto valituille palautteille",
                                          "Massåtgärd för de valda responserna"),
    "Choose tickets in the table. You confirm the change on the next page; it is made to all of them or to none.": (
        "Valitse palautteet taulukosta. Vahvistat muutoksen seuraavalla sivulla; se tehdään kaikille tai ei "
        "yhdellekään.",
        "Välj responser i tabellen. Du bekräftar ändringen på nästa sida; den görs för alla eller för ingen."),
    "For routing.": ("Ohjausta varten.", "För styrning."),
    "For merging.": ("Yhdistämistä varten.", "För sammanslagning."),
    "Continue to confirm": ("Jatka vahvistamaan", "Fortsätt till bekräftelsen"),
    "Choose": ("Valitse", "Välj"),
    "Choose %(number)s": ("Valitse %(number)s", "Välj %(number)s"),
    "Ticket": ("Palaute", "Respons"),
    "Due date": ("Määräpäivä", "Förfallodag"),
    "Overdue": ("Myöhässä", "Försenad"),
    "No tickets here.": ("Ei palautteita.", "Inga responser."),
    "Older than (days)": ("Vanhempi kuin (päivää)", "Äldre än (dagar)"),
    "All channels": ("Kaikki kanavat", "Alla kanaler"),
    "Department queue": ("Toimialan jono", "Sektorns kö"),
    "Tickets routed to the department and in progress. The due date is the date received plus the topic's "
    "target handling time.": (
        "Toimialalle ohjatut ja työn alla olevat palautteet. Määräpäivä on saapumispäivä lisättynä aiheen "
        "tavoitekäsittelyajalla.",
        "Responser som styrts till sektorn och som är under arbete. Förfallodagen är mottagningsdagen plus ämnets "
        "målsatta behandlingstid."),
    "You can read these tickets but not change them.": (
        "Voit lukea näitä palautteita mutta et muuttaa niitä.", "Du kan läsa de här responserna men inte ändra dem."),
    "Sort and filter": ("Järjestä ja rajaa", "Sortera och filtrera"),
    "Sort by": ("Järjestys", "Sortera efter"),
    "Due date, earliest first": ("Määräpäivä, aikaisin ensin", "Förfallodag, den tidigaste först"),
    "Age, oldest first": ("Ikä, vanhin ensin", "Ålder, den äldsta först"),
    # Bulk confirmation
    "Confirm the bulk action": ("Vahvista joukkotoiminto", "Bekräfta massåtgärden"),
    "Nothing was changed": ("Mitään ei muutettu", "Ingenting ändrades"),
    "Nothing was changed: %(reason)s": ("Mitään ei muutettu: %(reason)s", "Ingenting ändrades: %(reason)s"),
    "They will be routed to %(department)s.": ("Ne ohjataan toimialalle: %(department)s.",
                                               "De styrs till %(department)s."),
    "They will be closed as duplicates of %(number)s.": (
        "Ne suljetaan palautteen %(number)s kaksoiskappaleina.", "De stängs som dubbletter av %(number)s."),
    "They will be rejected as spam or abuse and hidden from the public.": (
        "Ne hylätään roskapostina tai asiattomina ja piilotetaan yleisöltä.",
        "De avvisas som skräppost eller olämpliga och döljs för allmänheten."),
    "Note": ("Huomautus", "Anteckning"),
    "Confirm": ("Vahvista", "Bekräfta"),
    "Cancel": ("Peruuta", "Avbryt"),
    "Back to the triage queue": ("Takaisin käsittelyjonoon", "Tillbaka till behandlingskön"),
    "%(count)s tickets were changed.": ("%(count)s palautetta muutettiin.", "%(count)s responser ändrades."),
    "Route to a department": ("Ohjaa toimialalle", "Styr till en sektor"),
    "Merge as duplicates into one ticket": ("Yhdistä kaksoiskappaleina yhteen palautteeseen",
                                            "Slå ihop som dubbletter med en respons"),
    "Reject as spam or abuse": ("Hylkää roskapostina tai asiattomana", "Avvisa som skräppost eller olämplig"),
    "Choose at least one ticket.": ("Valitse vähintään yksi palaute.", "Välj minst en respons."),
    "Action for the chosen tickets": ("Toiminto valituille palautteille", "Åtgärd för de valda responserna"),
    "Note (optional)": ("Huomautus (vapaaehtoinen)", "Anteckning (frivillig)"),
    "Routing and merging: public. Rejecting: internal.": (
        "Ohjattaessa ja yhdistettäessä julkinen, hylättäessä sisäinen.",
        "Vid styrning och sammanslagning offentlig, vid avvisning intern."),
    "Choose the department.": ("Valitse toimiala.", "Välj sektorn."),
    "Give the number of the original ticket.": ("Anna alkuperäisen palautteen numero.",
                                                "Ange numret på den ursprungliga responsen."),
    "Give the number of an open ticket that is not among the chosen ones.": (
        "Anna sellaisen avoimen palautteen numero, joka ei ole valittujen joukossa.",
        "Ange numret på en öppen respons som inte är bland de valda."),
    # Desk entry
    "New feedback for a resident": ("Uusi palaute asukkaan puolesta", "Ny respons för en invånare"),
    "File what a resident told you at the customer service point, by phone or by email. Their contact details "
    "stay private.": (
        "Kirjaa, mitä asukas kertoi asiakaspalvelupisteessä, puhelimessa tai sähköpostilla. Hänen yhteystietonsa "
        "eivät tule julki.",
        "Registrera det en invånare berättade vid kundtjänsten, per telefon eller e-post. Invånarens "
        "kontaktuppgifter förblir privata."),
    "Click the map to fill in the coordinates, or type them.": (
        "Napsauta karttaa, niin koordinaatit täyttyvät, tai kirjoita ne.",
        "Klicka på kartan för att fylla i koordinaterna, eller skriv in dem."),
    "File the feedback": ("Kirjaa palaute", "Registrera responsen"),
    "Map: click to choose the place": ("Kartta: valitse paikka napsauttamalla", "Karta: klicka för att välja platsen"),
    "How the resident reached us": ("Miten asukas otti yhteyttä", "Hur invånaren kontaktade oss"),
    "Address or place (optional)": ("Osoite tai paikka (vapaaehtoinen)", "Adress eller plats (frivillig)"),
    "Resident's language": ("Asukkaan kieli", "Invånarens språk"),
    "Give both coordinates, or neither.": ("Anna molemmat koordinaatit tai ei kumpaakaan.",
                                           "Ange båda koordinaterna eller ingendera."),
    "Latitude (N)": ("Leveysaste (N)", "Latitud (N)"),
    "Longitude (E)": ("Pituusaste (E)", "Longitud (E)"),
    "Feedback %(number)s was filed.": ("Palaute %(number)s kirjattiin.", "Responsen %(number)s registrerades."),
    # The ticket page
    "Place of the ticket": ("Palautteen paikka", "Responsens plats"),
    "Open the ticket": ("Avaa palaute", "Öppna responsen"),
    "Possible original": ("Mahdollinen alkuperäinen", "Möjligt original"),
    "Chosen as the original: %(number)s": ("Valittu alkuperäiseksi: %(number)s", "Vald som original: %(number)s"),
    "New place: %(lat)s N, %(lon)s E": ("Uusi paikka: %(lat)s N, %(lon)s E", "Ny plats: %(lat)s N, %(lon)s E"),
    "No ticket has this number.": ("Tällä numerolla ei ole palautetta.", "Ingen respons har det här numret."),
    "No ticket you may handle has this number.": (
        "Tällä numerolla ei ole palautetta, jota voit käsitellä.",
        "Ingen respons som du får behandla har det här numret."),
    "The ticket changed meanwhile": ("Palaute muuttui sillä välin", "Responsen ändrades under tiden"),
    "Someone else changed this ticket after you opened it. Nothing of yours was saved and nothing of theirs was "
    "overwritten. Check what changed; what you typed is still in the form below, and you can send it again.": (
        "Joku muu muutti palautetta sen jälkeen, kun avasit sen. Sinun muutostasi ei tallennettu eikä heidän "
        "muutostaan kirjoitettu yli. Tarkista, mikä muuttui; kirjoittamasi teksti on yhä alla olevassa lomakkeessa, "
        "ja voit lähettää sen uudelleen.",
        "Någon annan ändrade responsen efter att du öppnade den. Ingenting av ditt sparades och ingenting av deras "
        "skrevs över. Kontrollera vad som ändrades; det du skrev finns kvar i formuläret nedan och du kan skicka "
        "det igen."),
    "Changes since you opened the ticket": ("Muutokset sen jälkeen, kun avasit palautteen",
                                            "Ändringar sedan du öppnade responsen"),
    "When": ("Milloin", "När"),
    "Who": ("Kuka", "Vem"),
    "What": ("Mitä", "Vad"),
    "Resident or system": ("Asukas tai järjestelmä", "Invånare eller systemet"),
    "Handler": ("Käsittelijä", "Handläggare"),
    "Duplicate of": ("Kaksoiskappale palautteesta", "Dubblett av"),
    "Its duplicates": ("Sen kaksoiskappaleet", "Dess dubbletter"),
    "Version": ("Versio", "Version"),
    "Public page": ("Julkinen sivu", "Offentlig sida"),
    "Open the public page": ("Avaa julkinen sivu", "Öppna den offentliga sidan"),
    "Reporter's contact details": ("Ilmoittajan yhteystiedot", "Anmälarens kontaktuppgifter"),
    "Staff only": ("Vain henkilöstölle", "Endast för personalen"),
    "This ticket has no place on the map.": ("Tällä palautteella ei ole paikkaa kartalla.",
                                             "Den här responsen har ingen plats på kartan."),
    "Hidden from the public": ("Piilotettu yleisöltä", "Dold för allmänheten"),
    "History": ("Historia", "Historik"),
    "Details": ("Tiedot", "Detaljer"),
    "You can read this ticket but not change it.": ("Voit lukea tämän palautteen mutta et muuttaa sitä.",
                                                    "Du kan läsa den här responsen men inte ändra den."),
    "Actions on this ticket": ("Toiminnot tälle palautteelle", "Åtgärder för den här responsen"),
    "Map of the ticket and nearby open tickets": ("Kartta palautteesta ja lähellä olevista avoimista palautteista",
                                                  "Karta över responsen och öppna responser i närheten"),
    "Start from a reply template": ("Aloita vastauspohjasta", "Börja från en svarsmall"),
    "No template": ("Ei pohjaa", "Ingen mall"),
    "Use the template": ("Käytä pohjaa", "Använd mallen"),
    "Also on the map above: choosing a marker chooses the ticket here.": (
        "Myös yllä olevalla kartalla: merkin valitseminen valitsee palautteen tästä.",
        "Också på kartan ovan: att välja en markör väljer responsen här."),
    "Open": ("Avaa", "Öppna"),
    "No open tickets within a kilometre.": ("Kilometrin säteellä ei ole avoimia palautteita.",
                                            "Inga öppna responser inom en kilometer."),
    "%(distance)s m away": ("%(distance)s m päässä", "%(distance)s m bort"),
    # The actions: titles, buttons and what they say when done
    "Saved.": ("Tallennettu.", "Sparat."),
    "Route": ("Ohjaa", "Styr"),
    "The ticket was routed.": ("Palaute ohjattiin.", "Responsen styrdes."),
    "Forward to an outside body": ("Siirrä ulkopuoliselle taholle", "Vidarebefordra till en utomstående aktör"),
    "Forward": ("Siirrä", "Vidarebefordra"),
    "The ticket was forwarded.": ("Palaute siirrettiin.", "Responsen vidarebefordrades."),
    "Change the topic": ("Vaihda aihe", "Byt ämne"),
    "The topic was changed.": ("Aihe vaihdettiin.", "Ämnet byttes."),
    "Move the pin": ("Siirrä karttamerkkiä", "Flytta kartnålen"),
    "The place was moved.": ("Paikka siirrettiin.", "Platsen flyttades."),
    "Merge as a duplicate": ("Yhdistä kaksoiskappaleena", "Slå ihop som dubblett"),
    "Merge": ("Yhdistä", "Slå ihop"),
    "The ticket was merged as a duplicate.": ("Palaute yhdistettiin kaksoiskappaleena.",
                                              "Responsen slogs ihop som dubblett."),
    "Hide as spam or abuse": ("Piilota roskapostina tai asiattomana", "Dölj som skräppost eller olämplig"),
    "Reject": ("Hylkää", "Avvisa"),
    "The ticket was rejected and hidden from the public.": ("Palaute hylättiin ja piilotettiin yleisöltä.",
                                                            "Responsen avvisades och doldes för allmänheten."),
    "Ask the reporter for more information": ("Pyydä ilmoittajalta lisätietoja", "Be anmälaren om mer information"),
    "Send the question": ("Lähetä kysymys", "Skicka frågan"),
    "The question was sent.": ("Kysymys lähetettiin.", "Frågan skickades."),
    "Remove personal data": ("Poista henkilötiedot", "Ta bort personuppgifter"),
    "Remove": ("Poista", "Ta bort"),
    "Personal data were removed.": ("Henkilötiedot poistettiin.", "Personuppgifterna togs bort."),
    "Public reply": ("Julkinen vastaus", "Offentligt svar"),
    "Send the reply": ("Lähetä vastaus", "Skicka svaret"),
    "The reply was sent.": ("Vastaus lähetettiin.", "Svaret skickades."),
    "Save the note": ("Tallenna muistiinpano", "Spara anteckningen"),
    "The note was saved.": ("Muistiinpano tallennettiin.", "Anteckningen sparades."),
    "Mark in progress": ("Merkitse työn alle", "Markera som under arbete"),
    "The ticket is in progress.": ("Palaute on työn alla.", "Responsen är under arbete."),
    "Mark as handled": ("Kuittaa hoidetuksi", "Kvittera som åtgärdad"),
    "The ticket was marked as handled.": ("Palaute kuitattiin hoidetuksi.", "Responsen kvitterades som åtgärdad."),
    "Send back to triage": ("Palauta käsittelyyn", "Skicka tillbaka till behandlingen"),
    "The ticket is in triage.": ("Palaute on käsittelyssä.", "Responsen är under behandling."),
    # The action forms
    "Choose a department": ("Valitse toimiala", "Välj en sektor"),
    "Handler (optional)": ("Käsittelijä (vapaaehtoinen)", "Handläggare (frivillig)"),
    "The whole department": ("Koko toimiala", "Hela sektorn"),
    "Public note (optional)": ("Julkinen huomautus (vapaaehtoinen)", "Offentlig anteckning (frivillig)"),
    "Internal note (optional)": ("Sisäinen muistiinpano (vapaaehtoinen)", "Intern anteckning (frivillig)"),
    "This handler works in another department.": ("Tämä käsittelijä työskentelee toisella toimialalla.",
                                                  "Den här handläggaren arbetar inom en annan sektor."),
    "Outside body": ("Ulkopuolinen taho", "Utomstående aktör"),
    "Choose an outside body": ("Valitse ulkopuolinen taho", "Välj en utomstående aktör"),
    "Left empty, the resident is told which body the feedback was forwarded to.": (
        "Jos jätät tyhjäksi, asukkaalle kerrotaan, mille taholle palaute siirrettiin.",
        "Lämnas fältet tomt får invånaren veta vart responsen vidarebefordrades."),
    "New topic": ("Uusi aihe", "Nytt ämne"),
    "Nearby open tickets, nearest first": ("Lähellä olevat avoimet palautteet, lähin ensin",
                                           "Öppna responser i närheten, den närmaste först"),
    "Or the number of another ticket": ("Tai toisen palautteen numero", "Eller numret på en annan respons"),
    "Left empty, the resident is told the number of the original ticket.": (
        "Jos jätät tyhjäksi, asukkaalle kerrotaan alkuperäisen palautteen numero.",
        "Lämnas fältet tomt får invånaren veta numret på den ursprungliga responsen."),
    "Choose the original ticket.": ("Valitse alkuperäinen palaute.", "Välj den ursprungliga responsen."),
    "Number of the original ticket": ("Alkuperäisen palautteen numero", "Numret på den ursprungliga responsen"),
    "Why (internal note)": ("Miksi (sisäinen muistiinpano)", "Varför (intern anteckning)"),
    "Description without personal data": ("Kuvaus ilman henkilötietoja", "Beskrivning utan personuppgifter"),
    "Hide these photos from the public": ("Piilota nämä kuvat yleisöltä", "Dölj de här bilderna för allmänheten"),
    "Photo %(n)s": ("Kuva %(n)s", "Bild %(n)s"),
    "Shown on the public page and emailed to the reporter and followers.": (
        "Näkyy julkisella sivulla ja lähetetään sähköpostilla ilmoittajalle ja seuraajille.",
        "Visas på den offentliga sidan och skickas per e-post till anmälaren och följarna."),
    "Public note": ("Julkinen huomautus", "Offentlig anteckning"),
    "Tell the resident what was done.": ("Kerro asukkaalle, mitä tehtiin.", "Berätta för invånaren vad som gjordes."),
    "Nothing was changed: %(number)s was changed meanwhile by someone else. Check the list and confirm again.": (
        "Mitään ei muutettu: joku muu muutti palautetta %(number)s sillä välin. Tarkista luettelo ja vahvista uudelleen.",
        "Inget ändrades: någon annan ändrade responsen %(number)s under tiden. Kontrollera listan och bekräfta igen."),
}

PLURALS = {
    "%(counter)s new ticket": (("%(counter)s uusi palaute", "%(counter)s uutta palautetta"),
                               ("%(counter)s ny respons", "%(counter)s nya responser")),
    "%(counter)s ticket": (("%(counter)s palaute", "%(counter)s palautetta"),
                           ("%(counter)s respons", "%(counter)s responser")),
    "%(days)s day ago": (("%(days)s päivä sitten", "%(days)s päivää sitten"),
                         ("för %(days)s dag sedan", "för %(days)s dagar sedan")),
    "%(counter)s ticket found for “%(query)s”": (
        ("%(counter)s palaute haulla ”%(query)s”", "%(counter)s palautetta haulla ”%(query)s”"),
        ("%(counter)s respons hittades för ”%(query)s”", "%(counter)s responser hittades för ”%(query)s”")),
    "%(counter)s chosen ticket": (("%(counter)s valittu palaute", "%(counter)s valittua palautetta"),
                                  ("%(counter)s vald respons", "%(counter)s valda responser")),
    "target %(days)s day": (("tavoite %(days)s päivä", "tavoite %(days)s päivää"),
                            ("mål %(days)s dag", "mål %(days)s dagar")),
}
