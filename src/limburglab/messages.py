"""Every word the tool says, in Dutch (the default) and English."""

from __future__ import annotations

import os
from collections.abc import Iterable

LANGUAGES = ("nl", "en")

NL: dict[str, str] = {
    # files and YAML
    "file.missing": "bestand bestaat niet; controleer het pad",
    "file.is_dir": "dit is een map, geen bestand; geef het pad van een .yaml-bestand",
    "file.unreadable": "bestand kan niet gelezen worden: {reason}",
    "file.not_utf8": "geen geldige UTF-8-tekst; sla het bestand op als UTF-8",
    "file.empty": "bestand is leeg",
    "file.not_regular": "dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of pipe); "
    "geef het pad van een bestand",
    "file.too_big": "bestand is te groot ({size}); limburglab leest bestanden tot {limit}",
    "file.cannot_write": "kan {path} niet schrijven: {reason}",
    "yaml.tab": "tab in de inspringing; YAML staat alleen spaties toe",
    "yaml.syntax": "YAML-fout: {reason}",
    "yaml.too_big": "te veel verwijzingen (anchors/aliassen): het document zou onredelijk groot "
    "worden en is daarom geweigerd",
    "yaml.duplicate_key": "sleutel `{key}` staat hier twee keer",
    "yaml.bad_value": "`{value}` past niet bij {tag}; laat de tag weg of geef een waarde die "
    "erbij past",
    "yaml.unknown_tag": "de tag `{tag}` wordt niet gelezen; laat hem weg (en zet de waarde "
    "tussen aanhalingstekens als het tekst is)",
    "hint.did_you_mean": "Bedoelde u `{word}`?",
    # the flow
    "kind.flow": "de flow",
    "kind.section": "een onderdeel",
    "kind.question": "een vraag",
    "kind.choice": "een keuze",
    "type.text": "tekst",
    "type.integer": "een geheel getal",
    "type.number": "een getal",
    "type.bool": "true of false",
    "type.list": "een lijst",
    "type.mapping": "een mapping (sleutel: waarde)",
    "flow.not_mapping": "een flow begint met sleutels als `id:`, `title:` en `sections:`",
    "flow.missing": "verplichte sleutel `{key}` ontbreekt",
    "flow.wrong_type": "`{key}` moet {expected} zijn",
    "flow.empty_list": "`{key}` mag niet leeg zijn",
    "flow.one_of": "`{key}` moet een van deze zijn: {options}",
    "flow.bad_id": "`{key}` mag alleen letters, cijfers en _ bevatten en niet met een cijfer "
    "beginnen",
    "flow.bad_slug": "`{key}` mag alleen kleine letters, cijfers, - en _ bevatten, "
    "bijvoorbeeld `samenwerken-2026`",
    "flow.bad_section_id": "`{key}` van een onderdeel mag alleen letters, cijfers, _ en - "
    "(tussen twee woorden) bevatten, bijvoorbeeld `terugblik` of `look-back`",
    "flow.bundled_id": "let op: {path} heeft het id `{id}` van de meegeleverde flow `{id}`; "
    "in een verslag lijken de sessies van beide dan bij één flow te horen. Geef deze flow een "
    "eigen id, bijvoorbeeld `{id}-eigen`",
    "flow.too_small": "`{key}` moet minstens {limit} zijn",
    "flow.unknown_key": "onbekende sleutel `{key}` in {where}.",
    "flow.allowed_keys": "Toegestaan: {keys}.",
    "flow.key_not_for_type": "`{key}` hoort niet bij een vraag van type `{type}` "
    "(wel bij: {types})",
    "flow.unknown_type": "onbekend vraagtype `{type}`; kies uit {types}.",
    "flow.timebox": "ongeldige timebox; schrijf bijvoorbeeld `90s`, `10m`, `15 minuten`, `1h30m`, "
    "`1 uur` of een aantal minuten",
    "flow.bad_pattern": "`pattern` is geen geldige reguliere expressie: {reason}",
    "flow.duplicate_section": "onderdeel-id `{id}` komt al eerder voor; ids moeten uniek zijn",
    "flow.duplicate_question": "vraag-id `{id}` komt al eerder voor; ids moeten uniek zijn in de "
    "hele flow",
    "flow.duplicate_followup": "vervolgvraag-id `{id}` komt al eerder voor in deze `item`-lijst",
    "flow.too_deep": "vervolgvragen mogen hoogstens {max} niveaus diep gaan; deze `item` is "
    "niveau {depth}",
    "flow.choices_both": "geef `choices` of `choices_from`, niet allebei",
    "flow.duplicate_choice": "keuze `{value}` is dezelfde als keuze {number} (`{first}`): "
    "hoofdletters, spaties en leestekens tellen niet mee, dus stemmen zouden samenvallen; "
    "geef elke keuze één keer",
    "flow.choices_missing": "deze vraag heeft `choices` of `choices_from` nodig",
    "flow.choices_from_type": "`choices_from` moet een eerdere vraag van type `list` of "
    "`multiselect` noemen; `{name}` is dat niet",
    "flow.jinja_syntax": "fout in `{key}`: {reason}",
    "flow.expression_statement": "`{key}` mag alleen tekst en `{{{{ … }}}}` bevatten, geen "
    "`{{% … %}}` (zoals for of if)",
    "flow.expression_limit": "`{key}` rekent met te grote getallen of maakt te veel tekst "
    "(`*`, `**` of een te grote breedte); een voorwaarde of vraag maakt hoogstens {size} tekens "
    "of punten",
    "flow.name_later": "`{key}` gebruikt `{name}`, maar die vraag komt pas later; verwijs alleen "
    "naar eerdere vragen",
    "flow.name_unknown": "`{key}` gebruikt `{name}`, maar er is geen eerdere vraag met dat id.",
    "flow.min_max": "`min` ({min}) is groter dan `max` ({max})",
    "flow.scale_range": "bij een schaal moet `min` ({min}) kleiner zijn dan `max` ({max})",
    "flow.wrong_entry": "punt {number} van `{key}` moet {expected} zijn",
    "flow.quote_text": 'Bedoelt u tekst, zet de waarde dan tussen aanhalingstekens: `"{value}"`.',
    "flow.timebox_clock": "`{value}` is een kloktijd, geen duur; schrijf bijvoorbeeld `10m` voor "
    "tien minuten of `1h` voor een uur",
    "flow.single_equals": "Gebruik == om te vergelijken (niet =).",
    "flow.unknown_name": "onbekende flow `{name}`; geef een pad naar een .yaml-bestand of een "
    "meegeleverde flow: {names}.",
    # answers
    "answer.one_line": "één regel tekst, zonder regeleinden",
    "answer.pattern": "het antwoord past niet bij het verwachte patroon {pattern}",
    "answer.too_few": "geef er minstens {min}",
    "answer.too_many": "geef er hoogstens {max}",
    "answer.whole_number": "geef een geheel getal",
    "answer.number_min": "het getal moet minstens {min} zijn",
    "answer.number_max": "het getal mag hoogstens {max} zijn",
    "answer.vote_budget": "er zijn {budget} stippen te verdelen; nu {total}",
    "answer.vote_max": "hoogstens {max} stippen per keuze",
    "answer.vote_negative": "een aantal stippen kan niet negatief zijn",
    "answer.sections_mapping": "`answers` moet per onderdeel-id de antwoorden bevatten",
    "answer.section_mapping": "dit onderdeel moet per vraag-id een antwoord bevatten",
    "answer.unknown_section": "onbekend onderdeel `{id}` in deze flow",
    "answer.unknown_question": "onbekende vraag `{id}` in onderdeel `{section}`",
    "answer.unknown_followup": "onbekende vervolgvraag `{id}`",
    "answer.expected_text": "verwacht tekst; zet de tekst eventueel tussen aanhalingstekens",
    "answer.expected_bool": "verwacht true of false",
    "answer.expected_number": "verwacht een getal",
    "answer.expected_list": "verwacht een lijst",
    "answer.expected_votes": "verwacht per keuze een aantal stippen, bijvoorbeeld `Armoede: 3`",
    "answer.entry_shape": "een punt is tekst, of een mapping met `text:` en de vervolgvragen",
    "answer.unknown_choice": "`{value}` is geen keuze van deze vraag; kies uit: {options}",
    "answer.duplicate_choice": "elke keuze mag maar één keer voorkomen",
    "answer.required": "deze vraag is verplicht",
    # session files
    "session.not_mapping": "een sessiebestand begint met sleutels als `flow:`, `meta:` en "
    "`answers:`",
    "session.is_flow": "dit is een flow, geen sessie; start een sessie met `limburglab run {path}`",
    "session.unknown_key": "onbekende sleutel `{key}`; toegestaan: {keys}",
    "session.format": "onbekende formaatversie; deze versie van limburglab leest format {version}",
    "session.flow_missing": "`flow:` met ten minste `id:` ontbreekt",
    "session.status": "`status` moet in_progress of complete zijn",
    "session.meta_mapping": "`meta` moet sleutels bevatten als `group:` en `leader:`",
    "session.unknown_meta": "onbekende sleutel `{key}` in meta; toegestaan: {keys}",
    "session.meta_number": "`{key}` moet een geheel getal van 0 of meer zijn",
    "session.meta_text": "`{key}` moet tekst zijn",
    "session.fix_and_retry": "Herstel {path} en probeer het opnieuw; het bestand is niet "
    "gewijzigd.",
    # the live session
    "run.missing_required": "Deze verplichte vragen hebben geen antwoord:\n  {paths}\nVul ze "
    "aan in het antwoordenbestand, of start zonder --answers in een terminal.",
    "run.saving_to": "Elk antwoord wordt direct opgeslagen in {path}",
    "run.flow_changed": "Let op: de flow is veranderd sinds deze sessie begon; de antwoorden op "
    "vragen die nog bestaan blijven bewaard.",
    "run.orphans": "Niet meer in de flow; deze antwoorden blijven in het bestand staan maar "
    "worden niet gebruikt: {paths}",
    "run.other_flow": "{path} hoort bij de flow `{id}`, niet bij `{other}`; geef met --flow de "
    "flow waarmee deze sessie is gestart",
    "run.hangup": "Gestopt (het venster werd gesloten of het systeem vroeg limburglab te "
    "stoppen); alle antwoorden zijn opgeslagen. Verder gaan met:\n  {command}",
    "run.stopped_complete": "Gestopt; de afgeronde sessie in {path} is niet veranderd.",
    "run.rescued": "Het sessiebestand {path} kon niet worden opgeslagen. Een reservekopie met "
    "alle antwoorden staat in {rescue}. Verder gaan met:\n  {command}",
    "run.lost": "Het sessiebestand {path} kon niet worden opgeslagen, en ook nergens een "
    "reservekopie. Maak ruimte op de schijf; de laatste antwoorden zijn niet bewaard.",
    "run.saved_again": "Weer opgeslagen in {path}; er ontbreekt niets.",
    "run.changed_on_disk": "{path} is buiten deze sessie om gewijzigd en wordt niet "
    "overschreven; deze sessie gaat verder in {side}",
    "run.recheck": "„{title}” hangt af van het gewijzigde antwoord en wordt opnieuw gevraagd.",
    "session.busy": "{path} is al geopend in een ander venster of proces ({owner}). Ga verder "
    "in dat venster, of sluit het eerst; twee vensters op één sessie zouden elkaars antwoorden "
    "overschrijven.",
    "session.skipped": "`skipped` moet een lijst plaatsen zijn, zoals basis.conclusie_basis of "
    "basis.basis[2]",
    "session.draft": "`draft` moet `path:` (een plaats, zoals basis.basis[2]) en `text:` hebben",
    "report.output_is_input": "{path} is een sessiebestand of een invoer van dit verslag en "
    "wordt niet overschreven; kies een andere naam voor het verslag",
    "ask.place_range": "Kies een plaats van 1 tot en met {count}.",
    "ask.delete_confirm": "Punt „{entry}” verwijderen?",
    "run.bad_lang": "onbekende taal `{lang}`; kies nl of en",
    "run.exists": "{path} bestaat al en wordt niet overschreven; deze sessie komt in {free}",
    "run.status_keys": "Ctrl-B terug · Ctrl-C opslaan en stoppen",
    "run.keys_hint": "Enter bevestigt · een leeg punt sluit een lijst af · Ctrl-B of < gaat "
    "terug · Ctrl-C slaat op en stopt",
    "run.over_time": "De tijd voor dit onderdeel ({time}) is om.",
    "run.at_start": "Dit is de eerste vraag; verder terug kan niet.",
    "run.complete": "Sessie afgerond en opgeslagen in {path}",
    "run.interrupted": "Onderbroken; alle antwoorden zijn opgeslagen. Verder gaan met:\n  "
    "{command}",
    "run.end_of_input": "Einde van de invoer; de gegeven antwoorden zijn opgeslagen. Verder gaan "
    "met:\n  {command}",
    "run.section": "Onderdeel {number} van {total}: {title}",
    "run.end_of_input_early": "Einde van de invoer voordat de sessie begon; er is niets "
    "opgeslagen.",
    "run.interrupted_early": "Onderbroken voordat de sessie begon; er is niets opgeslagen.",
    "meta.group": "Naam van de (sub)groep",
    "meta.leader": "Gespreksleider",
    "meta.organisation": "Organisatie van de gespreksleider",
    "meta.round": "Ronde",
    "meta.participants": "Aantal deelnemers",
    "meta.date": "Datum (jjjj-mm-dd)",
    "meta.bad_date": "Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2026-03-14.",
    "meta.bad_date_given": "ongeldige datum `{date}`; schrijf de datum als jjjj-mm-dd, "
    "bijvoorbeeld 2026-03-14",
    "meta.bad_number": "`{key}` moet een geheel getal van 0 of meer zijn, niet `{value}`",
    "run.save_failed": "Niet opgeslagen! De antwoorden blijven bewaard zolang limburglab "
    "openstaat; maak ruimte of los het op, dan wordt bij het volgende antwoord opnieuw "
    "opgeslagen.",
    "review.title": "Vastgelegd",
    "review.section_prompt": "Einde van „{title}”. Wat nu?",
    "review.continue": "Doorgaan",
    "review.edit": "Een antwoord wijzigen",
    "review.redo": "Dit onderdeel opnieuw doorlopen",
    "review.final_prompt": "Dit is de hele sessie. Afronden?",
    "review.finish": "Afronden en opslaan",
    "review.missing": "Nog niet beantwoord (verplicht): {paths}",
    "review.which": "Welk antwoord wilt u wijzigen?",
    "review.nothing": "(nog niets vastgelegd)",
    "review.yes": "ja",
    "review.no": "nee",
    "ask.scale": "een heel getal van {min} tot {max}",
    "ask.no_choices": "Geen keuzes voor „{prompt}”; de vraag wordt overgeslagen.",
    "ask.list_hint": "punt {number}; leeg = klaar",
    "ask.list_empty": "(nog geen punten)",
    "ask.list_so_far": "{title} — al vastgelegd:",
    "ask.list_action": "{title}: wat wilt u doen?",
    "ask.list_done": "Klaar",
    "ask.list_add": "Punten toevoegen aan het eind",
    "ask.list_change": "Een punt wijzigen",
    "ask.list_insert": "Een punt invoegen",
    "ask.list_delete": "Een punt verwijderen",
    "ask.list_move": "Een punt verplaatsen",
    "ask.which_change": "Welk punt wijzigen?",
    "ask.which_delete": "Welk punt verwijderen?",
    "ask.which_move": "Welk punt verplaatsen?",
    "ask.which_insert": "Invoegen vóór welk punt?",
    "ask.move_to": "Naar plaats (1–{count})",
    "ask.paragraph_hint": "meerdere regels; een lege regel sluit af",
    "ask.select_hint": "nummer of tekst; leeg = overslaan",
    "ask.select_other_hint": "nummer of tekst, of typ een ander antwoord; leeg = overslaan",
    "ask.no_such_choice": "`{answer}` is geen van de keuzes; typ een nummer uit de lijst",
    "ask.not_utf8": "regel {line} van de invoer is geen UTF-8-tekst (`{text}`) en is niet "
    "opgeslagen; zet de terminal of het invoerbestand op UTF-8 en geef het antwoord opnieuw",
    "ask.not_utf8_here": "deze regel is geen UTF-8-tekst (`{text}`); zet de terminal of het "
    "invoerbestand op UTF-8 en probeer het opnieuw",
    "ask.multi_hint": "nummers of teksten, gescheiden door komma's; leeg = overslaan",
    "ask.rank_hint": "nummers of teksten in volgorde, belangrijkste eerst, gescheiden door komma's",
    "ask.vote_hint": "aantal stippen per keuze in deze volgorde, gescheiden door komma's; samen "
    "hoogstens {budget}",
    "ask.vote_format": "geef hoogstens {count} aantallen, gescheiden door komma's, bijvoorbeeld "
    "3,0,2",
    "ask.confirm_hint": "j of n",
    "ask.whole_number": "typ een geheel getal",
    "ask.number": "typ een getal",
    "ask.choose_hint": "nummer; leeg = het eerste",
    "ask.other": "Anders, namelijk …",
    "ask.other_one": "Anders, namelijk …",
    "ask.other_one_hint": "één antwoord per regel, komma's mogen; leeg = klaar",
    "ask.decimal": "een getal; 7,5 of 7.5 mag ook",
    "ask.whole_hint": "een heel getal",
    "run.status_keys_short": "^B terug · ^C stop",
    "run.existing": "Er is al een sessie van deze flow, ronde en groep: {path} ({state}). Wat "
    "wilt u doen?",
    "run.existing_in_progress": "nog niet afgerond",
    "run.existing_complete": "afgerond",
    "run.existing_resume": "Verder gaan met die sessie",
    "run.existing_review": "Die sessie openen en nakijken",
    "run.existing_new": "Een nieuwe sessie beginnen, in {path}",
    "run.new_beside": "Een nieuwe sessie naast de bestaande: {path}",
    "run.earlier_lines": "… ({count} eerdere regels)",
    "ask.skip": "(overslaan)",
    "ask.select_keys": "pijltjes en Enter",
    "ask.checkbox_keys": "pijltjes, spatie kiest, Enter bevestigt",
    "ask.rank_current": "Huidige volgorde: {order}",
    "ask.rank_done": "Klaar met rangschikken",
    "ask.rank_keep": "Huidige volgorde houden",
    "ask.rank_position": "{prompt} — plaats {position}",
    "ask.vote_budget": "{budget} stippen te verdelen",
    "ask.vote_for": "Stippen voor „{label}” (nog {left} over)",
    # commands that show flows
    "cli.valid": "{path}: in orde",
    "cli.no_such_option": "onbekende optie {option}.",
    "cli.not_utf8": "{param}: `{text}` is geen UTF-8-tekst; zet de terminal op UTF-8 (zoals "
    "LANG=nl_NL.UTF-8) en typ het opnieuw. Er is nog niets gedaan.",
    "cli.an_argument": "een argument",
    "cli.missing_parameter": "{param} ontbreekt.",
    "cli.bad_parameter": "ongeldige waarde voor {param}: {detail}",
    "cli.no_such_command": "onbekend commando `{name}`; `limburglab --help` toont ze allemaal.",
    "cli.invalid_count": "{count} problemen gevonden",
    "cli.invalid_count_one": "1 probleem gevonden",
    "cli.flows_title": "Meegeleverde workshops",
    "cli.col_name": "Naam",
    "cli.col_title": "Titel",
    "cli.col_sections": "Onderdelen",
    "cli.col_time": "Tijd",
    "cli.col_language": "Taal",
    "show.timebox": "timebox {time}",
    "show.when": "alleen als: {when}",
    "show.choices_from": "keuzes uit: {name}",
    "show.required": "verplicht",
    "show.per_entry": "per punt:",
    "show.total": "{sections}, {questions}, totaal {time}",
    "show.flow": "({id}, versie {version})",
    "show.sections": "{count} onderdelen",
    "show.sections_one": "1 onderdeel",
    "show.questions": "{count} vragen",
    "show.questions_one": "1 vraag",
    # report
    "report.empty_folder": "{path}: geen sessiebestanden (.yaml) in deze map; geef een map met "
    "sessies of de sessiebestanden zelf",
    "report.different_flows": "de sessies horen bij verschillende flows: {flows}. Maak per flow "
    "een apart verslag.",
    "report.flow_mismatch": "{path} hoort bij flow `{found}`, niet bij `{flow}` (--flow); geef "
    "de flow van deze sessies",
    "session.flow_not_found": "{path}: de flow `{source}` van deze sessie is niet gevonden; geef "
    "hem met --flow PAD-OF-NAAM",
    "report.in_progress": "let op: {path} is nog niet afgerond (status in_progress) en telt "
    "toch mee; gebruik --complete-only om alleen afgeronde sessies op te nemen",
    "report.skipped": "let op: {path} is nog niet afgerond en is weggelaten (--complete-only)",
    "report.dropped": "let op: {path}: de flow is veranderd sinds deze sessie; antwoorden op "
    "vragen die er niet meer in staan, tellen niet mee (ze blijven in het bestand): {answers}",
    "report.no_answers": "let op: {path} heeft geen antwoorden en is weggelaten (telt niet "
    "als subgroep en de deelnemers tellen niet mee)",
    "report.copy": "let op: {path} heeft dezelfde groep ({group}), ronde en antwoorden als "
    "{original}; is het een kopie? Dan telt die groep nu twee keer: haal de kopie uit de map",
    "report.none_answered": "geen van de sessies heeft antwoorden; er is nog niets om een "
    "verslag van te maken",
    "report.none_complete": "geen afgeronde sessies om een verslag van te maken; laat "
    "--complete-only weg om ook onafgeronde sessies op te nemen",
    "report.unknown_format": "onbekend formaat `{format}`; kies md, html, pdf, docx, xlsx of csv",
    "report.unknown_suffix": "{path}: onbekende extensie; gebruik .md, .html, .pdf, .docx, .xlsx "
    "of .csv, of geef --format",
    "report.format_conflict": "--format {format} past niet bij {path}; laat --format weg of "
    "kies een bestandsnaam op .{format}",
    "report.template_for_pdf": "{path}: een PDF wordt met een Typst-sjabloon (.typ) gemaakt; "
    "geef een .typ-bestand, of kies Markdown of HTML (-o verslag.md of -o verslag.html)",
    "report.template_not_pdf": "{path}: een Typst-sjabloon (.typ) maakt alleen PDF; kies "
    "-o verslag.pdf of --format pdf",
    "report.template_missing": "{path}: sjabloon bestaat niet; controleer het pad",
    "report.template_unusable": "{path}: sjabloon: {reason}",
    "report.template_file_forbidden": "`{name}` mag een sjabloon niet lezen: alleen "
    "bestanden in de eigen map van het sjabloon, niet verborgen (.naam) en niet via een link "
    "naar buiten",
    "report.template_timeout": "het verslag maken duurde langer dan {seconds} seconden en is "
    "gestopt; kijk of het sjabloon een lus heeft die te lang doorgaat",
    "report.template_error": "{path}:{line}: fout in het sjabloon: {reason}. Pas het sjabloon "
    "aan en probeer het opnieuw.",
    "report.pdf_to_terminal": "een PDF kan niet op het scherm getoond worden; geef een bestand "
    "met -o, bijvoorbeeld -o verslag.pdf",
    "report.pdf_missing": "let op: {path}: de PDF heeft geen lettertype voor {chars}; die "
    "tekens komen er als leeg vakje in ({places}). Markdown en HTML tonen ze wel",
    "report.pdf_missing_elsewhere": "let op: de PDF heeft geen lettertype voor {chars} in de "
    "titel, de inleiding of de bewerkingen; die tekens komen er als leeg vakje in. Markdown en "
    "HTML tonen ze wel",
    "report.written": "Verslag geschreven: {path} ({count} sessies)",
    "report.written_one": "Verslag geschreven: {path} (1 sessie)",
    "event.not_mapping": "een evenementbestand begint met sleutels als `programme:`, "
    "`organisers:` en `rounds:`",
    "event.unknown_key": "onbekende sleutel `{key}`; toegestaan: {keys}",
    "event.text": "`{key}` moet tekst zijn",
    "event.bad_date": "`{date}` is geen bestaande datum; schrijf de datum als jjjj-mm-dd, "
    "bijvoorbeeld 2024-10-10",
    "event.names": "`{key}` moet een lijst met namen zijn, bijvoorbeeld `[Humanitas, FAM!]`",
    "event.count": "`{key}` moet een positief geheel getal zijn",
    "event.too_many": "`{key}` is onredelijk groot; hoogstens {limit}",
    "event.counts": "`{key}` moet per ronde het aantal subgroepen geven, bijvoorbeeld `[4, 3]`",
    "event.rounds_mismatch": "`subgroups` noemt {count} rondes, maar `rounds` is {rounds}; "
    "geef per ronde één aantal",
    "event.fix_and_retry": "Herstel {path} en probeer het opnieuw.",
    "report.sources_both": "beide groepen",
    "report.sources_all": "alle groepen",
    "report.groups_one": "1 groep",
    "report.groups_many": "{count} groepen",
    "report.count_of": "{count} van {groups}",
    "report.numbers": "gemiddeld {mean} (laagste {min}, hoogste {max}; {groups})",
    "report.rank_row": "gemiddelde positie {average}, {points}, {groups}",
    "report.points_one": "1 punt",
    "report.points": "{count} punten",
    "report.top_two": "{groups} zetten {choices} in hun top twee.",
    "report.top_two_one": "{groups} zette {choices} in de top twee.",
    "report.top_two_none": "Geen keuze stond bij alle groepen in de top twee; de meeste punten "
    "gingen naar {first}.",
    "report.dots_one": "1 stip",
    "report.dots": "{count} stippen",
    "report.yes": "Ja",
    "report.no": "Nee",
    "report.group_in_round": "{group}, ronde {round}",
    "report.leader_of": "{leader} van {organisation}",
    "report.participants": "{count} deelnemers",
    "report.unfinished": "nog niet afgerond",
    "report.intro_given_by": "{organisers} hebben de workshop “{title}” gegeven",
    "report.intro_given_by_one": "{organisers} heeft de workshop “{title}” gegeven",
    "report.intro_given": "De workshop “{title}” is gegeven",
    "report.intro_rounds": " in {count} rondes",
    "report.intro_date": " op {date}",
    "report.intro_place": " in {place}",
    "report.intro_subgroups": "De groep werd in {counts} subgroepen verdeeld, met ieder een "
    "gespreksleider.",
    "report.intro_subgroups_rounds": "De groep werd in {counts} subgroepen verdeeld, met ieder "
    "een gespreksleider.",
    "report.covers_led": "Dit verslag bevat de conclusies van de {count} subgroepen die door "
    "{leaders} zijn geleid.",
    "report.covers_led_one": "Dit verslag bevat de conclusies van de subgroep die door {leaders} "
    "is geleid.",
    "report.covers": "Dit verslag bevat de conclusies van {count} subgroepen.",
    "report.covers_one": "Dit verslag bevat de conclusies van één subgroep.",
    "report.leaders_of": "gespreksleiders van {organisations}",
    "report.leaders_of_one": "een gespreksleider van {organisations}",
    "report.intro_participants": "Het aantal deelnemers was {count}.",
    "report.intro_unfinished": "Let op: de sessies van {groups} waren nog niet afgerond.",
    "report.intro_unfinished_one": "Let op: de sessie van {groups} was nog niet afgerond.",
    "report.months": "januari februari maart april mei juni juli augustus september oktober "
    "november december",
    "report.decimal_point": ",",
    "report.and": " en ",
    "report.respectively": " respectievelijk ",
    "report.word.groups": "Groepen",
    "report.word.place": "Plaats",
    "report.word.choice": "Keuze",
    "report.word.ranked_by": "Groepen",
    "report.word.average_position": "Gem. positie",
    "report.word.points": "Punten",
    "report.word.dots": "Stippen",
    "report.word.page": "Pagina",
    "report.word.count": "Aantal",
    "report.word.conclusion": "Conclusie",
    "report.docx_tags_style": "Groepen bij punt",
    "report.docx_template_bad": "{path}: geen geldig Word-bestand (.docx); sla het sjabloon in "
    "Word op als Word-document (.docx)",
    "report.binary_to_terminal": "een {format}-bestand kan niet op het scherm getoond worden; "
    "geef een bestand met -o, bijvoorbeeld -o verslag.{format}",
    "report.template_for_docx": "{path}: een Word-verslag wordt met een Word-bestand (.docx) als "
    "sjabloon gemaakt; geef een .docx-bestand",
    "report.template_not_docx": "{path}: een Word-sjabloon (.docx) maakt alleen Word; kies "
    "-o verslag.docx of --format docx",
    "report.template_not_for_sheet": "een {format}-bestand heeft geen sjabloon; laat --template "
    "weg",
    "sheet.section": "Onderdeel",
    "sheet.question": "Vraag",
    "sheet.path": "Pad",
    "sheet.parent": "Bij punt",
    "sheet.value": "Antwoord",
    "sheet.group": "Groep",
    "sheet.round": "Ronde",
    "sheet.organisation": "Organisatie",
    "sheet.leader": "Gespreksleider",
    "sheet.session": "Sessiebestand",
    "tidy.not_folder": "{path}: geen map; geef de map met de sessiebestanden",
    "tidy.none": "Geen punten gevonden die op elkaar lijken; er is niets te doen.",
    "tidy.found": "{count} paren punten die op elkaar lijken. Elk besluit komt direct in "
    "{path}; de sessiebestanden blijven zoals ze zijn.",
    "tidy.pair": "[{number}/{total}] {question}",
    "tidy.question": "Zeggen A en B hetzelfde?",
    "tidy.same_first": "Ja, houd de tekst van A",
    "tidy.same_second": "Ja, houd de tekst van B",
    "tidy.same_new": "Ja, met een nieuwe tekst",
    "tidy.different": "Nee, het zijn verschillende punten",
    "tidy.skip": "Later beslissen",
    "tidy.stop": "Stoppen",
    "tidy.plain_hint": "nummer; Enter = later beslissen",
    "tidy.new_wording": "Nieuwe tekst voor dit punt",
    "tidy.saved": "{count} besluiten opgeslagen in {path}. Het verslag maken: "
    "limburglab report {folder}",
    "tidy.saved_one": "1 besluit opgeslagen in {path}. Het verslag maken: "
    "limburglab report {folder}",
    "tidy.found_one": "1 paar punten dat op elkaar lijkt. Elk besluit komt direct in {path}; de "
    "sessiebestanden blijven zoals ze zijn.",
    "edits.not_list": "een bewerkingenbestand is een lijst, één bewerking per `- `-regel, "
    "bijvoorbeeld `- omit: Blijven bestaan`",
    "edits.not_mapping": "een bewerking heeft sleutels, bijvoorbeeld `omit: Blijven bestaan` en "
    "`question: effecten`",
    "edits.unknown_key": "onbekende sleutel `{key}`; toegestaan: {keys}",
    "edits.one_kind": "een bewerking heeft precies één van deze sleutels: {kinds}",
    "edits.points": "`{key}` moet een lijst van ten minste twee punten zijn, bijvoorbeeld "
    "`[Elkaar ontmoeten, elkaar ontmoeten en kennen]`",
    "edits.text": "`{key}` moet tekst zijn",
    "edits.text_not_here": "`{key}` hoort niet bij `{kind}`",
    "edits.missing": "`{kind}` heeft ook `{key}:` nodig",
    "edits.unknown_section": "onbekend onderdeel `{id}`; kies uit: {ids}",
    "edits.unknown_question": "`{id}` is geen lijstvraag van deze flow; kies uit: {ids}",
    "edits.fix_and_retry": "Herstel {path} en probeer het opnieuw.",
    "edits.stale": "let op: {path}:{line}: „{point}” komt in geen enkele sessie (meer) voor; "
    "deze bewerking doet niets. Pas hem aan of haal hem weg.",
    "edits.header": "# Bewerkingen van de notulist, toegepast door `limburglab report`; de "
    "sessiebestanden blijven\n# zoals ze zijn. Eén bewerking per `- `-regel: merge, correct, "
    "omit, different of conclusion\n# (zie de README). Met de hand aanvullen mag.\n",
    # the board
    "board.url": "Het bord: {url}",
    "board.qr": "Scan deze code met een tablet of tweede laptop in hetzelfde netwerk:",
    "board.token": "De link bevat een toegangscode; zonder die code weigert het bord elke vraag.",
    "board.stop": "Stoppen: Ctrl-C.",
    "board.stopped": "Bord gestopt.",
    "board.missing": "{path} bestaat niet; geef een sessiebestand of een map met sessies",
    "board.no_default_folder": "hier is geen map {path}; geef een sessiebestand of een map met "
    "sessies, bijvoorbeeld: limburglab board examples/samenwerken",
    "board.not_yaml": "{path} is geen sessiebestand (.yaml) en geen map",
    "board.port_in_use": "poort {port} op {host} is niet beschikbaar ({reason}); kies een andere "
    "met --port, of laat --port weg voor een vrije poort",
    "board.cannot_bind": "het bord kan niet starten op {host} ({reason}); controleer --host",
    "board.beside": "Het bord van deze sessie: {url} (opent in de browser)",
}

EN: dict[str, str] = {
    "file.missing": "file does not exist; check the path",
    "file.is_dir": "this is a folder, not a file; give the path of a .yaml file",
    "file.unreadable": "file cannot be read: {reason}",
    "file.not_utf8": "not valid UTF-8 text; save the file as UTF-8",
    "file.empty": "file is empty",
    "file.not_regular": "this is not a regular file (but a device or pipe, for example); give "
    "the path of a file",
    "file.too_big": "file is too big ({size}); limburglab reads files up to {limit}",
    "file.cannot_write": "cannot write {path}: {reason}",
    "yaml.tab": "tab in the indentation; YAML allows only spaces",
    "yaml.syntax": "YAML error: {reason}",
    "yaml.too_big": "too many references (anchors/aliases): the document would become "
    "unreasonably large and was refused",
    "yaml.duplicate_key": "key `{key}` appears here twice",
    "yaml.bad_value": "`{value}` does not fit {tag}; leave out the tag or give a value that fits",
    "yaml.unknown_tag": "the tag `{tag}` is not read; leave it out (and put the value in quotes "
    "if it is text)",
    "hint.did_you_mean": "Did you mean `{word}`?",
    "kind.flow": "the flow",
    "kind.section": "a section",
    "kind.question": "a question",
    "kind.choice": "a choice",
    "type.text": "text",
    "type.integer": "a whole number",
    "type.number": "a number",
    "type.bool": "true or false",
    "type.list": "a list",
    "type.mapping": "a mapping (key: value)",
    "flow.not_mapping": "a flow starts with keys such as `id:`, `title:` and `sections:`",
    "flow.missing": "required key `{key}` is missing",
    "flow.wrong_type": "`{key}` must be {expected}",
    "flow.empty_list": "`{key}` must not be empty",
    "flow.one_of": "`{key}` must be one of: {options}",
    "flow.bad_id": "`{key}` may contain only letters, digits and _ and must not start with a digit",
    "flow.bad_slug": "`{key}` may contain only lower-case letters, digits, - and _, "
    "for example `cooperation-2026`",
    "flow.bad_section_id": "a section's `{key}` may contain only letters, digits, _ and - "
    "(between two words), for example `review` or `look-back`",
    "flow.bundled_id": "note: {path} has the id `{id}` of the bundled flow `{id}`; in a "
    "report the sessions of both would then seem to belong to one flow. Give this flow an id of "
    "its own, for example `{id}-own`",
    "flow.too_small": "`{key}` must be at least {limit}",
    "flow.unknown_key": "unknown key `{key}` in {where}.",
    "flow.allowed_keys": "Allowed: {keys}.",
    "flow.key_not_for_type": "`{key}` does not belong to a question of type `{type}` "
    "(it does to: {types})",
    "flow.unknown_type": "unknown question type `{type}`; choose from {types}.",
    "flow.timebox": "invalid timebox; write for example `90s`, `10m`, `15 minutes`, `1h30m`, "
    "`1 hour` or a number of minutes",
    "flow.bad_pattern": "`pattern` is not a valid regular expression: {reason}",
    "flow.duplicate_section": "section id `{id}` is used before; ids must be unique",
    "flow.duplicate_question": "question id `{id}` is used before; ids must be unique in the "
    "whole flow",
    "flow.duplicate_followup": "follow-up id `{id}` is used before in this `item` list",
    "flow.too_deep": "follow-up questions may go at most {max} levels deep; this `item` is "
    "level {depth}",
    "flow.choices_both": "give `choices` or `choices_from`, not both",
    "flow.duplicate_choice": "choice `{value}` is the same as choice {number} (`{first}`): "
    "case, spaces and punctuation do not count, so votes would fall together; give each choice "
    "once",
    "flow.choices_missing": "this question needs `choices` or `choices_from`",
    "flow.choices_from_type": "`choices_from` must name an earlier question of type `list` or "
    "`multiselect`; `{name}` is not one",
    "flow.jinja_syntax": "error in `{key}`: {reason}",
    "flow.expression_statement": "`{key}` may hold only text and `{{{{ … }}}}`, no `{{% … %}}` "
    "(such as for or if)",
    "flow.expression_limit": "`{key}` computes too large numbers or builds too much text (`*`, "
    "`**` or too large a width); a condition or prompt builds at most {size} characters or "
    "items",
    "flow.name_later": "`{key}` uses `{name}`, but that question only comes later; refer to "
    "earlier questions only",
    "flow.name_unknown": "`{key}` uses `{name}`, but there is no earlier question with that id.",
    "flow.min_max": "`min` ({min}) is larger than `max` ({max})",
    "flow.scale_range": "a scale needs `min` ({min}) to be smaller than `max` ({max})",
    "flow.wrong_entry": "entry {number} of `{key}` must be {expected}",
    "flow.quote_text": 'If you mean text, put the value in quotes: `"{value}"`.',
    "flow.timebox_clock": "`{value}` is a clock time, not a duration; write for example `10m` "
    "for ten minutes or `1h` for an hour",
    "flow.single_equals": "Use == to compare (not =).",
    "flow.unknown_name": "unknown flow `{name}`; give the path of a .yaml file or a bundled "
    "flow: {names}.",
    "answer.one_line": "one line of text, without line breaks",
    "answer.pattern": "the answer does not match the expected pattern {pattern}",
    "answer.too_few": "give at least {min}",
    "answer.too_many": "give at most {max}",
    "answer.whole_number": "give a whole number",
    "answer.number_min": "the number must be at least {min}",
    "answer.number_max": "the number must be at most {max}",
    "answer.vote_budget": "there are {budget} dots to distribute; now {total}",
    "answer.vote_max": "at most {max} dots per choice",
    "answer.vote_negative": "a number of dots cannot be negative",
    "answer.sections_mapping": "`answers` must hold the answers per section id",
    "answer.section_mapping": "this section must hold an answer per question id",
    "answer.unknown_section": "unknown section `{id}` in this flow",
    "answer.unknown_question": "unknown question `{id}` in section `{section}`",
    "answer.unknown_followup": "unknown follow-up question `{id}`",
    "answer.expected_text": "expected text; put the text in quotes if needed",
    "answer.expected_bool": "expected true or false",
    "answer.expected_number": "expected a number",
    "answer.expected_list": "expected a list",
    "answer.expected_votes": "expected a number of dots per choice, for example `Poverty: 3`",
    "answer.entry_shape": "an entry is text, or a mapping with `text:` and the follow-ups",
    "answer.unknown_choice": "`{value}` is not a choice of this question; choose from: {options}",
    "answer.duplicate_choice": "each choice may appear only once",
    "answer.required": "this question is required",
    "session.not_mapping": "a session file starts with keys such as `flow:`, `meta:` and "
    "`answers:`",
    "session.is_flow": "this is a flow, not a session; start a session with "
    "`limburglab run {path}`",
    "session.unknown_key": "unknown key `{key}`; allowed: {keys}",
    "session.format": "unknown format version; this version of limburglab reads format {version}",
    "session.flow_missing": "`flow:` with at least `id:` is missing",
    "session.status": "`status` must be in_progress or complete",
    "session.meta_mapping": "`meta` must hold keys such as `group:` and `leader:`",
    "session.unknown_meta": "unknown key `{key}` in meta; allowed: {keys}",
    "session.meta_number": "`{key}` must be a whole number of 0 or more",
    "session.meta_text": "`{key}` must be text",
    "session.fix_and_retry": "Fix {path} and try again; the file was not changed.",
    "run.missing_required": "These required questions have no answer:\n  {paths}\nAdd them "
    "to the answers file, or start without --answers in a terminal.",
    "run.saving_to": "Every answer is saved at once in {path}",
    "run.flow_changed": "Note: the flow has changed since this session began; the answers to "
    "questions that still exist are kept.",
    "run.orphans": "No longer in the flow; these answers stay in the file but are not used: "
    "{paths}",
    "run.other_flow": "{path} belongs to the flow `{id}`, not to `{other}`; give the flow this "
    "session was started with using --flow",
    "run.hangup": "Stopped (the window was closed or the system asked limburglab to stop); all "
    "answers are saved. Continue with:\n  {command}",
    "run.stopped_complete": "Stopped; the finished session in {path} was not changed.",
    "run.rescued": "The session file {path} could not be saved. A rescue copy with every answer "
    "is in {rescue}. Continue with:\n  {command}",
    "run.lost": "The session file {path} could not be saved, nor a rescue copy anywhere. Make "
    "room on the disk; the last answers were not kept.",
    "run.saved_again": "Saved again in {path}; nothing is missing.",
    "run.changed_on_disk": "{path} was changed outside this session and is not overwritten; this "
    "session continues in {side}",
    "run.recheck": "“{title}” depends on the changed answer and is asked again.",
    "session.busy": "{path} is already open in another window or process ({owner}). Continue in "
    "that window, or close it first; two windows on one session would overwrite each other's "
    "answers.",
    "session.skipped": "`skipped` must be a list of places such as basis.conclusie_basis or "
    "basis.basis[2]",
    "session.draft": "`draft` must have `path:` (a place such as basis.basis[2]) and `text:`",
    "report.output_is_input": "{path} is a session file or an input of this report and is not "
    "overwritten; choose another name for the report",
    "ask.place_range": "Choose a place from 1 to {count}.",
    "ask.delete_confirm": "Delete the entry “{entry}”?",
    "run.bad_lang": "unknown language `{lang}`; choose nl or en",
    "run.exists": "{path} already exists and is not overwritten; this session goes to {free}",
    "run.status_keys": "Ctrl-B back · Ctrl-C save and stop",
    "run.keys_hint": "Enter confirms · an empty entry ends a list · Ctrl-B or < goes back · "
    "Ctrl-C saves and stops",
    "run.over_time": "The time for this section ({time}) is up.",
    "run.at_start": "This is the first question; you cannot go further back.",
    "run.complete": "Session complete and saved in {path}",
    "run.interrupted": "Interrupted; all answers are saved. Continue with:\n  {command}",
    "run.end_of_input": "End of input; the answers given are saved. Continue with:\n  {command}",
    "run.section": "Section {number} of {total}: {title}",
    "run.end_of_input_early": "End of input before the session began; nothing was saved.",
    "run.interrupted_early": "Interrupted before the session began; nothing was saved.",
    "meta.group": "Name of the (sub)group",
    "meta.leader": "Discussion leader",
    "meta.organisation": "Organisation of the discussion leader",
    "meta.round": "Round",
    "meta.participants": "Number of participants",
    "meta.date": "Date (yyyy-mm-dd)",
    "meta.bad_date": "Write the date as yyyy-mm-dd, for example 2026-03-14.",
    "meta.bad_date_given": "invalid date `{date}`; write the date as yyyy-mm-dd, for example "
    "2026-03-14",
    "meta.bad_number": "`{key}` must be a whole number of 0 or more, not `{value}`",
    "run.save_failed": "Not saved! The answers are kept while limburglab stays open; make room "
    "or fix it, "
    "and the next answer saves again.",
    "review.title": "Captured",
    "review.section_prompt": "End of “{title}”. What next?",
    "review.continue": "Continue",
    "review.edit": "Edit an answer",
    "review.redo": "Go through this section again",
    "review.final_prompt": "This is the whole session. Finish?",
    "review.finish": "Finish and save",
    "review.missing": "Not answered yet (required): {paths}",
    "review.which": "Which answer do you want to edit?",
    "review.nothing": "(nothing captured yet)",
    "review.yes": "yes",
    "review.no": "no",
    "ask.scale": "a whole number from {min} to {max}",
    "ask.no_choices": "No choices for “{prompt}”; the question is skipped.",
    "ask.list_hint": "entry {number}; empty = done",
    "ask.list_empty": "(no entries yet)",
    "ask.list_so_far": "{title} — captured so far:",
    "ask.list_action": "{title}: what do you want to do?",
    "ask.list_done": "Done",
    "ask.list_add": "Add entries at the end",
    "ask.list_change": "Change an entry",
    "ask.list_insert": "Insert an entry",
    "ask.list_delete": "Delete an entry",
    "ask.list_move": "Move an entry",
    "ask.which_change": "Which entry to change?",
    "ask.which_delete": "Which entry to delete?",
    "ask.which_move": "Which entry to move?",
    "ask.which_insert": "Insert before which entry?",
    "ask.move_to": "To place (1–{count})",
    "ask.paragraph_hint": "several lines; an empty line ends",
    "ask.select_hint": "number or text; empty = skip",
    "ask.select_other_hint": "number or text, or type another answer; empty = skip",
    "ask.no_such_choice": "`{answer}` is none of the choices; type a number from the list",
    "ask.not_utf8": "line {line} of the input is not UTF-8 text (`{text}`) and was not saved; "
    "set the terminal or the input file to UTF-8 and give the answer again",
    "ask.not_utf8_here": "this line is not UTF-8 text (`{text}`); set the terminal or the input "
    "file to UTF-8 and try again",
    "ask.multi_hint": "numbers or texts, separated by commas; empty = skip",
    "ask.rank_hint": "numbers or texts in order, most important first, separated by commas",
    "ask.vote_hint": "number of dots per choice in this order, separated by commas; at most "
    "{budget} in all",
    "ask.vote_format": "give at most {count} numbers, separated by commas, for example 3,0,2",
    "ask.confirm_hint": "y or n",
    "ask.whole_number": "type a whole number",
    "ask.number": "type a number",
    "ask.choose_hint": "number; empty = the first",
    "ask.other": "Other, namely …",
    "ask.other_one": "Other, namely …",
    "ask.other_one_hint": "one answer per line, commas allowed; empty = done",
    "ask.decimal": "a number; 7.5 or 7,5 is fine too",
    "ask.whole_hint": "a whole number",
    "run.status_keys_short": "^B back · ^C stop",
    "run.existing": "There is already a session of this flow, round and group: {path} ({state}). "
    "What would you like to do?",
    "run.existing_in_progress": "not finished",
    "run.existing_complete": "finished",
    "run.existing_resume": "Go on with that session",
    "run.existing_review": "Open that session and review it",
    "run.existing_new": "Start a new session, in {path}",
    "run.new_beside": "A new session beside the existing one: {path}",
    "run.earlier_lines": "… ({count} earlier lines)",
    "ask.skip": "(skip)",
    "ask.select_keys": "arrow keys and Enter",
    "ask.checkbox_keys": "arrow keys, space selects, Enter confirms",
    "ask.rank_current": "Current order: {order}",
    "ask.rank_done": "Done ranking",
    "ask.rank_keep": "Keep the current order",
    "ask.rank_position": "{prompt} — place {position}",
    "ask.vote_budget": "{budget} dots to distribute",
    "ask.vote_for": "Dots for “{label}” ({left} left)",
    "cli.valid": "{path}: valid",
    "cli.no_such_option": "unknown option {option}.",
    "cli.not_utf8": "{param}: `{text}` is not UTF-8 text; set the terminal to UTF-8 (such as "
    "LANG=en_GB.UTF-8) and type it again. Nothing has been done yet.",
    "cli.an_argument": "an argument",
    "cli.missing_parameter": "{param} is missing.",
    "cli.bad_parameter": "invalid value for {param}: {detail}",
    "cli.no_such_command": "unknown command `{name}`; `limburglab --help` lists them all.",
    "cli.invalid_count": "{count} problems found",
    "cli.invalid_count_one": "1 problem found",
    "cli.flows_title": "Bundled workshops",
    "cli.col_name": "Name",
    "cli.col_title": "Title",
    "cli.col_sections": "Sections",
    "cli.col_time": "Time",
    "cli.col_language": "Language",
    "show.timebox": "timebox {time}",
    "show.when": "only if: {when}",
    "show.choices_from": "choices from: {name}",
    "show.required": "required",
    "show.per_entry": "per entry:",
    "show.total": "{sections}, {questions}, {time} in all",
    "show.flow": "({id}, version {version})",
    "show.sections": "{count} sections",
    "show.sections_one": "1 section",
    "show.questions": "{count} questions",
    "show.questions_one": "1 question",
    # report
    "report.empty_folder": "{path}: no session files (.yaml) in this folder; give a folder with "
    "sessions or the session files themselves",
    "report.different_flows": "the sessions belong to different flows: {flows}. Make one report "
    "per flow.",
    "report.flow_mismatch": "{path} belongs to flow `{found}`, not to `{flow}` (--flow); give "
    "the flow of these sessions",
    "session.flow_not_found": "{path}: the flow `{source}` of this session was not found; give it "
    "with --flow PATH-OR-NAME",
    "report.in_progress": "note: {path} is not finished yet (status in_progress) and is included "
    "anyway; use --complete-only to include finished sessions only",
    "report.skipped": "note: {path} is not finished yet and was left out (--complete-only)",
    "report.dropped": "note: {path}: the flow has changed since this session; answers to "
    "questions it no longer has do not count (they stay in the file): {answers}",
    "report.no_answers": "note: {path} has no answers and was left out (not counted as a "
    "subgroup, its participants not counted)",
    "report.copy": "note: {path} has the same group ({group}), round and answers as "
    "{original}; is it a copy? Then that group now counts twice: take the copy out of the folder",
    "report.none_answered": "none of the sessions has answers; there is nothing to make a "
    "report of yet",
    "report.none_complete": "no finished sessions to make a report of; leave out "
    "--complete-only to include unfinished sessions too",
    "report.unknown_format": "unknown format `{format}`; choose md, html, pdf, docx, xlsx or csv",
    "report.unknown_suffix": "{path}: unknown extension; use .md, .html, .pdf, .docx, .xlsx or "
    ".csv, or give --format",
    "report.format_conflict": "--format {format} does not match {path}; leave out --format or "
    "choose a file name ending in .{format}",
    "report.template_for_pdf": "{path}: a PDF is made with a Typst template (.typ); give a .typ "
    "file, or choose Markdown or HTML (-o report.md or -o report.html)",
    "report.template_not_pdf": "{path}: a Typst template (.typ) makes PDF only; choose "
    "-o report.pdf or --format pdf",
    "report.template_missing": "{path}: template does not exist; check the path",
    "report.template_unusable": "{path}: template: {reason}",
    "report.template_file_forbidden": "a template may not read `{name}`: only files in the "
    "template's own folder, not hidden (.name) and not through a link leading outside",
    "report.template_timeout": "making the report took longer than {seconds} seconds and was "
    "stopped; check whether the template has a loop that runs too long",
    "report.template_error": "{path}:{line}: error in the template: {reason}. Fix the template "
    "and try again.",
    "report.pdf_to_terminal": "a PDF cannot be shown on the screen; give a file with -o, for "
    "example -o report.pdf",
    "report.pdf_missing": "note: {path}: the PDF has no font for {chars}; these characters "
    "come out as empty boxes ({places}). Markdown and HTML show them",
    "report.pdf_missing_elsewhere": "note: the PDF has no font for {chars} in the title, the "
    "introduction or the edits; these characters come out as empty boxes. Markdown and HTML "
    "show them",
    "report.written": "Report written: {path} ({count} sessions)",
    "report.written_one": "Report written: {path} (1 session)",
    "event.not_mapping": "an event file starts with keys such as `programme:`, `organisers:` "
    "and `rounds:`",
    "event.unknown_key": "unknown key `{key}`; allowed: {keys}",
    "event.text": "`{key}` must be text",
    "event.bad_date": "`{date}` is not a real date; write the date as yyyy-mm-dd, for example "
    "2024-10-10",
    "event.names": "`{key}` must be a list of names, for example `[Humanitas, FAM!]`",
    "event.count": "`{key}` must be a positive whole number",
    "event.too_many": "`{key}` is unreasonably large; at most {limit}",
    "event.counts": "`{key}` must give the number of subgroups per round, for example `[4, 3]`",
    "event.rounds_mismatch": "`subgroups` names {count} rounds, but `rounds` is {rounds}; give "
    "one number per round",
    "event.fix_and_retry": "Fix {path} and try again.",
    "report.sources_both": "both groups",
    "report.sources_all": "all groups",
    "report.groups_one": "1 group",
    "report.groups_many": "{count} groups",
    "report.count_of": "{count} of {groups}",
    "report.numbers": "mean {mean} (lowest {min}, highest {max}; {groups})",
    "report.rank_row": "average position {average}, {points}, {groups}",
    "report.points_one": "1 point",
    "report.points": "{count} points",
    "report.top_two": "{groups} put {choices} in their top two.",
    "report.top_two_one": "{groups} put {choices} in its top two.",
    "report.top_two_none": "No choice was in the top two of every group; most points went to "
    "{first}.",
    "report.dots_one": "1 dot",
    "report.dots": "{count} dots",
    "report.yes": "Yes",
    "report.no": "No",
    "report.group_in_round": "{group}, round {round}",
    "report.leader_of": "{leader} of {organisation}",
    "report.participants": "{count} participants",
    "report.unfinished": "not finished",
    "report.intro_given_by": "{organisers} gave the workshop “{title}”",
    "report.intro_given_by_one": "{organisers} gave the workshop “{title}”",
    "report.intro_given": "The workshop “{title}” was given",
    "report.intro_rounds": " in {count} rounds",
    "report.intro_date": " on {date}",
    "report.intro_place": " in {place}",
    "report.intro_subgroups": "The group was split into {counts} subgroups, each with a "
    "discussion leader.",
    "report.intro_subgroups_rounds": "The group was split into {counts} subgroups respectively, "
    "each with a discussion leader.",
    "report.covers_led": "This report holds the conclusions of the {count} subgroups led by "
    "{leaders}.",
    "report.covers_led_one": "This report holds the conclusions of the subgroup led by {leaders}.",
    "report.covers": "This report holds the conclusions of {count} subgroups.",
    "report.covers_one": "This report holds the conclusions of one subgroup.",
    "report.leaders_of": "discussion leaders of {organisations}",
    "report.leaders_of_one": "a discussion leader of {organisations}",
    "report.intro_participants": "There were {count} participants.",
    "report.intro_unfinished": "Note: the sessions of {groups} were not finished.",
    "report.intro_unfinished_one": "Note: the session of {groups} was not finished.",
    "report.months": "January February March April May June July August September October "
    "November December",
    "report.decimal_point": ".",
    "report.and": " and ",
    "report.respectively": " and ",
    "report.word.groups": "Groups",
    "report.word.place": "Place",
    "report.word.choice": "Choice",
    "report.word.ranked_by": "Groups",
    "report.word.average_position": "Avg. position",
    "report.word.points": "Points",
    "report.word.dots": "Dots",
    "report.word.page": "Page",
    "report.word.count": "Count",
    "report.word.conclusion": "Conclusion",
    "report.docx_tags_style": "Group tags",
    "report.docx_template_bad": "{path}: not a valid Word file (.docx); save the template in "
    "Word as a Word document (.docx)",
    "report.binary_to_terminal": "a {format} file cannot be shown on the screen; give a file "
    "with -o, for example -o report.{format}",
    "report.template_for_docx": "{path}: a Word report takes a Word file (.docx) as its "
    "template; give a .docx file",
    "report.template_not_docx": "{path}: a Word template (.docx) only makes Word; choose "
    "-o report.docx or --format docx",
    "report.template_not_for_sheet": "a {format} file has no template; leave out --template",
    "sheet.section": "Section",
    "sheet.question": "Question",
    "sheet.path": "Path",
    "sheet.parent": "Under point",
    "sheet.value": "Answer",
    "sheet.group": "Group",
    "sheet.round": "Round",
    "sheet.organisation": "Organisation",
    "sheet.leader": "Discussion leader",
    "sheet.session": "Session file",
    "tidy.not_folder": "{path}: not a folder; give the folder of the session files",
    "tidy.none": "No points found that look alike; nothing to do.",
    "tidy.found": "{count} pairs of points that look alike. Every decision goes into {path} at "
    "once; the session files stay as they are.",
    "tidy.pair": "[{number}/{total}] {question}",
    "tidy.question": "Do A and B say the same?",
    "tidy.same_first": "Yes, keep the wording of A",
    "tidy.same_second": "Yes, keep the wording of B",
    "tidy.same_new": "Yes, with a new wording",
    "tidy.different": "No, they are different points",
    "tidy.skip": "Decide later",
    "tidy.stop": "Stop",
    "tidy.plain_hint": "number; Enter = decide later",
    "tidy.new_wording": "New wording for this point",
    "tidy.saved": "{count} decisions saved in {path}. To make the report: "
    "limburglab report {folder}",
    "tidy.saved_one": "1 decision saved in {path}. To make the report: limburglab report {folder}",
    "tidy.found_one": "1 pair of points that look alike. Every decision goes into {path} at "
    "once; the session files stay as they are.",
    "edits.not_list": "an edits file is a list, one edit per `- ` line, for example "
    "`- omit: Stay in existence`",
    "edits.not_mapping": "an edit has keys, for example `omit: Stay in existence` and "
    "`question: effecten`",
    "edits.unknown_key": "unknown key `{key}`; allowed: {keys}",
    "edits.one_kind": "an edit has exactly one of these keys: {kinds}",
    "edits.points": "`{key}` must be a list of at least two points, for example "
    "`[Meeting each other, meeting and knowing each other]`",
    "edits.text": "`{key}` must be text",
    "edits.text_not_here": "`{key}` does not belong with `{kind}`",
    "edits.missing": "`{kind}` also needs `{key}:`",
    "edits.unknown_section": "unknown section `{id}`; choose from: {ids}",
    "edits.unknown_question": "`{id}` is not a list question of this flow; choose from: {ids}",
    "edits.fix_and_retry": "Fix {path} and try again.",
    "edits.stale": "note: {path}:{line}: “{point}” is not in any session (any more); this edit "
    "does nothing. Change it or remove it.",
    "edits.header": "# The secretary's edits, applied by `limburglab report`; the session files "
    "stay as they\n# are. One edit per `- ` line: merge, correct, omit, different or "
    "conclusion\n# (see the README). Adding to it by hand is fine.\n",
    # the board
    "board.url": "The board: {url}",
    "board.qr": "Scan this code with a tablet or second laptop on the same network:",
    "board.token": "The link holds an access code; without it the board refuses every request.",
    "board.stop": "Stop: Ctrl-C.",
    "board.stopped": "Board stopped.",
    "board.missing": "{path} does not exist; give a session file or a folder of sessions",
    "board.no_default_folder": "there is no folder {path} here; give a session file or a folder "
    "of sessions, for example: limburglab board examples/samenwerken",
    "board.not_yaml": "{path} is not a session file (.yaml) nor a folder",
    "board.port_in_use": "port {port} on {host} is not available ({reason}); choose another with "
    "--port, or leave out --port for a free one",
    "board.cannot_bind": "the board cannot start on {host} ({reason}); check --host",
    "board.beside": "This session's board: {url} (opens in the browser)",
}

CATALOGUES = {"nl": NL, "en": EN}


def env_language() -> str | None:
    """The language asked for in LIMBURGLAB_LANG, if any."""
    chosen = os.environ.get("LIMBURGLAB_LANG", "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else None


_language = env_language() or "nl"


def set_language(language: str | None) -> None:
    """Use `language` for everything said from now on (None: keep the current one)."""
    global _language
    if language in LANGUAGES:
        _language = language


def choose(lang: str | None, fallback: str) -> None:
    """Speak `--lang` if given (checked), else LIMBURGLAB_LANG, else `fallback` (the flow's)."""
    if lang is not None and lang not in LANGUAGES:
        from limburglab.errors import UsageError

        raise UsageError(t("run.bad_lang", lang=lang))
    set_language(lang or env_language() or fallback)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` Bedoelde u `prompt`?` for the closest candidate to a misspelt word, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1)
    return " " + t("hint.did_you_mean", word=close[0]) if close else ""


def language() -> str:
    return _language


def say(language: str, key: str, /, **values: object) -> str:
    """The message `key` in `language`, with `values` filled in."""
    text = CATALOGUES[language].get(key) or NL[key]
    return text.format(**values) if values else text


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    return say(_language, key, **values)
