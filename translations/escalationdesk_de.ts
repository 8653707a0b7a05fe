<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BusinessCalendar</name>
    <message>
        <source>expected an object with the days monday to sunday, got %1</source>
        <translation>Objekt mit den Tagen monday bis sunday erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>unknown day; expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday</source>
        <translation>unbekannter Tag; erwartet wird monday, tuesday, wednesday, thursday, friday, saturday oder sunday</translation>
    </message>
    <message>
        <source>expected an array of &quot;HH:MM-HH:MM&quot; strings, got %1</source>
        <translation>Array von „HH:MM-HH:MM“-Zeichenketten erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected &quot;HH:MM-HH:MM&quot; with start before end, got %1</source>
        <translation>„HH:MM-HH:MM“ mit Beginn vor Ende erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected intervals that do not overlap, but &quot;%1&quot; overlaps &quot;%2&quot;</source>
        <translation>überschneidungsfreie Intervalle erwartet, aber „%1“ überschneidet sich mit „%2“</translation>
    </message>
    <message>
        <source>expected an array of &quot;MM-DD&quot; or &quot;YYYY-MM-DD&quot; strings, got %1</source>
        <translation>Array von „MM-DD“- oder „YYYY-MM-DD“-Zeichenketten erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected a date &quot;MM-DD&quot; (yearly) or &quot;YYYY-MM-DD&quot; (one-off), got %1</source>
        <translation>Datum „MM-DD“ (jährlich) oder „YYYY-MM-DD“ (einmalig) erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected an array of iCalendar file paths, got %1</source>
        <translation>Array von iCalendar-Dateipfaden erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected the path of an .ics file, got %1</source>
        <translation>Pfad einer .ics-Datei erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected a readable iCalendar file, but &quot;%1&quot; cannot be read: %2</source>
        <translation>lesbare iCalendar-Datei erwartet, aber „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>expected valid JSON, but at offset %1: %2</source>
        <translation>gültiges JSON erwartet, aber an Position %1: %2</translation>
    </message>
    <message>
        <source>expected a JSON object with the keys name, timeZone, week and holidays</source>
        <translation>JSON-Objekt mit den Schlüsseln name, timeZone, week und holidays erwartet</translation>
    </message>
    <message>
        <source>unknown key; expected one of %1</source>
        <translation>unbekannter Schlüssel; erwartet wird einer von %1</translation>
    </message>
    <message>
        <source>expected a non-empty string, got %1</source>
        <translation>nicht leere Zeichenkette erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected an IANA time zone such as &quot;Europe/Berlin&quot;, got %1</source>
        <translation>IANA-Zeitzone wie „Europe/Berlin“ erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected at least one working interval in the week</source>
        <translation>mindestens ein Arbeitsintervall pro Woche erwartet</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>expected a date YYYYMMDD, got &quot;%1&quot;</source>
        <translation>Datum im Format YYYYMMDD erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>expected an all-day event of at most a year, got %1 days</source>
        <translation>ganztägiger Termin von höchstens einem Jahr erwartet, erhalten: %1 Tage</translation>
    </message>
</context>
<context>
    <name>CacheStore</name>
    <message>
        <source>The disk holding the local cache (%1) is full. Free some space and try again; everything saved before is kept.</source>
        <translation>Der Datenträger mit dem lokalen Cache (%1) ist voll. Geben Sie Speicherplatz frei und versuchen Sie es erneut; alles bisher Gespeicherte bleibt erhalten.</translation>
    </message>
    <message>
        <source>The local cache (%1) is read-only, so nothing can be saved. Check the permissions of the file and its folder; everything saved before is kept.</source>
        <translation>Der lokale Cache (%1) ist schreibgeschützt, daher kann nichts gespeichert werden. Prüfen Sie die Berechtigungen der Datei und ihres Ordners; alles bisher Gespeicherte bleibt erhalten.</translation>
    </message>
    <message>
        <source>The local cache (%1) is damaged (%2). Restart the application to rebuild it; decisions waiting to be sent are kept.</source>
        <translation>Der lokale Cache (%1) ist beschädigt (%2). Starten Sie die Anwendung neu, um ihn neu aufzubauen; noch nicht gesendete Entscheidungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>The local cache refused inconsistent data: %1</source>
        <translation>Der lokale Cache hat widersprüchliche Daten abgelehnt: %1</translation>
    </message>
    <message>
        <source>The local cache (%1) could not be read or written: %2</source>
        <translation>Der lokale Cache (%1) konnte nicht gelesen oder geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The local cache (%1) failed: %2</source>
        <translation>Der lokale Cache (%1) hat einen Fehler gemeldet: %2</translation>
    </message>
    <message>
        <source>The local cache (%1) is read-only, so nothing can be saved.</source>
        <translation>Der lokale Cache (%1) ist schreibgeschützt, daher kann nichts gespeichert werden.</translation>
    </message>
    <message>
        <source>The damaged local cache (%1) could not be moved aside to %2.</source>
        <translation>Der beschädigte lokale Cache (%1) konnte nicht nach %2 verschoben werden.</translation>
    </message>
    <message>
        <source>The folder for the local cache (%1) cannot be created.</source>
        <translation>Der Ordner für den lokalen Cache (%1) kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>There is no local cache at %1.</source>
        <translation>Unter %1 gibt es keinen lokalen Cache.</translation>
    </message>
    <message>
        <source>The local cache (%1) is damaged.</source>
        <translation>Der lokale Cache (%1) ist beschädigt.</translation>
    </message>
    <message>
        <source>The local cache (%1) was written by a newer version of Escalation Desk (schema %2, this version reads up to %3). Update the application; the cache has not been changed.</source>
        <translation>Der lokale Cache (%1) wurde von einer neueren Version von Escalation Desk geschrieben (Schema %2, diese Version liest bis %3). Aktualisieren Sie die Anwendung; der Cache wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The local cache (%1) needs an upgrade, which a read-only cache does not allow.</source>
        <translation>Der lokale Cache (%1) muss aktualisiert werden, was bei einem schreibgeschützten Cache nicht möglich ist.</translation>
    </message>
    <message>
        <source>There is no outbox entry %1 in the local cache.</source>
        <translation>Im lokalen Cache gibt es keinen Postausgangseintrag %1.</translation>
    </message>
</context>
<context>
    <name>CalendarRegistry</name>
    <message>
        <source>%1: expected a directory of calendar files, but it does not exist</source>
        <translation>%1: Ordner mit Kalenderdateien erwartet, aber er existiert nicht</translation>
    </message>
</context>
<context>
    <name>DeskRole</name>
    <message>
        <source>Escalation manager</source>
        <translation>Eskalationsmanager</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Direktor</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <source>S1 outage</source>
        <translation>S1-Ausfall</translation>
    </message>
    <message>
        <source>S2</source>
        <translation>S2</translation>
    </message>
    <message>
        <source>S3</source>
        <translation>S3</translation>
    </message>
    <message>
        <source>S4</source>
        <translation>S4</translation>
    </message>
    <message>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Time constraint</source>
        <translation>Zeitliche Vorgabe</translation>
    </message>
    <message>
        <source>Major impaired function</source>
        <translation>Erhebliche Funktionsstörung</translation>
    </message>
    <message>
        <source>First-response SLA missed</source>
        <translation>Erstreaktions-SLA verfehlt</translation>
    </message>
    <message>
        <source>Lack of updates</source>
        <translation>Fehlende Rückmeldungen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>Prüfung ausstehend</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Re-escalated</source>
        <translation>Erneut eskaliert</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Take ownership</source>
        <translation>Übernahme</translation>
    </message>
    <message>
        <source>Level-3 analysis</source>
        <translation>Analyse für Stufe 3</translation>
    </message>
    <message>
        <source>Level-4 acknowledgement</source>
        <translation>Bestätigung für Stufe 4</translation>
    </message>
    <message>
        <source>the answer is %1 bytes, more than the %2 bytes accepted</source>
        <translation>die Antwort umfasst %1 Bytes, mehr als die zulässigen %2 Bytes</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (%1 at byte %2)</source>
        <translation>die Antwort ist kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>die Antwort ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>expected an array, got %1</source>
        <translation>Array erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>%1 notes, at most %2 allowed</source>
        <translation>%1 Notizen, höchstens %2 erlaubt</translation>
    </message>
    <message>
        <source>note %1 is not an object</source>
        <translation>Notiz %1 ist kein Objekt</translation>
    </message>
    <message>
        <source>a request cannot re-escalate itself</source>
        <translation>eine Anfrage kann sich nicht selbst erneut eskalieren</translation>
    </message>
    <message>
        <source>the page has no usable &quot;cursor&quot; (expected a non-empty string)</source>
        <translation>die Seite hat keinen verwendbaren „cursor“ (nicht leere Zeichenkette erwartet)</translation>
    </message>
    <message>
        <source>the page has no usable &quot;hasMore&quot; (expected true or false)</source>
        <translation>die Seite hat kein verwendbares „hasMore“ (true oder false erwartet)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2, expected an array</source>
        <translation>„%1“ ist %2, erwartet wird ein Array</translation>
    </message>
    <message>
        <source>&quot;removed&quot; is %1, expected an object</source>
        <translation>„removed“ ist %1, erwartet wird ein Objekt</translation>
    </message>
    <message>
        <source>the page holds %1 records, more than the %2 the contract allows</source>
        <translation>die Seite enthält %1 Datensätze, mehr als die laut Vertrag erlaubten %2</translation>
    </message>
    <message>
        <source>expected an object, got %1</source>
        <translation>Objekt erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected a non-empty id of at most %1 characters</source>
        <translation>nicht leere ID mit höchstens %1 Zeichen erwartet</translation>
    </message>
    <message>
        <source>the answer has no &quot;request&quot; object</source>
        <translation>die Antwort enthält kein „request“-Objekt</translation>
    </message>
    <message>
        <source>the request in the answer is invalid: %1</source>
        <translation>die Anfrage in der Antwort ist ungültig: %1</translation>
    </message>
    <message>
        <source>The portal did not send its current version.</source>
        <translation>Das Portal hat seine aktuelle Fassung nicht mitgeschickt.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Zuständig: %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Decision: %1 by %2 at %3</source>
        <translation>Entscheidung: %1 von %2 am %3</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>Last changed: %1</source>
        <translation>Zuletzt geändert: %1</translation>
    </message>
    <message>
        <source>Your %1 (made on version %2, kept in the outbox):</source>
        <translation>Ihre Aktion „%1“ (auf Version %2, im Postausgang aufbewahrt):</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <source>The request at the portal now:</source>
        <translation>Die Anfrage, wie sie jetzt im Portal steht:</translation>
    </message>
    <message>
        <source>Escalation manager</source>
        <translation>Eskalationsmanager</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Direktor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Only an escalation manager accepts, declines or takes requests.</source>
        <translation>Nur Eskalationsmanager nehmen Anfragen an, lehnen sie ab oder übernehmen sie.</translation>
    </message>
    <message>
        <source>An administrator manages users and does not write notes.</source>
        <translation>Administratoren verwalten Benutzer und schreiben keine Notizen.</translation>
    </message>
    <message>
        <source>The level-3 analysis is written by an escalation manager or a director.</source>
        <translation>Die Analyse für Stufe 3 schreiben Eskalationsmanager oder Direktoren.</translation>
    </message>
    <message>
        <source>Only a director acknowledges ownership of a level-4 escalation.</source>
        <translation>Nur Direktoren bestätigen die Verantwortung für eine Eskalation der Stufe 4.</translation>
    </message>
    <message>
        <source>An administrator manages users and does not raise escalations.</source>
        <translation>Administratoren verwalten Benutzer und eröffnen keine Eskalationen.</translation>
    </message>
    <message>
        <source>Only an administrator manages users and reads the audit log.</source>
        <translation>Nur Administratoren verwalten Benutzer und lesen das Prüfprotokoll.</translation>
    </message>
    <message>
        <source>the portal&apos;s answer about the signed-in user has no usable name or id</source>
        <translation>die Antwort des Portals zum angemeldeten Benutzer enthält keinen verwendbaren Namen und keine ID</translation>
    </message>
    <message>
        <source>the portal names an unknown role &quot;%1&quot; for the signed-in user</source>
        <translation>das Portal nennt für den angemeldeten Benutzer eine unbekannte Rolle „%1“</translation>
    </message>
    <message>
        <source>the history answer has no &quot;entries&quot; list</source>
        <translation>die Antwort zum Verlauf enthält keine „entries“-Liste</translation>
    </message>
    <message>
        <source>the history answer has an unusable &quot;requestId&quot;</source>
        <translation>die Antwort zum Verlauf hat eine unbrauchbare „requestId“</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>An escalation manager or a team lead hands requests to another region.</source>
        <translation>Anfragen an eine andere Region übergibt ein Eskalationsmanager oder eine Teamleitung.</translation>
    </message>
    <message>
        <source>Question to the requester</source>
        <translation>Frage an den Anfragenden</translation>
    </message>
    <message>
        <source>Review resumed</source>
        <translation>Prüfung fortgesetzt</translation>
    </message>
    <message>
        <source>%1 waits, at most %2 allowed</source>
        <translation>%1 Wartezeiten, höchstens %2 erlaubt</translation>
    </message>
    <message>
        <source>wait %1 is not an object</source>
        <translation>Wartezeit %1 ist kein Objekt</translation>
    </message>
    <message>
        <source>wait %1 ends before it begins</source>
        <translation>Wartezeit %1 endet, bevor sie beginnt</translation>
    </message>
    <message>
        <source>wait %1 follows a wait that has not ended</source>
        <translation>Wartezeit %1 folgt auf eine Wartezeit, die nicht beendet ist</translation>
    </message>
</context>
<context>
    <name>Escalation::AchievementChart</name>
    <message>
        <source>Review target achievement per week</source>
        <translation>Einhaltung des Prüfziels je Woche</translation>
    </message>
    <message>
        <source>The same numbers are in the table below.</source>
        <translation>Dieselben Zahlen stehen in der Tabelle darunter.</translation>
    </message>
    <message>
        <source>Week of %1: %2 of %3 reviews on time (%4)</source>
        <translation>Woche vom %1: %2 von %3 Prüfungen rechtzeitig (%4)</translation>
    </message>
</context>
<context>
    <name>Escalation::ActionDialog</name>
    <message>
        <source>Accept escalation</source>
        <translation>Eskalation annehmen</translation>
    </message>
    <message>
        <source>Your decision or plan of action, posted in the case:</source>
        <translation>Ihre Entscheidung oder Ihr Maßnahmenplan, wird im Fall veröffentlicht:</translation>
    </message>
    <message>
        <source>Accept and send</source>
        <translation>Annehmen und senden</translation>
    </message>
    <message>
        <source>Decline escalation</source>
        <translation>Eskalation ablehnen</translation>
    </message>
    <message>
        <source>The automated reply to the requester. Edit it before sending if needed:</source>
        <translation>Die automatische Antwort an den Anfragenden. Passen Sie sie bei Bedarf vor dem Senden an:</translation>
    </message>
    <message>
        <source>Decline and send</source>
        <translation>Ablehnen und senden</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Internal note on this escalation:</source>
        <translation>Interne Notiz zu dieser Eskalation:</translation>
    </message>
    <message>
        <source>Record level-3 analysis</source>
        <translation>Analyse für Stufe 3 erfassen</translation>
    </message>
    <message>
        <source>The full analysis of why this case needed level 3:</source>
        <translation>Die vollständige Analyse, warum dieser Fall Stufe 3 brauchte:</translation>
    </message>
    <message>
        <source>Record analysis</source>
        <translation>Analyse erfassen</translation>
    </message>
    <message>
        <source>Acknowledge ownership</source>
        <translation>Verantwortung bestätigen</translation>
    </message>
    <message>
        <source>Optional comment with the level-4 owner&apos;s acknowledgement:</source>
        <translation>Optionaler Kommentar zur Bestätigung der Verantwortung für Stufe 4:</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Optional comment:</source>
        <translation>Optionaler Kommentar:</translation>
    </message>
    <message>
        <source>Reset to template</source>
        <translation>Auf Vorlage zurücksetzen</translation>
    </message>
    <message>
        <source>Why it cannot wait</source>
        <translation>Warum es nicht warten kann</translation>
    </message>
    <message>
        <source>Ask the requester</source>
        <translation>Den Anfragenden fragen</translation>
    </message>
    <message>
        <source>Your question, sent to the requester. The review clock stands still until they answer:</source>
        <translation>Ihre Frage an den Anfragenden. Die Prüfuhr steht still, bis er antwortet:</translation>
    </message>
    <message>
        <source>Ask and pause the clock</source>
        <translation>Fragen und Uhr anhalten</translation>
    </message>
    <message>
        <source>Resume the review</source>
        <translation>Prüfung fortsetzen</translation>
    </message>
    <message>
        <source>What came back, if it did not come through the portal (optional):</source>
        <translation>Was zurückkam, falls nicht über das Portal (optional):</translation>
    </message>
    <message>
        <source>Resume the clock</source>
        <translation>Uhr weiterlaufen lassen</translation>
    </message>
</context>
<context>
    <name>Escalation::AnalyticsCharts</name>
    <message>
        <source>Level %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Level 3</source>
        <translation>Stufe 3</translation>
    </message>
    <message>
        <source>Level 4</source>
        <translation>Stufe 4</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Too early</source>
        <translation>Zu früh</translation>
    </message>
    <message>
        <source>S1 outage</source>
        <translation>S1-Ausfall</translation>
    </message>
    <message>
        <source>Accepted early</source>
        <translation>Vorzeitig angenommen</translation>
    </message>
</context>
<context>
    <name>Escalation::AnalyticsPdf</name>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>Escalation review: %1 to %2</source>
        <translation>Eskalationsbericht: %1 bis %2</translation>
    </message>
    <message>
        <source>team %1</source>
        <translation>Team %1</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>levels %1</source>
        <translation>Stufen %1</translation>
    </message>
    <message>
        <source>Scope: %1. Computed %2 (UTC).</source>
        <translation>Umfang: %1. Berechnet %2 (UTC).</translation>
    </message>
    <message>
        <source>all requests</source>
        <translation>alle Anfragen</translation>
    </message>
    <message>
        <source>Review target by week</source>
        <translation>Prüfziel je Woche</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>Woche vom</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Gestellt</translation>
    </message>
    <message>
        <source>L1</source>
        <translation>Stf. 1</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>Stf. 2</translation>
    </message>
    <message>
        <source>L3</source>
        <translation>Stf. 3</translation>
    </message>
    <message>
        <source>L4</source>
        <translation>Stf. 4</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Rechtzeitig</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>90th pct.</source>
        <translation>90. Perz.</translation>
    </message>
    <message>
        <source>Decisions by manager</source>
        <translation>Entscheidungen je Manager</translation>
    </message>
    <message>
        <source>Decisions by team</source>
        <translation>Entscheidungen je Team</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Decline rate</source>
        <translation>Ablehnungsquote</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>The ladder</source>
        <translation>Die Stufenleiter</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Moved on</source>
        <translation>Weitergegeben</translation>
    </message>
    <message>
        <source>Median time at the level</source>
        <translation>Median der Zeit auf der Stufe</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>Accounts with the most level-3 and level-4 escalations</source>
        <translation>Kunden mit den meisten Eskalationen auf Stufe 3 und 4</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Level 3</source>
        <translation>Stufe 3</translation>
    </message>
    <message>
        <source>Level 4</source>
        <translation>Stufe 4</translation>
    </message>
    <message>
        <source>Declines that came back within 7 days</source>
        <translation>Ablehnungen, die binnen 7 Tagen zurückkamen</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Declined at</source>
        <translation>Abgelehnt am</translation>
    </message>
    <message>
        <source>Re-escalation</source>
        <translation>Erneute Eskalation</translation>
    </message>
    <message>
        <source>Raised at</source>
        <translation>Gestellt am</translation>
    </message>
    <message>
        <source>Business time on each request&apos;s calendar. Definitions: docs/analytics.md of Escalation Desk.</source>
        <translation>Geschäftszeit nach dem Kalender jeder Anfrage. Definitionen: docs/analytics.md von Escalation Desk.</translation>
    </message>
    <message>
        <source>Escalation review %1 to %2</source>
        <translation>Eskalationsbericht %1 bis %2</translation>
    </message>
    <message>
        <source>Escalations raised by week and level</source>
        <translation>Eröffnete Eskalationen je Woche und Stufe</translation>
    </message>
    <message>
        <source>Escalations raised by week and reason</source>
        <translation>Eröffnete Eskalationen je Woche und Grund</translation>
    </message>
    <message>
        <source>%1 requests; %2 reviews due, %3 within the 4-business-hour target. %4 of %5 declines came back within 7 days. Refused: %6 too early (%8 of them accepted early with a justification), %7 as S1 outages. %9 handed to another region.</source>
        <translation>%1 Anfragen; %2 Prüfungen fällig, %3 innerhalb des Ziels von 4 Geschäftsstunden. %4 von %5 Ablehnungen kamen innerhalb von 7 Tagen zurück. Abgewiesen: %6 zu früh (davon %8 vorzeitig mit Begründung angenommen), %7 als S1-Ausfälle. %9 an eine andere Region übergeben.</translation>
    </message>
    <message>
        <source>%1 requests waited on their requester (%2 questions); median wait %3 business minutes.</source>
        <translation>%1 Anfragen warteten auf den Anfragenden (%2 Fragen); Median der Wartezeit %3 Geschäftsminuten.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
</context>
<context>
    <name>Escalation::AnalyticsView</name>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>Tabelle als CSV exportieren …</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>Review target by week</source>
        <translation>Prüfziel je Woche</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>Wochen</translation>
    </message>
    <message>
        <source>Managers</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Ladder</source>
        <translation>Stufenleiter</translation>
    </message>
    <message>
        <source>Accounts at level 3–4</source>
        <translation>Kunden auf Stufe 3–4</translation>
    </message>
    <message>
        <source>Declined, back within 7 days</source>
        <translation>Abgelehnt, binnen 7 Tagen zurück</translation>
    </message>
    <message>
        <source>Activate a row (Enter or double-click) to list its requests.</source>
        <translation>Eine Zeile aktivieren (Eingabetaste oder Doppelklick), um ihre Anfragen aufzulisten.</translation>
    </message>
    <message>
        <source>Requests behind the figure</source>
        <translation>Anfragen hinter der Zahl</translation>
    </message>
    <message>
        <source>Reviews due in the week of %1</source>
        <translation>Fällige Prüfungen in der Woche vom %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Analytics read the local cache; this desk has none.</source>
        <translation>Die Auswertung liest den lokalen Cache; dieser Desk hat keinen.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet …</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>Woche vom</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Gestellt</translation>
    </message>
    <message>
        <source>Level 1</source>
        <translation>Stufe 1</translation>
    </message>
    <message>
        <source>Level 2</source>
        <translation>Stufe 2</translation>
    </message>
    <message>
        <source>Level 3</source>
        <translation>Stufe 3</translation>
    </message>
    <message>
        <source>Level 4</source>
        <translation>Stufe 4</translation>
    </message>
    <message>
        <source>Reviews due</source>
        <translation>Fällige Prüfungen</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Rechtzeitig</translation>
    </message>
    <message>
        <source>Achievement</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Median to decision</source>
        <translation>Median bis zur Entscheidung</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>90. Perzentil</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Decline rate</source>
        <translation>Ablehnungsquote</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Moved on</source>
        <translation>Weitergegeben</translation>
    </message>
    <message>
        <source>Median time at the level</source>
        <translation>Median der Zeit auf der Stufe</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Declined at</source>
        <translation>Abgelehnt am</translation>
    </message>
    <message>
        <source>Re-escalation</source>
        <translation>Erneute Eskalation</translation>
    </message>
    <message>
        <source>Raised at</source>
        <translation>Gestellt am</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Entschieden von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>not in the cache any more</source>
        <translation>nicht mehr im Cache</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Tabelle als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The table could not be written to %1: %2</source>
        <translation>Die Tabelle konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>Letzte 4 Wochen</translation>
    </message>
    <message>
        <source>Last 13 weeks (a quarter)</source>
        <translation>Letzte 13 Wochen (ein Quartal)</translation>
    </message>
    <message>
        <source>Last 52 weeks (a year)</source>
        <translation>Letzte 52 Wochen (ein Jahr)</translation>
    </message>
    <message>
        <source>%1 — Requests: %2. Enter shows one in the queue.</source>
        <translation>%1 — Anfragen: %2. Die Eingabetaste zeigt eine in der Warteschlange.</translation>
    </message>
    <message>
        <source>Analytics tables</source>
        <translation>Auswertungstabellen</translation>
    </message>
    <message>
        <source>Export report as PDF…</source>
        <translation>Bericht als PDF exportieren …</translation>
    </message>
    <message>
        <source>The period&apos;s report with its chart and tables, for the weekly review</source>
        <translation>Der Bericht des Zeitraums mit Diagramm und Tabellen, für die wöchentliche Besprechung</translation>
    </message>
    <message>
        <source>Export report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation>Der Bericht konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>Von … bis …</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>&amp;bis</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Levels 3–4</source>
        <translation>Stufen 3–4</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Alle Gründe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Alle Schweregrade</translation>
    </message>
    <message>
        <source>S%1</source>
        <translation>S%1</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>Sch&amp;weregrad:</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>Alle Supportstufen</translation>
    </message>
    <message>
        <source>T&amp;ier:</source>
        <translation>Su&amp;pportstufe:</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Supportstufe</translation>
    </message>
    <message>
        <source>any account</source>
        <translation>jeder Kunde</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Your own numbers: %1</source>
        <translation>Ihre eigenen Zahlen: %1</translation>
    </message>
    <message>
        <source>Refused as</source>
        <translation>Abgewiesen als</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Too early (before the minimum case age)</source>
        <translation>Zu früh (vor dem Mindestalter des Falls)</translation>
    </message>
    <message>
        <source>S1 outage (the outage process instead)</source>
        <translation>S1-Ausfall (stattdessen der Ausfallprozess)</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Review target achievement by week</source>
        <translation>Einhaltung des Prüfziels je Woche</translation>
    </message>
    <message>
        <source>Escalations raised by week and level</source>
        <translation>Eröffnete Eskalationen je Woche und Stufe</translation>
    </message>
    <message>
        <source>Escalations raised by week and reason</source>
        <translation>Eröffnete Eskalationen je Woche und Grund</translation>
    </message>
    <message>
        <source>Accepted and declined by manager</source>
        <translation>Angenommen und abgelehnt je Manager</translation>
    </message>
    <message>
        <source>Accepted and declined by team</source>
        <translation>Angenommen und abgelehnt je Team</translation>
    </message>
    <message>
        <source>Requests that reached each level</source>
        <translation>Anfragen, die jede Stufe erreicht haben</translation>
    </message>
    <message>
        <source>Accounts with the most level-3 and level-4 escalations</source>
        <translation>Kunden mit den meisten Eskalationen auf Stufe 3 und 4</translation>
    </message>
    <message>
        <source>Requests refused</source>
        <translation>Abgewiesene Anfragen</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 to %2: %3 requests; %4 reviews due, %5 within the target. %6 of %7 declines came back within 7 days. Refused: %8 too early (%10 accepted early with a justification), %9 as S1 outages. %11 handed to another region.</source>
        <translation>%1 bis %2: %3 Anfragen; %4 Prüfungen fällig, %5 innerhalb des Ziels. %6 von %7 Ablehnungen kamen innerhalb von 7 Tagen zurück. Abgewiesen: %8 zu früh (%10 vorzeitig mit Begründung angenommen), %9 als S1-Ausfälle. %11 an eine andere Region übergeben.</translation>
    </message>
    <message>
        <source>Too early, accepted with a justification</source>
        <translation>Zu früh, mit Begründung angenommen</translation>
    </message>
    <message>
        <source>No request waited on its requester.</source>
        <translation>Keine Anfrage wartete auf den Anfragenden.</translation>
    </message>
    <message>
        <source>%1 requests waited on their requester (%2 questions); a wait took %3 in the median, %4 at the 90th percentile.</source>
        <translation>%1 Anfragen warteten auf den Anfragenden (%2 Fragen); eine Wartezeit dauerte im Median %3, im 90. Perzentil %4.</translation>
    </message>
</context>
<context>
    <name>Escalation::BarChart</name>
    <message>
        <source>The chart&apos;s numbers are in the table beside it.</source>
        <translation>Die Zahlen des Diagramms stehen in der Tabelle daneben.</translation>
    </message>
    <message>
        <source>Nothing to show for this period.</source>
        <translation>Für diesen Zeitraum gibt es nichts anzuzeigen.</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1: %2 in all</source>
        <translation>%1: insgesamt %2</translation>
    </message>
</context>
<context>
    <name>Escalation::BulkActionDialog</name>
    <message>
        <source>%1 — marked requests: %2</source>
        <translation>%1 — markierte Anfragen: %2</translation>
    </message>
    <message>
        <source>Why they are declined (each reply is written from the template that fits its request):</source>
        <translation>Warum sie abgelehnt werden (jede Antwort entsteht aus der Vorlage, die zu ihrer Anfrage passt):</translation>
    </message>
    <message>
        <source>The note added to every request:</source>
        <translation>Die Notiz, die jeder Anfrage hinzugefügt wird:</translation>
    </message>
    <message>
        <source>The marked requests and what became of each</source>
        <translation>Die markierten Anfragen und was aus jeder wurde</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>What is sent for the selected request</source>
        <translation>Was für die ausgewählte Anfrage gesendet wird</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation>Bereit zum Senden</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved, waiting for the portal</source>
        <translation>Gespeichert, wartet auf das Portal</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Conflict: changed at the portal meanwhile; review it and decide again</source>
        <translation>Konflikt: inzwischen im Portal geändert; prüfen Sie sie und entscheiden Sie erneut</translation>
    </message>
    <message>
        <source>Refused: your role may not do this</source>
        <translation>Verweigert: Ihre Rolle darf das nicht</translation>
    </message>
    <message>
        <source>Rejected by the portal</source>
        <translation>Vom Portal abgewiesen</translation>
    </message>
    <message>
        <source>Rejected by the portal: %1</source>
        <translation>Vom Portal abgewiesen: %1</translation>
    </message>
    <message>
        <source>%1 for %2 of %3 marked requests; %4 skipped. Ctrl+Enter sends.</source>
        <translation>%1 für %2 von %3 markierten Anfragen; %4 übersprungen. Strg+Eingabe sendet.</translation>
    </message>
    <message>
        <source>%1 applied</source>
        <translation>%1 übernommen</translation>
    </message>
    <message>
        <source>%1 waiting for the portal</source>
        <translation>%1 warten auf das Portal</translation>
    </message>
    <message>
        <source>%1 being saved</source>
        <translation>%1 werden gespeichert</translation>
    </message>
    <message>
        <source>%1 in conflict</source>
        <translation>%1 im Konflikt</translation>
    </message>
    <message>
        <source>%1 refused</source>
        <translation>%1 verweigert</translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation>%1 abgewiesen</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Send (%1)</source>
        <translation>Senden (%1)</translation>
    </message>
    <message>
        <source>The template names placeholders this desk does not know: %1</source>
        <translation>Die Vorlage nennt Platzhalter, die dieses Programm nicht kennt: %1</translation>
    </message>
    <message>
        <source>The plan of action, posted in every case:</source>
        <translation>Der Maßnahmenplan, der in jedem Fall veröffentlicht wird:</translation>
    </message>
</context>
<context>
    <name>Escalation::ClusterBar</name>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Prüfen…</translation>
    </message>
    <message>
        <source>Not a cluster</source>
        <translation>Kein gemeinsames Problem</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Show these requests in the queue, all marked: one Accept or Decline then answers every one of them</source>
        <translation>Diese Anfragen markiert in der Warteschlange zeigen: ein Annehmen oder Ablehnen beantwortet dann jede von ihnen</translation>
    </message>
    <message>
        <source>These requests are not one issue: do not propose them again</source>
        <translation>Diese Anfragen sind kein gemeinsames Problem: nicht wieder vorschlagen</translation>
    </message>
    <message>
        <source>Possible major issue: “%1” (requests: %2; accounts: %3; raised over %4).</source>
        <translation>Mögliches Großproblem: „%1“ (Anfragen: %2; Kunden: %3; eröffnet über %4).</translation>
    </message>
    <message>
        <source>(%1 of %2 proposals)</source>
        <translation>(Vorschlag %1 von %2)</translation>
    </message>
    <message>
        <source>Possible major issue “%1”</source>
        <translation>Mögliches Großproblem „%1“</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>One issue: the queue shows these requests as one row, and an Accept or Decline on it answers every one of them</source>
        <translation>Ein Problem: Die Warteschlange zeigt diese Anfragen als eine Zeile, und ein Annehmen oder Ablehnen darauf beantwortet jede von ihnen</translation>
    </message>
    <message>
        <source>More requests like the confirmed major issue “%1” (new requests: %2; raised over %3).</source>
        <translation>Weitere Anfragen wie das bestätigte größere Problem „%1“ (neue Anfragen: %2; gestellt über %3).</translation>
    </message>
    <message>
        <source>&amp;Add to cluster</source>
        <translation>Zum Cluster &amp;hinzufügen</translation>
    </message>
</context>
<context>
    <name>Escalation::DeadlineExplanation</name>
    <message>
        <source>Calendar: %1 (%2)</source>
        <translation>Kalender: %1 (%2)</translation>
    </message>
    <message>
        <source>Start: %1 (local %2)</source>
        <translation>Beginn: %1 (lokal %2)</translation>
    </message>
    <message>
        <source>Business minutes: %1</source>
        <translation>Geschäftsminuten: %1</translation>
    </message>
    <message>
        <source>Deadline: none (the calendar does not open again)</source>
        <translation>Frist: keine (der Kalender öffnet nicht wieder)</translation>
    </message>
    <message>
        <source>Counted intervals (local, then UTC):</source>
        <translation>Gezählte Intervalle (lokal, dann UTC):</translation>
    </message>
    <message>
        <source>  none (zero minutes: the deadline is the next opening)</source>
        <translation>  keine (null Minuten: die Frist ist die nächste Öffnungszeit)</translation>
    </message>
    <message>
        <source>  %1 to %2  (%3 to %4)  %5 min, total %6 min</source>
        <translation>  %1 bis %2  (%3 bis %4)  %5 Min., gesamt %6 Min.</translation>
    </message>
    <message>
        <source>Holidays skipped: %1</source>
        <translation>Übersprungene Feiertage: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Daylight-saving shifts: none</source>
        <translation>Sommerzeitumstellungen: keine</translation>
    </message>
    <message>
        <source>Daylight-saving shift at %1: %2 to %3</source>
        <translation>Sommerzeitumstellung um %1: %2 auf %3</translation>
    </message>
    <message>
        <source>Deadline: %1 (local %2)</source>
        <translation>Frist: %1 (lokal %2)</translation>
    </message>
    <message>
        <source>Waiting on the requester since %1 (local %2): the clock stands still; %3 business min so far</source>
        <translation>Wartet seit %1 (lokal %2) auf den Anfragenden: die Uhr steht still; bisher %3 Geschäftsminuten</translation>
    </message>
    <message>
        <source>Waiting on the requester from %1 to %2 (local %3 to %4): %5 business min not counted</source>
        <translation>Wartete von %1 bis %2 (lokal %3 bis %4) auf den Anfragenden: %5 Geschäftsminuten nicht gezählt</translation>
    </message>
    <message>
        <source>Deadline: none while waiting on the requester; %1 business min left when the wait began</source>
        <translation>Frist: keine, solange auf den Anfragenden gewartet wird; bei Beginn der Wartezeit blieben %1 Geschäftsminuten</translation>
    </message>
</context>
<context>
    <name>Escalation::DeskFeatures</name>
    <message>
        <source>Team lead</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Direktor</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Portal, token, role, working hours, calendars, thresholds and reply templates</source>
        <translation>Portal, Token, Rolle, Arbeitszeiten, Kalender, Schwellenwerte und Antwortvorlagen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>Case %1 (%2, level %3): %4</source>
        <translation>Fall %1 (%2, Stufe %3): %4</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Auswertung</translation>
    </message>
</context>
<context>
    <name>Escalation::DeskSettings</name>
    <message>
        <source>The stored portal address &quot;%1&quot; is not an http(s) URL; it is ignored.</source>
        <translation>Die gespeicherte Portaladresse „%1“ ist keine http(s)-URL und wird ignoriert.</translation>
    </message>
    <message>
        <source>The stored role &quot;%1&quot; is unknown; expected manager, teamlead or director.</source>
        <translation>Die gespeicherte Rolle „%1“ ist unbekannt; erwartet wird manager, teamlead oder director.</translation>
    </message>
    <message>
        <source>The calendars folder &quot;%1&quot; does not exist; only the built-in calendars are used.</source>
        <translation>Der Kalenderordner „%1“ existiert nicht; nur die eingebauten Kalender werden verwendet.</translation>
    </message>
    <message>
        <source>Expected four numbers (severity 1 to 4) separated by commas, got &quot;%1&quot;.</source>
        <translation>Vier durch Kommas getrennte Zahlen (Schweregrad 1 bis 4) erwartet, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (severity %2) is not a positive whole number.</source>
        <translation>„%1“ (Schweregrad %2) ist keine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>Setting %1: %2 The shipped values are used.</source>
        <translation>Einstellung %1: %2 Die mitgelieferten Werte werden verwendet.</translation>
    </message>
    <message>
        <source>Setting %1 must be a share between 0 and 1; the default threshold is used.</source>
        <translation>Die Einstellung %1 muss ein Anteil zwischen 0 und 1 sein; der Standard-Schwellenwert wird verwendet.</translation>
    </message>
    <message>
        <source>Setting %1 must be between 1 and %2 minutes; the default threshold is used.</source>
        <translation>Die Einstellung %1 muss zwischen 1 und %2 Minuten liegen; der Standard-Schwellenwert wird verwendet.</translation>
    </message>
    <message>
        <source>Setting %1: %2</source>
        <translation>Einstellung %1: %2</translation>
    </message>
    <message>
        <source>Setting %1: &quot;%2&quot; is not a time of day (HH:mm).</source>
        <translation>Einstellung %1: „%2“ ist keine Uhrzeit (HH:mm).</translation>
    </message>
    <message>
        <source>the setting connector is &quot;%1&quot;; expected native or rt</source>
        <translation>die Einstellung connector ist „%1“; erwartet wird native oder rt</translation>
    </message>
    <message>
        <source>The stored appearance &quot;%1&quot; is unknown; expected desktop, light, dark or high-contrast.</source>
        <translation>Die gespeicherte Darstellung „%1“ ist unbekannt; erwartet: desktop, light, dark oder high-contrast.</translation>
    </message>
    <message>
        <source>As the desktop (light or dark)</source>
        <translation>Wie der Desktop (hell oder dunkel)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <source>The stored retention &quot;%1&quot; is not a number of months from 1 to 120; keeping %2 months.</source>
        <translation>Die gespeicherte Aufbewahrung „%1“ ist keine Zahl von Monaten zwischen 1 und 120; es bleiben %2 Monate.</translation>
    </message>
    <message>
        <source>The stored alert delay &quot;%1&quot; is not a number of minutes from 0 to 1440; keeping %2 minutes.</source>
        <translation>Die gespeicherte Alarmverzögerung „%1“ ist keine Minutenzahl von 0 bis 1440; es bleibt bei %2 Minuten.</translation>
    </message>
</context>
<context>
    <name>Escalation::DetailsPane</name>
    <message>
        <source>Select a request in the queue to see its case, deadline and ladder.</source>
        <translation>Wählen Sie eine Anfrage in der Warteschlange, um Fall, Frist und Eskalationsleiter zu sehen.</translation>
    </message>
    <message>
        <source>Explain…</source>
        <translation>Erklären …</translation>
    </message>
    <message>
        <source>Show the business hours counted toward the review deadline</source>
        <translation>Die Geschäftszeiten zeigen, die für die Prüffrist gezählt wurden</translation>
    </message>
    <message>
        <source>Escalation request</source>
        <translation>Eskalationsanfrage</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Angefordert von</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Supportstufe</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Erstreaktion</translation>
    </message>
    <message>
        <source>Last customer update</source>
        <translation>Letzte Kundenrückmeldung</translation>
    </message>
    <message>
        <source>Last support update</source>
        <translation>Letzte Support-Rückmeldung</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>CSM</source>
        <translation>CSM</translation>
    </message>
    <message>
        <source>Escalation ladder</source>
        <translation>Eskalationsleiter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Case %1 (not synced yet)</source>
        <translation>Fall %1 (noch nicht synchronisiert)</translation>
    </message>
    <message>
        <source>%1 · Level %2 · %3</source>
        <translation>%1 · Stufe %2 · %3</translation>
    </message>
    <message>
        <source>Nobody has taken it yet</source>
        <translation>Noch von niemandem übernommen</translation>
    </message>
    <message>
        <source>Accepted by %1, %2:
%3</source>
        <translation>Angenommen von %1, %2:
%3</translation>
    </message>
    <message>
        <source>Declined by %1, %2:
%3</source>
        <translation>Abgelehnt von %1, %2:
%3</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>Wartet auf Prüfung</translation>
    </message>
    <message>
        <source>S1 — outage</source>
        <translation>S1 – Ausfall</translation>
    </message>
    <message>
        <source>S%1</source>
        <translation>S%1</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Eligible when raised: the case was older than the minimum age.</source>
        <translation>Bei Anfrage zulässig: Der Fall war älter als das Mindestalter.</translation>
    </message>
    <message>
        <source>Raised too early: %1 cases on %2 support can be escalated after %3 h; this one would have been eligible from %4. Push it back to standard triage.</source>
        <translation>Zu früh angefragt: %1-Fälle mit %2-Support können nach %3 Std. eskaliert werden; dieser wäre ab %4 zulässig gewesen. Zurück in die Standard-Triage geben.</translation>
    </message>
    <message>
        <source>Severity 1 outage: handled by the outage process (on-call team, 24/7), never escalated.</source>
        <translation>Ausfall mit Schweregrad 1: wird im Ausfallprozess bearbeitet (Bereitschaftsteam, rund um die Uhr) und nie eskaliert.</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
    <message>
        <source>Not in the review queue</source>
        <translation>Nicht in der Prüfwarteschlange</translation>
    </message>
    <message>
        <source>Review due %1 (%2)</source>
        <translation>Prüfung fällig %1 (%2)</translation>
    </message>
    <message>
        <source>Calendar “%1” is unknown here; the default calendar is used.</source>
        <translation>Der Kalender „%1“ ist hier unbekannt; der Standardkalender wird verwendet.</translation>
    </message>
    <message>
        <source>How the review deadline was computed</source>
        <translation>Wie die Prüffrist berechnet wurde</translation>
    </message>
    <message>
        <source>Business intervals counted from the request to the %1-minute review target, with holidays skipped and daylight-saving shifts:</source>
        <translation>Gezählte Geschäftszeiten von der Anfrage bis zum Prüfziel von %1 Minuten, mit übersprungenen Feiertagen und Sommerzeitumstellungen:</translation>
    </message>
    <message>
        <source>⚠ RT&apos;s Due %1 differs from the review deadline %2:
%3</source>
        <translation>⚠ Die RT-Fälligkeit %1 weicht von der Prüffrist %2 ab:
%3</translation>
    </message>
    <message>
        <source>RT&apos;s Due %1 agrees with the review deadline.</source>
        <translation>Die RT-Fälligkeit %1 stimmt mit der Prüffrist überein.</translation>
    </message>
    <message>
        <source>Answered %1, within the review target (due %2)</source>
        <translation>Beantwortet %1, innerhalb der Prüffrist (fällig %2)</translation>
    </message>
    <message>
        <source>Answered %1, after the review target (due %2)</source>
        <translation>Beantwortet %1, nach Ablauf der Prüffrist (fällig %2)</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>Details der Anfrage</translation>
    </message>
    <message>
        <source>%1 (handed over from %2 by %3, %4)</source>
        <translation>%1 (übergeben von %2 durch %3, %4)</translation>
    </message>
    <message>
        <source>%1 (handed over from %2 by %3, %4: %5)</source>
        <translation>%1 (übergeben von %2 durch %3, %4: %5)</translation>
    </message>
    <message>
        <source>Accepted before the minimum case age because: %1</source>
        <translation>Vor dem Mindestalter des Falls angenommen, weil: %1</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Waiting since %1 (asked by %2): %3</source>
        <translation>Wartet seit %1 (gefragt von %2): %3</translation>
    </message>
    <message>
        <source>Asked %1 by %2: %3
Resumed %4</source>
        <translation>Gefragt %1 von %2: %3
Fortgesetzt %4</translation>
    </message>
    <message>
        <source>Asked %1 by %2: %3
Answered %4: %5</source>
        <translation>Gefragt %1 von %2: %3
Beantwortet %4: %5</translation>
    </message>
    <message>
        <source>None asked of the requester</source>
        <translation>Keine Fragen an den Anfragenden</translation>
    </message>
    <message>
        <source>Waiting on the requester since %1: the review clock stands still with %2 of business time left</source>
        <translation>Wartet seit %1 auf den Anfragenden: die Prüfuhr steht still, %2 Geschäftszeit bleiben</translation>
    </message>
</context>
<context>
    <name>Escalation::DirectorModel</name>
    <message>
        <source>recorded by %1</source>
        <translation>erfasst von %1</translation>
    </message>
    <message>
        <source>owed</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>%1 (acknowledged)</source>
        <translation>%1 (bestätigt)</translation>
    </message>
    <message>
        <source>Full analysis recorded by %1 on %2</source>
        <translation>Vollständige Analyse erfasst von %1 am %2</translation>
    </message>
    <message>
        <source>Level 3 requires a full analysis of why the case needed level 3; none is recorded yet.</source>
        <translation>Stufe 3 verlangt eine vollständige Analyse, warum der Fall Stufe 3 brauchte; bisher ist keine erfasst.</translation>
    </message>
    <message>
        <source>Level-4 ownership acknowledged by %1 on %2</source>
        <translation>Verantwortung für Stufe 4 bestätigt von %1 am %2</translation>
    </message>
    <message>
        <source>At level 4 the VP of Support takes personal ownership; the acknowledgement is still owed.</source>
        <translation>Auf Stufe 4 übernimmt der VP of Support persönlich die Verantwortung; die Bestätigung steht noch aus.</translation>
    </message>
    <message>
        <source>The full analysis level 3 requires: owed, or who recorded it</source>
        <translation>Die für Stufe 3 verlangte vollständige Analyse: ausstehend oder wer sie erfasst hat</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>The VP of Support who acknowledged level-4 ownership, or owed</source>
        <translation>Der VP of Support, der die Verantwortung für Stufe 4 bestätigt hat, oder ausstehend</translation>
    </message>
    <message>
        <source>Level-4 owner</source>
        <translation>Verantwortlich Stufe 4</translation>
    </message>
    <message>
        <source>Only level 4 needs the VP of Support&apos;s acknowledgement.</source>
        <translation>Nur Stufe 4 braucht die Bestätigung durch den VP of Support.</translation>
    </message>
</context>
<context>
    <name>Escalation::DirectorView</name>
    <message>
        <source>overdue 12h 59m</source>
        <translation>überfällig 12 Std. 59 Min.</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>Bald fällig</translation>
    </message>
    <message>
        <source>S1 outage</source>
        <translation>S1-Ausfall</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Escalation ladder</source>
        <translation>Eskalationsleiter</translation>
    </message>
    <message>
        <source>Select a level-3 or level-4 case to see its ladder.</source>
        <translation>Wählen Sie einen Fall der Stufe 3 oder 4, um seine Eskalationsleiter zu sehen.</translation>
    </message>
    <message>
        <source>Case %1 · %2 — %3</source>
        <translation>Fall %1 · %2 – %3</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Fall %1</translation>
    </message>
    <message>
        <source>Level 3: %1 · Level 4: %2 · Analyses owed: %3 · Level-4 ownership owed: %4</source>
        <translation>Stufe 3: %1 · Stufe 4: %2 · Ausstehende Analysen: %3 · Ausstehende Verantwortung Stufe 4: %4</translation>
    </message>
    <message>
        <source>Level-3 and level-4 cases</source>
        <translation>Fälle auf Stufe 3 und 4</translation>
    </message>
</context>
<context>
    <name>Escalation::DurationText</name>
    <message>
        <source>%1d %2h</source>
        <translation>%1 T. %2 Std.</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1m</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1 Sek.</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>überfällig %1</translation>
    </message>
    <message>
        <source>%1m %2s left</source>
        <translation>noch %1 Min. %2 Sek.</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>%1 überfällig</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
    <message>
        <source>waiting, %1 left</source>
        <translation>wartet, %1 übrig</translation>
    </message>
    <message>
        <source>waiting on the requester, %1 left</source>
        <translation>wartet auf den Anfragenden, %1 übrig</translation>
    </message>
</context>
<context>
    <name>Escalation::FieldReader</name>
    <message>
        <source>field &quot;%1&quot;: %2</source>
        <translation>Feld „%1“: %2</translation>
    </message>
    <message>
        <source>missing (expected a string)</source>
        <translation>fehlt (Zeichenkette erwartet)</translation>
    </message>
    <message>
        <source>expected a string, got %1</source>
        <translation>Zeichenkette erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>%1 characters, at most %2 allowed</source>
        <translation>%1 Zeichen, höchstens %2 erlaubt</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>missing (expected an integer)</source>
        <translation>fehlt (ganze Zahl erwartet)</translation>
    </message>
    <message>
        <source>expected an integer, got %1</source>
        <translation>ganze Zahl erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected an integer from %1 to %2, got %3</source>
        <translation>ganze Zahl von %1 bis %2 erwartet, erhalten: %3</translation>
    </message>
    <message>
        <source>missing (expected an ISO 8601 instant)</source>
        <translation>fehlt (ISO-8601-Zeitpunkt erwartet)</translation>
    </message>
    <message>
        <source>expected an ISO 8601 instant, got %1</source>
        <translation>ISO-8601-Zeitpunkt erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 8601 instant with an offset</source>
        <translation>„%1“ ist kein ISO-8601-Zeitpunkt mit Zeitzonenversatz</translation>
    </message>
    <message>
        <source>unknown code &quot;%1&quot;</source>
        <translation>unbekannter Code „%1“</translation>
    </message>
    <message>
        <source>expected an object or null, got %1</source>
        <translation>Objekt oder null erwartet, erhalten: %1</translation>
    </message>
</context>
<context>
    <name>Escalation::FilterBar</name>
    <message>
        <source>Search case, subject, account, person… (Ctrl+F)</source>
        <translation>Fall, Betreff, Kunde, Person suchen … (Strg+F)</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Level 1</source>
        <translation>Stufe 1</translation>
    </message>
    <message>
        <source>Level 2</source>
        <translation>Stufe 2</translation>
    </message>
    <message>
        <source>Level 3</source>
        <translation>Stufe 3</translation>
    </message>
    <message>
        <source>Level 4</source>
        <translation>Stufe 4</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>S1 outage</source>
        <translation>S1-Ausfall</translation>
    </message>
    <message>
        <source>S2</source>
        <translation>S2</translation>
    </message>
    <message>
        <source>S3</source>
        <translation>S3</translation>
    </message>
    <message>
        <source>S4</source>
        <translation>S4</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Supportstufe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>Alle Zuständigen</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Any team</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Show every request again</source>
        <translation>Wieder alle Anfragen anzeigen</translation>
    </message>
    <message>
        <source>Unowned</source>
        <translation>Nicht übernommen</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Warteschlange durchsuchen</translation>
    </message>
    <message>
        <source>Owes</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Level-3 analysis</source>
        <translation>Analyse für Stufe 3</translation>
    </message>
    <message>
        <source>Level-4 acknowledgement</source>
        <translation>Bestätigung für Stufe 4</translation>
    </message>
    <message>
        <source>Level-3 and level-4 requests that still owe what their level requires</source>
        <translation>Anfragen der Stufen 3 und 4, denen noch fehlt, was ihre Stufe verlangt</translation>
    </message>
</context>
<context>
    <name>Escalation::HandOffDialog</name>
    <message>
        <source>Hand off to another region</source>
        <translation>An eine andere Region übergeben</translation>
    </message>
    <message>
        <source>The team you choose reviews it in its business hours; the deadline stays.</source>
        <translation>Das gewählte Team prüft sie in seinen Geschäftszeiten; die Frist bleibt.</translation>
    </message>
    <message>
        <source>Now with %1. The team you choose reviews it in its business hours; the deadline stays.</source>
        <translation>Derzeit bei %1. Das gewählte Team prüft sie in seinen Geschäftszeiten; die Frist bleibt.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>What the next team should know (optional)</source>
        <translation>Was das nächste Team wissen sollte (optional)</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>Hand off</source>
        <translation>Übergeben</translation>
    </message>
</context>
<context>
    <name>Escalation::History</name>
    <message>
        <source>raised the escalation</source>
        <translation>hat die Eskalation eröffnet</translation>
    </message>
    <message>
        <source>took ownership</source>
        <translation>hat übernommen</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>hat angenommen</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>hat abgelehnt</translation>
    </message>
    <message>
        <source>added a note</source>
        <translation>hat eine Notiz hinzugefügt</translation>
    </message>
    <message>
        <source>recorded the level-3 analysis</source>
        <translation>hat die Analyse für Stufe 3 erfasst</translation>
    </message>
    <message>
        <source>acknowledged ownership</source>
        <translation>hat die Verantwortung bestätigt</translation>
    </message>
    <message>
        <source>re-escalated</source>
        <translation>hat erneut eskaliert</translation>
    </message>
    <message>
        <source>closed the request</source>
        <translation>hat die Anfrage geschlossen</translation>
    </message>
    <message>
        <source>replied</source>
        <translation>hat geantwortet</translation>
    </message>
    <message>
        <source>take ownership</source>
        <translation>die Verantwortung übernehmen</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>annehmen</translation>
    </message>
    <message>
        <source>decline</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>eine Notiz hinzufügen</translation>
    </message>
    <message>
        <source>record the level-3 analysis</source>
        <translation>die Analyse für Stufe 3 erfassen</translation>
    </message>
    <message>
        <source>acknowledge ownership</source>
        <translation>die Verantwortung bestätigen</translation>
    </message>
</context>
<context>
    <name>Escalation::HistoryModel</name>
    <message>
        <source>someone</source>
        <translation>jemand</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>tried to %1; refused: %2</source>
        <translation>wollte %1; verweigert: %2</translation>
    </message>
</context>
<context>
    <name>Escalation::HistorySection</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>As of %1 · refreshing…</source>
        <translation>Stand %1 · wird aktualisiert …</translation>
    </message>
    <message>
        <source>As of %1, from the cache</source>
        <translation>Stand %1, aus dem Zwischenspeicher</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Verlauf wird geladen …</translation>
    </message>
    <message>
        <source>No history in the cache for this request yet.</source>
        <translation>Für diese Anfrage ist noch kein Verlauf zwischengespeichert.</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>Noch keine Einträge.</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>As of %1; could not refresh: %2</source>
        <translation>Stand %1; Aktualisierung fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The history could not be fetched: %1</source>
        <translation>Der Verlauf konnte nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>Request history</source>
        <translation>Verlauf der Anfrage</translation>
    </message>
</context>
<context>
    <name>Escalation::HttpJob</name>
    <message>
        <source>The request to %1 was canceled.</source>
        <translation>Die Anfrage an %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>(no certificate)</source>
        <translation>(kein Zertifikat)</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 is not trusted (%2). Its SHA-256 fingerprint is %3.</source>
        <translation>Dem TLS-Zertifikat des Servers (%1) wird nicht vertraut (%2). Sein SHA-256-Fingerabdruck ist %3.</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 is not the pinned one: its SHA-256 fingerprint is %2, the pinned fingerprint is %3 (%4).</source>
        <translation>Das TLS-Zertifikat des Servers (%1) ist nicht das hinterlegte: sein SHA-256-Fingerabdruck ist %2, hinterlegt ist %3 (%4).</translation>
    </message>
    <message>
        <source>The answer to %1 %2 from %3 is larger than %4 MB and was refused.</source>
        <translation>Die Antwort auf %1 %2 (%3) ist größer als %4 MB und wurde abgewiesen.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation>Die sichere Verbindung ist fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>The connection to %1 broke off mid-answer: %2</source>
        <translation>Die Verbindung brach mitten in der Antwort ab (%1): %2</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>Nicht erreichbar: %1 (%2)</translation>
    </message>
    <message>
        <source>The credentials were refused by %1 (HTTP %2)%3.</source>
        <translation>Die Zugangsdaten wurden abgelehnt (%1, HTTP %2)%3.</translation>
    </message>
    <message>
        <source>Too many requests to %1 (HTTP 429); it asks to wait %2 s.</source>
        <translation>Zu viele Anfragen (%1, HTTP 429); neuer Versuch frühestens in %2 s.</translation>
    </message>
    <message>
        <source>Too many requests to %1 (HTTP 429).</source>
        <translation>Zu viele Anfragen (%1, HTTP 429).</translation>
    </message>
    <message>
        <source>Server error from %1 (HTTP %2)%3.</source>
        <translation>Serverfehler (%1, HTTP %2)%3.</translation>
    </message>
    <message>
        <source>The request to %1 timed out (HTTP 408).</source>
        <translation>Zeitüberschreitung der Anfrage (%1, HTTP 408).</translation>
    </message>
    <message>
        <source>The request %1 %2 was refused by %3 (HTTP %4)%5.</source>
        <translation>Die Anfrage %1 %2 wurde abgelehnt (%3, HTTP %4)%5.</translation>
    </message>
    <message>
        <source>Waited %1 s for %2, which did not answer.</source>
        <translation>Keine Antwort innerhalb von %1 s (%2).</translation>
    </message>
    <message>
        <source>%1 refused this for your role (HTTP 403)%2.</source>
        <translation>Für Ihre Rolle abgelehnt (%1, HTTP 403)%2.</translation>
    </message>
</context>
<context>
    <name>Escalation::IdentityIndicator</name>
    <message>
        <source>Not signed in · %1 (from the settings)</source>
        <translation>Nicht angemeldet · %1 (aus den Einstellungen)</translation>
    </message>
    <message>
        <source>Signed in as %1 · %2</source>
        <translation>Angemeldet als %1 · %2</translation>
    </message>
    <message>
        <source>%1 (last known: the portal could not be asked)</source>
        <translation>%1 (zuletzt bekannt: das Portal war nicht erreichbar)</translation>
    </message>
    <message>
        <source>%1 (role from the settings)</source>
        <translation>%1 (Rolle aus den Einstellungen)</translation>
    </message>
</context>
<context>
    <name>Escalation::LadderWidget</name>
    <message>
        <source>Level %1 — %2</source>
        <translation>Stufe %1 – %2</translation>
    </message>
    <message>
        <source>Included since %1</source>
        <translation>Einbezogen seit %1</translation>
    </message>
    <message>
        <source>Reached %1</source>
        <translation>Erreicht %1</translation>
    </message>
    <message>
        <source>accepted by %1</source>
        <translation>angenommen von %1</translation>
    </message>
    <message>
        <source>declined by %1</source>
        <translation>abgelehnt von %1</translation>
    </message>
    <message>
        <source>awaiting review</source>
        <translation>wartet auf Prüfung</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>Alerts: %1</source>
        <translation>Benachrichtigt: %1</translation>
    </message>
    <message>
        <source>Owed: %1</source>
        <translation>Ausstehend: %1</translation>
    </message>
    <message>
        <source>Analysis recorded by %1, %2</source>
        <translation>Analyse erfasst von %1, %2</translation>
    </message>
    <message>
        <source>Ownership acknowledged by %1, %2</source>
        <translation>Verantwortung bestätigt von %1, %2</translation>
    </message>
    <message>
        <source>Severity 1 outage — handled by the outage process, never escalated</source>
        <translation>Ausfall mit Schweregrad 1 – wird im Ausfallprozess bearbeitet, nie eskaliert</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>Escalation ladder</source>
        <translation>Eskalationsleiter</translation>
    </message>
    <message>
        <source>owed: %1</source>
        <translation>ausstehend: %1</translation>
    </message>
</context>
<context>
    <name>Escalation::MainWindow</name>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>&amp;Annehmen …</translation>
    </message>
    <message>
        <source>Accept the escalation with a plan of action</source>
        <translation>Die Eskalation mit einem Maßnahmenplan annehmen</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>A&amp;blehnen …</translation>
    </message>
    <message>
        <source>Decline the escalation with the automated reply</source>
        <translation>Die Eskalation mit der automatischen Antwort ablehnen</translation>
    </message>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>Take ownership of the escalation</source>
        <translation>Die Eskalation übernehmen</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>&amp;Notiz …</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Eine Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Ana&amp;lysis…</source>
        <translation>Ana&amp;lyse …</translation>
    </message>
    <message>
        <source>Record the level-3 analysis</source>
        <translation>Die Analyse für Stufe 3 erfassen</translation>
    </message>
    <message>
        <source>Next request</source>
        <translation>Nächste Anfrage</translation>
    </message>
    <message>
        <source>Move to the next request</source>
        <translation>Zur nächsten Anfrage wechseln</translation>
    </message>
    <message>
        <source>Previous request</source>
        <translation>Vorherige Anfrage</translation>
    </message>
    <message>
        <source>Move to the previous request</source>
        <translation>Zur vorherigen Anfrage wechseln</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>Search and filter the queue</source>
        <translation>Die Warteschlange durchsuchen und filtern</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show every request again</source>
        <translation>Wieder alle Anfragen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Ask the portal for changes now</source>
        <translation>Das Portal jetzt nach Änderungen fragen</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Anfrage</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Triage</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Show the %1 view</source>
        <translation>Die Ansicht %1 zeigen</translation>
    </message>
    <message>
        <source>%1 · %2 · level %3</source>
        <translation>%1 · %2 · Stufe %3</translation>
    </message>
    <message>
        <source>%1 · level %2</source>
        <translation>%1 · Stufe %2</translation>
    </message>
    <message>
        <source>the case is progressing through standard triage and does not need more visibility at this time.</source>
        <translation>der Fall wird in der Standard-Triage bearbeitet und braucht derzeit keine zusätzliche Aufmerksamkeit.</translation>
    </message>
    <message>
        <source>The template names placeholders this desk does not know: %1</source>
        <translation>Die Vorlage nennt Platzhalter, die dieses Programm nicht kennt: %1</translation>
    </message>
    <message>
        <source>%1 saved for %2; it is sent to the portal and shown as pending until confirmed.</source>
        <translation>%1 für %2 gespeichert; wird an das Portal gesendet und bis zur Bestätigung als ausstehend angezeigt.</translation>
    </message>
    <message>
        <source>Action not saved</source>
        <translation>Aktion nicht gespeichert</translation>
    </message>
    <message>
        <source>The action could not be stored in the local outbox, so it was not sent.</source>
        <translation>Die Aktion konnte nicht im lokalen Postausgang gespeichert werden und wurde daher nicht gesendet.</translation>
    </message>
    <message>
        <source>The portal refused %1 for %2: %3</source>
        <translation>Das Portal hat %1 für %2 abgelehnt: %3</translation>
    </message>
    <message>
        <source>%1 for %2 conflicts with a newer change at the portal; review the request and decide again.</source>
        <translation>%1 für %2 steht im Konflikt mit einer neueren Änderung im Portal; prüfen Sie die Anfrage und entscheiden Sie erneut.</translation>
    </message>
    <message>
        <source>Decision in conflict</source>
        <translation>Entscheidung im Konflikt</translation>
    </message>
    <message>
        <source>The portal refused %1 for %2: your role may not do this. %3</source>
        <translation>Das Portal hat %1 für %2 abgelehnt: Ihre Rolle darf das nicht. %3</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge…</source>
        <translation>Bes&amp;tätigen …</translation>
    </message>
    <message>
        <source>Acknowledge ownership of the level-4 escalation</source>
        <translation>Verantwortung für die Level-4-Eskalation bestätigen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Alle Tastenkürzel anzeigen</translation>
    </message>
    <message>
        <source>Close the desk</source>
        <translation>Desk schließen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Next request (in the queue table)</source>
        <translation>Nächste Anfrage (in der Warteschlange)</translation>
    </message>
    <message>
        <source>Previous request (in the queue table)</source>
        <translation>Vorherige Anfrage (in der Warteschlange)</translation>
    </message>
    <message>
        <source>&amp;Show request</source>
        <translation>Anfrage &amp;zeigen</translation>
    </message>
    <message>
        <source>the queue</source>
        <translation>die Warteschlange</translation>
    </message>
    <message>
        <source>already %1</source>
        <translation>bereits %1</translation>
    </message>
    <message>
        <source>already yours</source>
        <translation>bereits Ihre</translation>
    </message>
    <message>
        <source>an S1 outage: the outage process handles it</source>
        <translation>ein S1-Ausfall: der Ausfallprozess übernimmt ihn</translation>
    </message>
    <message>
        <source>Too many requests marked</source>
        <translation>Zu viele Anfragen markiert</translation>
    </message>
    <message>
        <source>One action takes at most %1 requests, and %2 are marked. Narrow the queue with the filters or a saved view first.</source>
        <translation>Eine Aktion umfasst höchstens %1 Anfragen, markiert sind %2. Grenzen Sie die Warteschlange zuerst mit den Filtern oder einer gespeicherten Ansicht ein.</translation>
    </message>
    <message>
        <source>&amp;Hand off…</source>
        <translation>Ü&amp;bergeben…</translation>
    </message>
    <message>
        <source>Hand the escalation to a team in another region</source>
        <translation>Die Eskalation an ein Team in einer anderen Region übergeben</translation>
    </message>
    <message>
        <source>raised too early: accept it on its own, with a justification</source>
        <translation>zu früh gestellt: einzeln und mit Begründung annehmen</translation>
    </message>
    <message>
        <source>Raised before the case&apos;s minimum age of %1 h: it can be escalated from %2. Why can it not wait? (Required; the analytics count early acceptances.)</source>
        <translation>Vor dem Mindestalter des Falls von %1 h gestellt: eskalierbar ab %2. Warum kann es nicht warten? (Pflichtfeld; die Auswertung zählt vorzeitige Annahmen.)</translation>
    </message>
    <message>
        <source>Ask re&amp;quester…</source>
        <translation>An&amp;fragenden fragen…</translation>
    </message>
    <message>
        <source>Ask the requester for information; the review clock pauses until they answer</source>
        <translation>Den Anfragenden um Informationen bitten; die Prüfuhr hält an, bis er antwortet</translation>
    </message>
    <message>
        <source>&amp;Resume review…</source>
        <translation>Prüfung fo&amp;rtsetzen…</translation>
    </message>
    <message>
        <source>End the wait on the requester; the review clock runs again</source>
        <translation>Das Warten auf den Anfragenden beenden; die Prüfuhr läuft wieder</translation>
    </message>
</context>
<context>
    <name>Escalation::NativeCall</name>
    <message>
        <source>The request to the portal was canceled.</source>
        <translation>Die Anfrage an das Portal wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Escalation::NativeConnector</name>
    <message>
        <source>the portal at %1</source>
        <translation>das Portal unter %1</translation>
    </message>
    <message>
        <source>The portal&apos;s answer about the signed-in user is unusable: %1</source>
        <translation>Die Antwort des Portals zum angemeldeten Benutzer ist unbrauchbar: %1</translation>
    </message>
    <message>
        <source>The portal&apos;s history of %1 is unusable: %2</source>
        <translation>Der Verlauf von %1 aus dem Portal ist unbrauchbar: %2</translation>
    </message>
</context>
<context>
    <name>Escalation::NotificationPolicy</name>
    <message>
        <source>Review target missed</source>
        <translation>Prüffrist überschritten</translation>
    </message>
    <message>
        <source>Review due soon</source>
        <translation>Prüfung bald fällig</translation>
    </message>
    <message>
        <source>%1 has not been answered within its review target.</source>
        <translation>%1 wurde nicht innerhalb der Prüffrist beantwortet.</translation>
    </message>
    <message>
        <source>%1 is close to its review target.</source>
        <translation>%1 steht kurz vor der Prüffrist.</translation>
    </message>
    <message numerus="yes">
        <source>While you were away: %n review clock(s) changed</source>
        <translation>
            <numerusform>Während Ihrer Abwesenheit: %n Prüfuhr hat sich geändert</numerusform>
            <numerusform>Während Ihrer Abwesenheit: %n Prüfuhren haben sich geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 missed the review target, %2 came close to it. Click to open the most urgent one.</source>
        <translation>Prüffrist überschritten: %1, kurz davor: %2. Klicken Sie, um die dringendste Anfrage zu öffnen.</translation>
    </message>
    <message>
        <source>Breached and not taken</source>
        <translation>Überschritten und nicht übernommen</translation>
    </message>
    <message>
        <source>%1 missed its review target %2 min ago and nobody has taken it.</source>
        <translation>%1 hat das Prüfziel vor %2 Min. verfehlt, und niemand hat die Anfrage übernommen.</translation>
    </message>
    <message>
        <source>%1 breached requests nobody has taken</source>
        <translation>%1 überschrittene Anfragen, die niemand übernommen hat</translation>
    </message>
    <message>
        <source>The longest waiting: %1</source>
        <translation>Am längsten wartend: %1</translation>
    </message>
    <message>
        <source>Handed to your team</source>
        <translation>An Ihr Team übergeben</translation>
    </message>
    <message>
        <source>%1 was handed from %2 to %3 by %4.</source>
        <translation>%1 wurde von %4 von %2 an %3 übergeben.</translation>
    </message>
    <message>
        <source>%1 was handed from %2 to %3 by %4: %5</source>
        <translation>%1 wurde von %4 von %2 an %3 übergeben: %5</translation>
    </message>
</context>
<context>
    <name>Escalation::Outbox</name>
    <message>
        <source>The decision could not be saved in the local cache: %1</source>
        <translation>Die Entscheidung konnte nicht im lokalen Zwischenspeicher gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The local cache is closed.</source>
        <translation>Der lokale Zwischenspeicher ist geschlossen.</translation>
    </message>
</context>
<context>
    <name>Escalation::PortalConnector</name>
    <message>
        <source>%1 cannot say who is signed in.</source>
        <translation>%1 kann nicht sagen, wer angemeldet ist.</translation>
    </message>
    <message>
        <source>History is not available from %1.</source>
        <translation>Von %1 ist kein Verlauf verfügbar.</translation>
    </message>
</context>
<context>
    <name>Escalation::PortalJob</name>
    <message>
        <source>the portal at %1</source>
        <translation>das Portal unter %1</translation>
    </message>
    <message>
        <source>Set a valid token in Settings, or in the environment variable ESCALATION_DESK_TOKEN for scripts.</source>
        <translation>Hinterlegen Sie ein gültiges Token in den Einstellungen oder für Skripte in der Umgebungsvariable ESCALATION_DESK_TOKEN.</translation>
    </message>
    <message>
        <source>If you have checked it with your administrator, set this fingerprint as the pinned certificate in the portal settings.</source>
        <translation>Wenn Sie ihn mit Ihrer Administration geprüft haben, hinterlegen Sie diesen Fingerabdruck in den Portaleinstellungen als vertrauenswürdiges Zertifikat.</translation>
    </message>
</context>
<context>
    <name>Escalation::QueueClusters</name>
    <message>
        <source>no list of confirmed clusters</source>
        <translation>keine Liste bestätigter Cluster</translation>
    </message>
    <message>
        <source>a cluster names a request twice or names none</source>
        <translation>ein Cluster nennt eine Anfrage zweimal oder keine</translation>
    </message>
    <message>
        <source>a cluster without a title or requests</source>
        <translation>ein Cluster ohne Titel oder Anfragen</translation>
    </message>
</context>
<context>
    <name>Escalation::QueueFilterProxy</name>
    <message numerus="yes">
        <source>Major issue (%n requests): %1</source>
        <translation>
            <numerusform>Größeres Problem (%n Anfrage): %1</numerusform>
            <numerusform>Größeres Problem (%n Anfragen): %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Left arrow or click ▾: show the cluster as one row again</source>
        <translation>Pfeil nach links oder Klick auf ▾: den Cluster wieder als eine Zeile zeigen</translation>
    </message>
    <message numerus="yes">
        <source>One row for %n requests: an action on it answers each of them. Right arrow or click ▸: show them</source>
        <translation>
            <numerusform>Eine Zeile für %n Anfrage: eine Aktion darauf beantwortet sie. Pfeil nach rechts oder Klick auf ▸: anzeigen</numerusform>
            <numerusform>Eine Zeile für %n Anfragen: eine Aktion darauf beantwortet jede von ihnen. Pfeil nach rechts oder Klick auf ▸: anzeigen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Major issue “%1”, %n requests, expanded.</source>
        <translation>
            <numerusform>Größeres Problem „%1“, %n Anfrage, aufgeklappt.</numerusform>
            <numerusform>Größeres Problem „%1“, %n Anfragen, aufgeklappt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Major issue “%1”, %n requests, collapsed.</source>
        <translation>
            <numerusform>Größeres Problem „%1“, %n Anfrage, zugeklappt.</numerusform>
            <numerusform>Größeres Problem „%1“, %n Anfragen, zugeklappt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Escalation::QueueModel</name>
    <message>
        <source>L%1</source>
        <translation>St. %1</translation>
    </message>
    <message>
        <source>S1 outage</source>
        <translation>S1-Ausfall</translation>
    </message>
    <message>
        <source>S%1</source>
        <translation>S%1</translation>
    </message>
    <message>
        <source>unowned</source>
        <translation>nicht übernommen</translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n ausstehend</numerusform>
            <numerusform>%n ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>Review due %1</source>
        <translation>Prüfung fällig %1</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the portal to confirm %n action(s)</source>
        <translation>
            <numerusform>Wartet auf die Bestätigung von %n Aktion durch das Portal</numerusform>
            <numerusform>Wartet auf die Bestätigung von %n Aktionen durch das Portal</numerusform>
        </translation>
    </message>
    <message>
        <source>Business time left until the 4-business-hour review target</source>
        <translation>Verbleibende Geschäftszeit bis zum Prüfziel von 4 Geschäftsstunden</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Prüfung fällig</translation>
    </message>
    <message>
        <source>On track, approaching, breached or answered</source>
        <translation>Im Plan, bald fällig, überschritten oder beantwortet</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>Escalation level 1–4</source>
        <translation>Eskalationsstufe 1–4</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Case severity (S1 is an outage)</source>
        <translation>Schweregrad des Falls (S1 ist ein Ausfall)</translation>
    </message>
    <message>
        <source>Sev</source>
        <translation>SG</translation>
    </message>
    <message>
        <source>Support tier</source>
        <translation>Supportstufe</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Supportstufe</translation>
    </message>
    <message>
        <source>Customer priority</source>
        <translation>Kundenpriorität</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Why the customer escalated</source>
        <translation>Warum der Kunde eskaliert hat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Customer account</source>
        <translation>Kundenkonto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Case subject</source>
        <translation>Betreff des Falls</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Time since the case was opened</source>
        <translation>Zeit seit Eröffnung des Falls</translation>
    </message>
    <message>
        <source>Case age</source>
        <translation>Fallalter</translation>
    </message>
    <message>
        <source>Escalation manager who took the request</source>
        <translation>Eskalationsmanager, der die Anfrage übernommen hat</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>When the escalation was requested</source>
        <translation>Wann die Eskalation angefordert wurde</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <source>Request state</source>
        <translation>Status der Anfrage</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Actions of this desk not yet confirmed by the portal</source>
        <translation>Aktionen dieses Arbeitsplatzes, die das Portal noch nicht bestätigt hat</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>%1 ⏸</source>
        <translation>%1 ⏸</translation>
    </message>
    <message>
        <source>The clock is paused: its business calendar is closed now.</source>
        <translation>Die Uhr steht still: Ihr Geschäftskalender ist gerade geschlossen.</translation>
    </message>
    <message>
        <source>%1, clock paused</source>
        <translation>%1, Uhr angehalten</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>severity 1 outage</source>
        <translation>Schweregrad 1, Ausfall</translation>
    </message>
    <message>
        <source>severity %1</source>
        <translation>Schweregrad %1</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>Fall %1</translation>
    </message>
    <message>
        <source>nobody has taken it</source>
        <translation>von niemandem übernommen</translation>
    </message>
    <message>
        <source>taken by %1</source>
        <translation>übernommen von %1</translation>
    </message>
</context>
<context>
    <name>Escalation::QueueView</name>
    <message>
        <source>Approaching</source>
        <translation>Bald fällig</translation>
    </message>
    <message>
        <source>L4</source>
        <translation>St. 4</translation>
    </message>
    <message>
        <source>S1 outage</source>
        <translation>S1-Ausfall</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>12d 23h</source>
        <translation>12 T. 23 Std.</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>2 pending</source>
        <translation>2 ausstehend</translation>
    </message>
    <message>
        <source>overdue 12h 59m ⏸</source>
        <translation>überfällig 12 Std. 59 Min. ⏸</translation>
    </message>
    <message>
        <source>Escalation queue</source>
        <translation>Eskalationswarteschlange</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>Show as one row</source>
        <translation>Als eine Zeile zeigen</translation>
    </message>
    <message>
        <source>Show its requests</source>
        <translation>Seine Anfragen zeigen</translation>
    </message>
    <message>
        <source>Not one issue: ungroup its requests</source>
        <translation>Kein gemeinsames Problem: Anfragen einzeln zeigen</translation>
    </message>
</context>
<context>
    <name>Escalation::RegionHoursLabel</name>
    <message>
        <source>Business hours by region</source>
        <translation>Geschäftszeiten nach Region</translation>
    </message>
    <message>
        <source>%1: %2 local time (%3)</source>
        <translation>%1: %2 Ortszeit (%3)</translation>
    </message>
</context>
<context>
    <name>Escalation::RequestSetBanner</name>
    <message>
        <source>Show every request</source>
        <translation>Alle Anfragen zeigen</translation>
    </message>
    <message>
        <source>Leave the drill-down and show the queue as the filters say (%1)</source>
        <translation>Die Detailauswahl verlassen und die Warteschlange nach den Filtern zeigen (%1)</translation>
    </message>
    <message>
        <source>Showing the requests behind “%1”: %2 of %3 are in the queue.</source>
        <translation>Anfragen hinter „%1“: %2 von %3 sind in der Warteschlange.</translation>
    </message>
    <message>
        <source>The others are closed or superseded; the list in %1 has them all.</source>
        <translation>Die übrigen sind geschlossen oder abgelöst; die Liste in %1 enthält alle.</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Zurück zu %1</translation>
    </message>
</context>
<context>
    <name>Escalation::SavedViews</name>
    <message>
        <source>&quot;%1&quot; must be a list of codes</source>
        <translation>„%1“ muss eine Liste von Codes sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds &quot;%2&quot;; expected one of %3</source>
        <translation>„%1“ enthält „%2“; erwartet wird einer von %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text of at most %2 characters</source>
        <translation>„%1“ muss Text mit höchstens %2 Zeichen sein</translation>
    </message>
    <message>
        <source>My requests</source>
        <translation>Meine Anfragen</translation>
    </message>
    <message>
        <source>Breaching in the next hour</source>
        <translation>Überschreitung in der nächsten Stunde</translation>
    </message>
    <message>
        <source>Level 3–4 without analysis</source>
        <translation>Stufe 3–4 ohne Analyse</translation>
    </message>
    <message>
        <source>a view needs a name</source>
        <translation>eine Ansicht braucht einen Namen</translation>
    </message>
    <message>
        <source>view &quot;%1&quot;: %2</source>
        <translation>Ansicht „%1“: %2</translation>
    </message>
    <message>
        <source>&quot;view&quot; is &quot;%1&quot;; expected one of %2</source>
        <translation>„view“ ist „%1“; erwartet wird einer von %2</translation>
    </message>
    <message>
        <source>&quot;filter&quot; must be an object</source>
        <translation>„filter“ muss ein Objekt sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>„%1“ muss true oder false sein</translation>
    </message>
    <message>
        <source>&quot;sort&quot; needs a known &quot;column&quot;</source>
        <translation>„sort“ braucht eine bekannte „column“</translation>
    </message>
    <message>
        <source>&quot;sort&quot; needs an &quot;order&quot; of ascending or descending</source>
        <translation>„sort“ braucht eine „order“ ascending oder descending</translation>
    </message>
    <message>
        <source>&quot;columns&quot; must be a list of column codes</source>
        <translation>„columns“ muss eine Liste von Spaltencodes sein</translation>
    </message>
    <message>
        <source>&quot;columns&quot; holds the unknown column &quot;%1&quot;</source>
        <translation>„columns“ enthält die unbekannte Spalte „%1“</translation>
    </message>
    <message>
        <source>the file is %1 bytes, more than the %2 a file of views may hold</source>
        <translation>die Datei umfasst %1 Bytes, mehr als die %2, die eine Datei mit Ansichten haben darf</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>not a file of saved views (its &quot;format&quot; is not &quot;%1&quot;)</source>
        <translation>keine Datei mit gespeicherten Ansichten (ihr „format“ ist nicht „%1“)</translation>
    </message>
    <message>
        <source>version %1 of the format; this desk reads version %2</source>
        <translation>Version %1 des Formats; dieser Arbeitsplatz liest Version %2</translation>
    </message>
    <message>
        <source>&quot;views&quot; must be a list of at most %1 views</source>
        <translation>„views“ muss eine Liste von höchstens %1 Ansichten sein</translation>
    </message>
    <message>
        <source>view %1 is not an object</source>
        <translation>Ansicht %1 ist kein Objekt</translation>
    </message>
    <message>
        <source>view %1: %2</source>
        <translation>Ansicht %1: %2</translation>
    </message>
</context>
<context>
    <name>Escalation::SavedViewsMenu</name>
    <message>
        <source>Saved &amp;views</source>
        <translation>Gespeicherte &amp;Ansichten</translation>
    </message>
    <message>
        <source>Show the saved view “%1”</source>
        <translation>Die gespeicherte Ansicht „%1“ zeigen</translation>
    </message>
    <message>
        <source>&amp;Save current view as…</source>
        <translation>Aktuelle Ansicht &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Keep the queue&apos;s filter, sort, columns and page under a name</source>
        <translation>Filter, Sortierung, Spalten und Seite der Warteschlange unter einem Namen speichern</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete saved view</source>
        <translation>Gespeicherte Ansicht löschen</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?</source>
        <translation>Die gespeicherte Ansicht „%1“ löschen?</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Write your saved views to a file to share with your team</source>
        <translation>Ihre gespeicherten Ansichten in eine Datei schreiben, um sie mit Ihrem Team zu teilen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Add the saved views of a file</source>
        <translation>Die gespeicherten Ansichten einer Datei hinzufügen</translation>
    </message>
    <message>
        <source>Showing the saved view “%1” (requests shown: %2)</source>
        <translation>Gespeicherte Ansicht „%1“ (angezeigte Anfragen: %2)</translation>
    </message>
    <message>
        <source>A saved view needs a name.</source>
        <translation>Eine gespeicherte Ansicht braucht einen Namen.</translation>
    </message>
    <message>
        <source>“%1” is a built-in view; choose another name.</source>
        <translation>„%1“ ist eine mitgelieferte Ansicht; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no saved views this desk can read: %2</source>
        <translation>%1 enthält keine gespeicherten Ansichten, die dieser Arbeitsplatz lesen kann: %2</translation>
    </message>
    <message>
        <source>Save current view</source>
        <translation>Aktuelle Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of the view (its filter, sort, columns and page are kept):</source>
        <translation>Name der Ansicht (Filter, Sortierung, Spalten und Seite werden gespeichert):</translation>
    </message>
    <message>
        <source>Saved the view “%1”.</source>
        <translation>Die Ansicht „%1“ wurde gespeichert.</translation>
    </message>
    <message>
        <source>Export saved views</source>
        <translation>Gespeicherte Ansichten exportieren</translation>
    </message>
    <message>
        <source>Saved views (*.json)</source>
        <translation>Gespeicherte Ansichten (*.json)</translation>
    </message>
    <message>
        <source>Import saved views</source>
        <translation>Gespeicherte Ansichten importieren</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n saved view(s).</source>
        <translation>
            <numerusform>%n gespeicherte Ansicht importiert.</numerusform>
            <numerusform>%n gespeicherte Ansichten importiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Escalation::SettingsDialog</name>
    <message>
        <source>Escalation Desk Settings</source>
        <translation>Einstellungen von Escalation Desk</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Portal</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>Review and SLA</source>
        <translation>Prüfung und SLA</translation>
    </message>
    <message>
        <source>Reply templates</source>
        <translation>Antwortvorlagen</translation>
    </message>
    <message>
        <source>Working hours apply at once. The role chooses the view at the next start; the portal, calendars, thresholds and reply templates also apply the next time Escalation Desk starts.</source>
        <translation>Arbeitszeiten gelten sofort. Die Rolle bestimmt die Ansicht beim nächsten Start; Portal, Kalender, Schwellenwerte und Antwortvorlagen gelten ebenfalls ab dem nächsten Start von Escalation Desk.</translation>
    </message>
    <message>
        <source>empty: work from the local cache only</source>
        <translation>leer: nur mit dem lokalen Zwischenspeicher arbeiten</translation>
    </message>
    <message>
        <source>Portal address:</source>
        <translation>Portaladresse:</translation>
    </message>
    <message>
        <source>Paste a new token to store it</source>
        <translation>Neues Token zum Speichern einfügen</translation>
    </message>
    <message>
        <source>Store in keychain</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Zugriffstoken:</translation>
    </message>
    <message>
        <source>The token is kept in the system keychain, never in the settings file, and is never shown again once stored. Scripts may set %1 instead.</source>
        <translation>Das Token liegt im Schlüsselbund des Systems, nie in der Einstellungsdatei, und wird nach dem Speichern nie wieder angezeigt. Skripte können stattdessen %1 setzen.</translation>
    </message>
    <message>
        <source>empty: trust the system&apos;s certificate authorities</source>
        <translation>leer: den Zertifizierungsstellen des Systems vertrauen</translation>
    </message>
    <message>
        <source>Trusted certificate (SHA-256):</source>
        <translation>Vertrauenswürdiges Zertifikat (SHA-256):</translation>
    </message>
    <message>
        <source>Only for a portal whose certificate your system does not trust, such as one signed by an internal authority or self-signed. With a fingerprint set, the desk accepts exactly that certificate and refuses any other, so a changed certificate stops the sync instead of exposing the token. Ask the portal&apos;s administrator for the value, or read it with: openssl x509 -noout -fingerprint -sha256 -in portal.pem</source>
        <translation>Nur für ein Portal, dessen Zertifikat Ihr System nicht als vertrauenswürdig kennt, etwa eines von einer internen Zertifizierungsstelle oder ein selbstsigniertes. Mit hinterlegtem Fingerabdruck akzeptiert das Programm genau dieses Zertifikat und kein anderes; ein geändertes Zertifikat hält die Synchronisierung an, statt das Token preiszugeben. Den Wert erhalten Sie von der Administration des Portals, oder Sie lesen ihn aus mit: openssl x509 -noout -fingerprint -sha256 -in portal.pem</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>I work as:</source>
        <translation>Ich arbeite als:</translation>
    </message>
    <message>
        <source>The role chooses the view the desk opens with and whether triage actions are offered. Every view stays available from the View menu.</source>
        <translation>Die Rolle bestimmt, mit welcher Ansicht das Programm startet und ob Triage-Aktionen angeboten werden. Alle Ansichten bleiben über das Menü „Ansicht“ erreichbar.</translation>
    </message>
    <message>
        <source>My working hours</source>
        <translation>Meine Arbeitszeiten</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Outside these hours the desk does not pop up notifications; what happened meanwhile is summarised when your working time begins. An end before the start means a shift past midnight.</source>
        <translation>Außerhalb dieser Zeiten erscheinen keine Benachrichtigungen; was in der Zwischenzeit geschah, wird zu Beginn Ihrer Arbeitszeit zusammengefasst. Ein Ende vor dem Beginn bedeutet eine Schicht über Mitternacht.</translation>
    </message>
    <message>
        <source>Business calendars</source>
        <translation>Geschäftskalender</translation>
    </message>
    <message>
        <source>empty: the built-in calendars only</source>
        <translation>leer: nur die eingebauten Kalender</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Every *.json file in this folder is loaded over the built-in calendars (americas, emea, apac); a file with the same id replaces a built-in one.</source>
        <translation>Jede *.json-Datei in diesem Ordner wird zusätzlich zu den eingebauten Kalendern (americas, emea, apac) geladen; eine Datei mit derselben ID ersetzt den eingebauten Kalender.</translation>
    </message>
    <message>
        <source>Calendars folder</source>
        <translation>Kalenderordner</translation>
    </message>
    <message>
        <source>Review clock</source>
        <translation>Prüfuhr</translation>
    </message>
    <message numerus="yes">
        <source>A request must be answered within %n business minute(s). Warn me when:</source>
        <translation>
            <numerusform>Eine Anfrage muss innerhalb von %n Geschäftsminute beantwortet werden. Warnen, wenn:</numerusform>
            <numerusform>Eine Anfrage muss innerhalb von %n Geschäftsminuten beantwortet werden. Warnen, wenn:</numerusform>
        </translation>
    </message>
    <message>
        <source>at most this much business time is left:</source>
        <translation>höchstens noch so viel Geschäftszeit übrig ist:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>at most this share of the target is left:</source>
        <translation>höchstens noch dieser Anteil der Frist übrig ist:</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Case SLA flags</source>
        <translation>SLA-Markierungen der Fälle</translation>
    </message>
    <message>
        <source>Severity %1</source>
        <translation>Schweregrad %1</translation>
    </message>
    <message>
        <source>First response, premium:</source>
        <translation>Erstreaktion, Premium:</translation>
    </message>
    <message>
        <source>First response, standard:</source>
        <translation>Erstreaktion, Standard:</translation>
    </message>
    <message>
        <source>Longest support silence:</source>
        <translation>Längste Zeit ohne Support-Rückmeldung:</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source>Wall-clock time from the case&apos;s creation to its first response, and from the last support update (or the creation) to the next. The team lead&apos;s monitor flags the cases beyond these limits.</source>
        <translation>Echtzeit von der Eröffnung des Falls bis zur Erstreaktion und von der letzten Support-Rückmeldung (oder der Eröffnung) bis zur nächsten. Die Übersicht der Teamleitung markiert Fälle jenseits dieser Grenzen.</translation>
    </message>
    <message>
        <source>Restore the shipped values</source>
        <translation>Mitgelieferte Werte wiederherstellen</translation>
    </message>
    <message>
        <source>Restore the shipped text</source>
        <translation>Mitgelieferten Text wiederherstellen</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Sent to the requester when a request is declined; the manager can still edit each reply. Placeholders: {requester}, {caseNumber}, {caseId}, {subject}, {account}, {severity}, {tier}, {level}, {reason}, {manager}, {eligibleAt}, {requestId}. Write {{ and }} for literal braces.</source>
        <translation>Wird beim Ablehnen einer Anfrage an den Anfragenden gesendet; jede Antwort lässt sich vorher noch bearbeiten. Platzhalter: {requester}, {caseNumber}, {caseId}, {subject}, {account}, {severity}, {tier}, {level}, {reason}, {manager}, {eligibleAt}, {requestId}. Für geschweifte Klammern {{ und }} schreiben.</translation>
    </message>
    <message>
        <source>Preview with a sample request:</source>
        <translation>Vorschau mit einer Beispielanfrage:</translation>
    </message>
    <message>
        <source>Nightly export fails with timeout</source>
        <translation>Nächtlicher Export bricht mit Zeitüberschreitung ab</translation>
    </message>
    <message>
        <source>A plan of action is already agreed with the customer.</source>
        <translation>Mit dem Kunden ist bereits ein Maßnahmenplan vereinbart.</translation>
    </message>
    <message>
        <source>An empty template would send an empty reply.</source>
        <translation>Eine leere Vorlage würde eine leere Antwort senden.</translation>
    </message>
    <message>
        <source>Unknown placeholders stay as written in the reply: %1</source>
        <translation>Unbekannte Platzhalter bleiben unverändert in der Antwort: %1</translation>
    </message>
    <message>
        <source>Built-in calendars: %1.</source>
        <translation>Eingebaute Kalender: %1.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; does not exist.</source>
        <translation>Der Ordner „%1“ existiert nicht.</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n calendar(s) from the folder.</source>
        <translation>
            <numerusform>%n Kalender aus dem Ordner geladen.</numerusform>
            <numerusform>%n Kalender aus dem Ordner geladen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Calendars in use: %1.</source>
        <translation>Verwendete Kalender: %1.</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>A token is stored in the system keychain.</source>
        <translation>Im Schlüsselbund des Systems ist ein Token gespeichert.</translation>
    </message>
    <message>
        <source>The token comes from the environment variable %1; it overrides the keychain.</source>
        <translation>Das Token stammt aus der Umgebungsvariable %1; sie hat Vorrang vor dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>No token is stored for this portal.</source>
        <translation>Für dieses Portal ist kein Token gespeichert.</translation>
    </message>
    <message>
        <source>No token is stored for this portal. %1</source>
        <translation>Für dieses Portal ist kein Token gespeichert. %1</translation>
    </message>
    <message>
        <source>The token was stored in the system keychain.</source>
        <translation>Das Token wurde im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The token could not be stored in the system keychain (%1). It was not saved anywhere else; the other settings were saved.</source>
        <translation>Das Token konnte nicht im Schlüsselbund des Systems gespeichert werden (%1). Es wurde nirgendwo anders gespeichert; die übrigen Einstellungen wurden gespeichert.</translation>
    </message>
    <message>
        <source>The token was removed from the keychain.</source>
        <translation>Das Token wurde aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>The token could not be removed: %1</source>
        <translation>Das Token konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>Enter a valid portal address to see whether a token is stored.</source>
        <translation>Geben Sie eine gültige Portaladresse ein, um zu sehen, ob ein Token gespeichert ist.</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Schlüsselbund wird geprüft …</translation>
    </message>
    <message>
        <source>Paste the token first.</source>
        <translation>Fügen Sie zuerst das Token ein.</translation>
    </message>
    <message>
        <source>A token is one word without spaces (at most 4096 characters).</source>
        <translation>Ein Token ist ein Wort ohne Leerzeichen (höchstens 4096 Zeichen).</translation>
    </message>
    <message>
        <source>Enter the portal address first: the token is stored for that portal.</source>
        <translation>Geben Sie zuerst die Portaladresse ein: Das Token wird für dieses Portal gespeichert.</translation>
    </message>
    <message>
        <source>Storing the token in the keychain…</source>
        <translation>Token wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>The portal address must be a full http or https URL, such as https://portal.example.com (got &quot;%1&quot;).</source>
        <translation>Die Portaladresse muss eine vollständige http- oder https-URL sein, etwa https://portal.example.com (erhalten: „%1“).</translation>
    </message>
    <message>
        <source>Plain http would send the token unencrypted to %1; use https for a portal that is not on this computer.</source>
        <translation>Mit einfachem http ginge das Token unverschlüsselt an %1; verwenden Sie https für ein Portal, das nicht auf diesem Computer läuft.</translation>
    </message>
    <message numerus="yes">
        <source>The certificate fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits, colons and spaces allowed (got %n character(s)).</source>
        <translation>
            <numerusform>Der Zertifikat-Fingerabdruck muss ein SHA-256-Fingerabdruck sein: 64 Hexadezimalziffern, Doppelpunkte und Leerzeichen erlaubt (erhalten: %n Zeichen).</numerusform>
            <numerusform>Der Zertifikat-Fingerabdruck muss ein SHA-256-Fingerabdruck sein: 64 Hexadezimalziffern, Doppelpunkte und Leerzeichen erlaubt (erhalten: %n Zeichen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Some calendar files in &quot;%1&quot; could not be loaded; the list below says which and why. Fix them or choose another folder.</source>
        <translation>Einige Kalenderdateien in „%1“ konnten nicht geladen werden; die Liste unten nennt sie mit Grund. Korrigieren Sie sie oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>The calendars folder &quot;%1&quot; does not exist.</source>
        <translation>Der Kalenderordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>The reply template &quot;%1&quot; is empty; write a reply or restore the shipped text.</source>
        <translation>Die Antwortvorlage „%1“ ist leer; schreiben Sie eine Antwort oder stellen Sie den mitgelieferten Text wieder her.</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Seiten der Einstellungen</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugangstoken</translation>
    </message>
    <message>
        <source>Remove the token from the keychain</source>
        <translation>Token aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <source>Reply template</source>
        <translation>Antwortvorlage</translation>
    </message>
    <message>
        <source>Placeholders in braces are filled from each request; see the text above.</source>
        <translation>Platzhalter in geschweiften Klammern werden aus jeder Anfrage gefüllt; siehe den Text darüber.</translation>
    </message>
    <message>
        <source>Preview with a sample request</source>
        <translation>Vorschau mit einer Beispielanfrage</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Farben:</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>&amp;Keep history for:</source>
        <translation>Verlauf &amp;aufbewahren für:</translation>
    </message>
    <message>
        <source>Requests that left the queue (re-escalated or closed) stay in the cache this long for the analytics; older ones are removed when the desk starts.</source>
        <translation>Anfragen, die die Warteschlange verlassen haben (erneut eskaliert oder geschlossen), bleiben so lange für die Auswertung im Cache; ältere werden beim Start des Desks entfernt.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Tell a team lead of a breach nobody has &amp;taken after:</source>
        <translation>Teamleitung über eine nicht &amp;übernommene Überschreitung informieren nach:</translation>
    </message>
</context>
<context>
    <name>Escalation::ShortcutText</name>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Überall</translation>
    </message>
    <message>
        <source>In a dialog</source>
        <translation>In einem Dialog</translation>
    </message>
    <message>
        <source>Next part of the window</source>
        <translation>Nächster Bereich des Fensters</translation>
    </message>
    <message>
        <source>Previous part of the window</source>
        <translation>Vorheriger Bereich des Fensters</translation>
    </message>
    <message>
        <source>Open a menu</source>
        <translation>Menü öffnen</translation>
    </message>
    <message>
        <source>Alt + the menu&apos;s underlined letter</source>
        <translation>Alt + unterstrichener Buchstabe des Menüs</translation>
    </message>
    <message>
        <source>Send the text</source>
        <translation>Text senden</translation>
    </message>
    <message>
        <source>Close without sending</source>
        <translation>Schließen ohne zu senden</translation>
    </message>
</context>
<context>
    <name>Escalation::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>What you want to do, or a key</source>
        <translation>Was Sie tun möchten, oder eine Taste</translation>
    </message>
    <message>
        <source>Find a shortcut</source>
        <translation>Tastenkürzel suchen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>Escalation::SlaFlagsModel</name>
    <message>
        <source>in time</source>
        <translation>rechtzeitig</translation>
    </message>
    <message>
        <source>%1 late</source>
        <translation>%1 zu spät</translation>
    </message>
    <message>
        <source>none yet, %1 overdue</source>
        <translation>noch keine, %1 überfällig</translation>
    </message>
    <message>
        <source>%1 (within limit)</source>
        <translation>%1 (im Rahmen)</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>seit %1 keine Rückmeldung</translation>
    </message>
    <message>
        <source>no update for %1</source>
        <translation>seit %1 noch nie gemeldet</translation>
    </message>
    <message>
        <source>First response was due %1</source>
        <translation>Erstreaktion war fällig am %1</translation>
    </message>
    <message>
        <source>A support update was due %1</source>
        <translation>Eine Support-Rückmeldung war fällig am %1</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Supportstufe</translation>
    </message>
    <message>
        <source>Support engineer assigned to the case</source>
        <translation>Dem Fall zugewiesener Support-Mitarbeiter</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Whether the first response met its target for the case&apos;s severity and tier</source>
        <translation>Ob die Erstreaktion das Ziel für Schweregrad und Supportstufe des Falls eingehalten hat</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Erstreaktion</translation>
    </message>
    <message>
        <source>Time since support last wrote on the case</source>
        <translation>Zeit seit der letzten Nachricht des Supports im Fall</translation>
    </message>
    <message>
        <source>Support silence</source>
        <translation>Ohne Support-Rückmeldung</translation>
    </message>
</context>
<context>
    <name>Escalation::SlaMonitorView</name>
    <message>
        <source>Open reviews per team</source>
        <translation>Offene Prüfungen je Team</translation>
    </message>
    <message>
        <source>Per manager</source>
        <translation>Je Manager</translation>
    </message>
    <message>
        <source>Per team</source>
        <translation>Je Team</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>Bald fällig</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Überschritten</translation>
    </message>
    <message>
        <source>Breached today</source>
        <translation>Heute überschritten</translation>
    </message>
    <message>
        <source>Answered today</source>
        <translation>Heute beantwortet</translation>
    </message>
    <message>
        <source>First response missed</source>
        <translation>Erstreaktion verfehlt</translation>
    </message>
    <message>
        <source>Support silent too long</source>
        <translation>Zu lange ohne Support-Rückmeldung</translation>
    </message>
    <message>
        <source>Reviews at risk (%1)</source>
        <translation>Gefährdete Prüfungen (%1)</translation>
    </message>
    <message>
        <source>Case SLA flags (%1)</source>
        <translation>SLA-Markierungen der Fälle (%1)</translation>
    </message>
    <message>
        <source>Reviews at risk</source>
        <translation>Gefährdete Prüfungen</translation>
    </message>
    <message>
        <source>Review counts</source>
        <translation>Anzahl der Prüfungen</translation>
    </message>
    <message>
        <source>Review counts per manager</source>
        <translation>Anzahl der Prüfungen je Manager</translation>
    </message>
    <message>
        <source>Review counts per team</source>
        <translation>Anzahl der Prüfungen je Team</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Case SLA flags</source>
        <translation>SLA-Markierungen der Fälle</translation>
    </message>
</context>
<context>
    <name>Escalation::SlaSummaryModel</name>
    <message>
        <source>unowned</source>
        <translation>nicht übernommen</translation>
    </message>
    <message>
        <source>no team</source>
        <translation>kein Team</translation>
    </message>
    <message>
        <source>Escalation manager who owns the requests</source>
        <translation>Eskalationsmanager, dem die Anfragen gehören</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Team the requests belong to</source>
        <translation>Team, zu dem die Anfragen gehören</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Requests waiting for an answer now</source>
        <translation>Anfragen, die jetzt auf eine Antwort warten</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Open requests with enough review time left</source>
        <translation>Offene Anfragen mit ausreichend verbleibender Prüfzeit</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>Open requests close to their review target now</source>
        <translation>Offene Anfragen, die jetzt kurz vor ihrer Prüffrist stehen</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>Bald fällig</translation>
    </message>
    <message>
        <source>Open requests past their review target now</source>
        <translation>Offene Anfragen, deren Prüffrist jetzt überschritten ist</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Überschritten</translation>
    </message>
    <message>
        <source>Requests answered since midnight</source>
        <translation>Seit Mitternacht beantwortete Anfragen</translation>
    </message>
    <message>
        <source>Answered today</source>
        <translation>Heute beantwortet</translation>
    </message>
    <message>
        <source>Review targets missed since midnight</source>
        <translation>Seit Mitternacht überschrittene Prüffristen</translation>
    </message>
    <message>
        <source>Breached today</source>
        <translation>Heute überschritten</translation>
    </message>
    <message>
        <source>Requests answered since the week began</source>
        <translation>Seit Wochenbeginn beantwortete Anfragen</translation>
    </message>
    <message>
        <source>Answered this week</source>
        <translation>Diese Woche beantwortet</translation>
    </message>
    <message>
        <source>Review targets missed since the week began</source>
        <translation>Seit Wochenbeginn überschrittene Prüffristen</translation>
    </message>
    <message>
        <source>Breached this week</source>
        <translation>Diese Woche überschritten</translation>
    </message>
</context>
<context>
    <name>Escalation::SlaTeamChart</name>
    <message>
        <source>%1: %2 breached, %3 approaching, %4 on track</source>
        <translation>%1: %2 überschritten, %3 bald fällig, %4 im Plan</translation>
    </message>
    <message>
        <source>No open reviews</source>
        <translation>Keine offenen Prüfungen</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Überschritten</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>Bald fällig</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Open reviews per team</source>
        <translation>Offene Prüfungen je Team</translation>
    </message>
</context>
<context>
    <name>Escalation::StoreWorker</name>
    <message>
        <source>The local cache is not open.</source>
        <translation>Der lokale Zwischenspeicher ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>Escalation::SyncEngine</name>
    <message>
        <source>The portal&apos;s change feed did not advance past cursor %1.</source>
        <translation>Der Änderungs-Feed des Portals kam nicht über den Cursor %1 hinaus.</translation>
    </message>
    <message>
        <source>The portal sent an unusable page of changes: %1</source>
        <translation>Das Portal hat eine unbrauchbare Seite mit Änderungen gesendet: %1</translation>
    </message>
    <message>
        <source>The local cache could not store the portal&apos;s changes: %1</source>
        <translation>Der lokale Zwischenspeicher konnte die Änderungen des Portals nicht speichern: %1</translation>
    </message>
</context>
<context>
    <name>Escalation::SyncIndicator</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not syncing</source>
        <translation>Keine Synchronisierung</translation>
    </message>
    <message>
        <source>First sync: %L1 records</source>
        <translation>Erste Synchronisierung: %L1 Datensätze</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisiere …</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Up to date (polling)</source>
        <translation>Aktuell (Abfrage)</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Offline seit %1</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>Synchronisierungsfehler</translation>
    </message>
    <message>
        <source>%L1 records</source>
        <translation>%L1 Datensätze</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting for the portal</source>
        <translation>
            <numerusform>%n Aktion wartet auf das Portal</numerusform>
            <numerusform>%n Aktionen warten auf das Portal</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox empty</source>
        <translation>Postausgang leer</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Noch nie synchronisiert</translation>
    </message>
    <message>
        <source>Last sync just now</source>
        <translation>Zuletzt synchronisiert: gerade eben</translation>
    </message>
    <message>
        <source>Last sync %1 ago</source>
        <translation>Zuletzt synchronisiert vor %1</translation>
    </message>
</context>
<context>
    <name>Escalation::TokenStore</name>
    <message>
        <source>No portal token is stored. %1</source>
        <translation>Es ist kein Portal-Token gespeichert. %1</translation>
    </message>
    <message>
        <source>The system keychain could not be read (%1). %2</source>
        <translation>Der Schlüsselbund des Systems konnte nicht gelesen werden (%1). %2</translation>
    </message>
    <message>
        <source>The token could not be saved in the system keychain (%1); it was not saved anywhere else. Set %2 for this session instead.</source>
        <translation>Das Token konnte nicht im Schlüsselbund des Systems gespeichert werden (%1); es wurde nirgendwo anders gespeichert. Setzen Sie stattdessen %2 für diese Sitzung.</translation>
    </message>
    <message>
        <source>The system keychain did not answer within %1 s. %2</source>
        <translation>Der Schlüsselbund des Systems hat nicht innerhalb von %1 s geantwortet. %2</translation>
    </message>
    <message>
        <source>Store the portal token in Settings (it is kept in the system keychain), or set the environment variable %1 for scripts.</source>
        <translation>Hinterlegen Sie das Portal-Token in den Einstellungen (es wird im Schlüsselbund des Systems gespeichert) oder setzen Sie für Skripte die Umgebungsvariable %1.</translation>
    </message>
</context>
<context>
    <name>Escalation::TrayNotifier</name>
    <message>
        <source>Show Escalation Desk</source>
        <translation>Escalation Desk anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>Escalation Desk — %n notice(s) waiting for your working hours</source>
        <translation>
            <numerusform>Escalation Desk – %n Hinweis wartet auf Ihre Arbeitszeit</numerusform>
            <numerusform>Escalation Desk – %n Hinweise warten auf Ihre Arbeitszeit</numerusform>
        </translation>
    </message>
    <message>
        <source>Escalation Desk</source>
        <translation>Escalation Desk</translation>
    </message>
</context>
<context>
    <name>EscalationPolicy</name>
    <message>
        <source>Senior support engineers</source>
        <translation>Erfahrene Support-Ingenieure</translation>
    </message>
    <message>
        <source>Team leads</source>
        <translation>Teamleitungen</translation>
    </message>
    <message>
        <source>Support managers</source>
        <translation>Support-Manager</translation>
    </message>
    <message>
        <source>Senior managers</source>
        <translation>Leitende Manager</translation>
    </message>
    <message>
        <source>Directors</source>
        <translation>Direktoren</translation>
    </message>
    <message>
        <source>The account&apos;s CSM</source>
        <translation>Der CSM des Kunden</translation>
    </message>
    <message>
        <source>Senior Director of Global Technical Support</source>
        <translation>Senior Director of Global Technical Support</translation>
    </message>
    <message>
        <source>VP of Support</source>
        <translation>VP of Support</translation>
    </message>
    <message>
        <source>Eligible for escalation.</source>
        <translation>Eskalation zulässig.</translation>
    </message>
    <message>
        <source>Too early: cases of this severity and tier can be escalated after %1 h, from %2. Push it back to standard triage.</source>
        <translation>Zu früh: Fälle mit diesem Schweregrad und dieser Supportstufe können nach %1 Std. eskaliert werden, ab %2. Zurück in die Standard-Triage geben.</translation>
    </message>
    <message>
        <source>Severity 1 is an outage: it is handled by the outage process and is never escalated.</source>
        <translation>Schweregrad 1 ist ein Ausfall: Er wird im Ausfallprozess bearbeitet und nie eskaliert.</translation>
    </message>
    <message>
        <source>Full analysis of why level 3 was needed</source>
        <translation>Vollständige Analyse, warum Stufe 3 nötig war</translation>
    </message>
    <message>
        <source>Acknowledgement of ownership by the VP of Support</source>
        <translation>Bestätigung der Verantwortung durch den VP of Support</translation>
    </message>
    <message>
        <source>Level 4 is the highest level; it cannot be escalated further.</source>
        <translation>Stufe 4 ist die höchste Stufe; weiter lässt sich nicht eskalieren.</translation>
    </message>
    <message>
        <source>A re-escalation needs a new explanation.</source>
        <translation>Eine erneute Eskalation braucht eine neue Begründung.</translation>
    </message>
    <message>
        <source>The explanation must be new, not the previous request&apos;s text.</source>
        <translation>Die Begründung muss neu sein, nicht der Text der vorherigen Anfrage.</translation>
    </message>
    <message>
        <source>Only the latest request of a case can be re-escalated.</source>
        <translation>Nur die neueste Anfrage eines Falls kann erneut eskaliert werden.</translation>
    </message>
    <message>
        <source>Severity 1 outages are never escalated.</source>
        <translation>Ausfälle mit Schweregrad 1 werden nie eskaliert.</translation>
    </message>
</context>
<context>
    <name>ExternalDue</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>The app&apos;s review deadline is %1: %2 business minutes after the request at %3, on the calendar &quot;%4&quot;.</source>
        <translation>Die Prüffrist des Programms ist %1: %2 Geschäftsminuten nach der Anfrage um %3, nach dem Kalender „%4“.</translation>
    </message>
    <message>
        <source>The ticketing system&apos;s own due time (its SLA) is %1.</source>
        <translation>Die eigene Fälligkeit des Ticketsystems (sein SLA) ist %1.</translation>
    </message>
    <message>
        <source>The ticketing system expects the answer %1 earlier; on the app&apos;s calendar its due time is %2 business minutes after the request.</source>
        <translation>Das Ticketsystem erwartet die Antwort %1 früher; nach dem Kalender des Programms liegt seine Fälligkeit %2 Geschäftsminuten nach der Anfrage.</translation>
    </message>
    <message>
        <source>The ticketing system gives %1 more; on the app&apos;s calendar its due time is %2 business minutes after the request.</source>
        <translation>Das Ticketsystem gewährt %1 mehr; nach dem Kalender des Programms liegt seine Fälligkeit %2 Geschäftsminuten nach der Anfrage.</translation>
    </message>
    <message>
        <source>The app&apos;s calendar skips these holidays in between, which the ticketing system&apos;s business hours may not know: %1.</source>
        <translation>Der Kalender des Programms überspringt dazwischen diese Feiertage, die die Geschäftszeiten des Ticketsystems womöglich nicht kennen: %1.</translation>
    </message>
    <message>
        <source>Both clocks run on business hours; they differ because the ticketing system&apos;s business hours, holidays, time zone or target are not the app&apos;s. The app&apos;s deadline drives the review clock; align the SLA of the escalations queue with the calendar to make them agree.</source>
        <translation>Beide Uhren laufen nach Geschäftszeiten; sie weichen ab, weil Geschäftszeiten, Feiertage, Zeitzone oder Ziel des Ticketsystems nicht denen des Programms entsprechen. Die Frist des Programms steuert die Prüfuhr; gleichen Sie das SLA der Eskalationswarteschlange an den Kalender an, damit beide übereinstimmen.</translation>
    </message>
</context>
<context>
    <name>LadderState</name>
    <message>
        <source>Severity 1 outage: handled by the outage process, never escalated.</source>
        <translation>Ausfall mit Schweregrad 1: wird im Ausfallprozess bearbeitet, nie eskaliert.</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source> (current)</source>
        <translation> (aktuell)</translation>
    </message>
    <message>
        <source>adds %1</source>
        <translation>ergänzt %1</translation>
    </message>
    <message>
        <source>included since %1</source>
        <translation>einbezogen seit %1</translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation>erreicht %1</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <source>accepted by %1</source>
        <translation>angenommen von %1</translation>
    </message>
    <message>
        <source>declined by %1</source>
        <translation>abgelehnt von %1</translation>
    </message>
    <message>
        <source>awaiting review</source>
        <translation>wartet auf Prüfung</translation>
    </message>
    <message>
        <source>Owed: %1</source>
        <translation>Ausstehend: %1</translation>
    </message>
    <message>
        <source>Analysis recorded by %1</source>
        <translation>Analyse erfasst von %1</translation>
    </message>
    <message>
        <source>Ownership acknowledged by %1</source>
        <translation>Verantwortung bestätigt von %1</translation>
    </message>
</context>
<context>
    <name>PolicyConfig</name>
    <message>
        <source>expected a whole number from %1 to %2, got %3</source>
        <translation>ganze Zahl von %1 bis %2 erwartet, erhalten: %3</translation>
    </message>
    <message>
        <source>expected an object, got %1</source>
        <translation>Objekt erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>unknown key; expected one of %1</source>
        <translation>unbekannter Schlüssel; erwartet wird einer von %1</translation>
    </message>
    <message>
        <source>expected a number from 0 to 1 (a share of the target), got %1</source>
        <translation>Zahl von 0 bis 1 (Anteil der Frist) erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected valid JSON, but at offset %1: %2</source>
        <translation>gültiges JSON erwartet, aber an Position %1: %2</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>RegionHours</name>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>%1 open, closes in %2</source>
        <translation>%1 geöffnet, schließt in %2</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 geschlossen</translation>
    </message>
    <message>
        <source>%1 closed, opens in %2</source>
        <translation>%1 geschlossen, öffnet in %2</translation>
    </message>
</context>
<context>
    <name>ReplyTemplates</name>
    <message>
        <source>expected valid JSON, but at offset %1: %2</source>
        <translation>gültiges JSON erwartet, aber an Position %1: %2</translation>
    </message>
    <message>
        <source>expected an object of template name to template text</source>
        <translation>Objekt aus Vorlagenname und Vorlagentext erwartet</translation>
    </message>
    <message>
        <source>expected a non-empty template text, got %1</source>
        <translation>nicht leerer Vorlagentext erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected a &quot;default&quot; template</source>
        <translation>eine Vorlage „default“ erwartet</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Dear {requester},

the escalation of case {caseNumber} was declined: {reason}

{manager}</source>
        <translation>Guten Tag {requester},

die Eskalation von Fall {caseNumber} wurde abgelehnt: {reason}

{manager}</translation>
    </message>
</context>
<context>
    <name>ReviewClock</name>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>Bald fällig</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Überschritten</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
</context>
<context>
    <name>WorkingHours</name>
    <message>
        <source>&quot;%1&quot; is not a day; expected mon, tue, wed, thu, fri, sat or sun.</source>
        <translation>„%1“ ist kein Tag; erwartet wird mon, tue, wed, thu, fri, sat oder sun.</translation>
    </message>
    <message>
        <source>The working hours need a valid start and end time.</source>
        <translation>Die Arbeitszeit braucht eine gültige Anfangs- und Endzeit.</translation>
    </message>
    <message>
        <source>The working hours start and end at the same time; choose an end after the start.</source>
        <translation>Die Arbeitszeit beginnt und endet zur selben Uhrzeit; wählen Sie ein Ende nach dem Beginn.</translation>
    </message>
    <message>
        <source>Choose at least one working day; otherwise every notification would wait forever.</source>
        <translation>Wählen Sie mindestens einen Arbeitstag; sonst würde jede Benachrichtigung ewig warten.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Escalation manager</source>
        <translation>Eskalationsmanager</translation>
    </message>
    <message>
        <source>Triage support escalation requests.</source>
        <translation>Eskalationsanfragen im Support sichten und bearbeiten.</translation>
    </message>
    <message>
        <source>Cache file (default: cache.sqlite in the application data folder).</source>
        <translation>Datei des Zwischenspeichers (Standard: cache.sqlite im Datenordner des Programms).</translation>
    </message>
    <message>
        <source>Who uses this desk: manager, teamlead or director (default: the setting desk/role, else manager).</source>
        <translation>Wer an diesem Arbeitsplatz arbeitet: manager, teamlead oder director (Standard: die Einstellung desk/role, sonst manager).</translation>
    </message>
    <message>
        <source>--portal: expected an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--portal: http://- oder https://-URL erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>--role: expected manager, teamlead or director, got &quot;%1&quot;</source>
        <translation>--role: manager, teamlead oder director erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>Escalation Desk</source>
        <translation>Escalation Desk</translation>
    </message>
    <message>
        <source>Case portal to sync from (default: the setting portal/url, or rt/url with connector=rt).</source>
        <translation>Fallportal, von dem synchronisiert wird (Standard: die Einstellung portal/url oder rt/url bei connector=rt).</translation>
    </message>
</context>
</TS>
