"""Every word the tool says, in Dutch (the default) and English."""

from __future__ import annotations

import os

LANGUAGES = ("nl", "en")

NL: dict[str, str] = {
    # files and YAML
    "file.missing": "bestand bestaat niet; controleer het pad",
    "file.is_dir": "dit is een map, geen bestand; geef het pad van een .yaml-bestand",
    "file.unreadable": "bestand kan niet gelezen worden: {reason}",
    "file.not_utf8": "geen geldige UTF-8-tekst; sla het bestand op als UTF-8",
    "file.empty": "bestand is leeg",
    "yaml.tab": "tab in de inspringing; YAML staat alleen spaties toe",
    "yaml.syntax": "YAML-fout: {reason}",
    "yaml.too_big": "te veel verwijzingen (anchors/aliassen): het document zou onredelijk groot "
    "worden en is daarom geweigerd",
    "yaml.duplicate_key": "sleutel `{key}` staat hier twee keer",
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
    "flow.too_small": "`{key}` moet minstens {limit} zijn",
    "flow.unknown_key": "onbekende sleutel `{key}` in {where}.",
    "flow.allowed_keys": "Toegestaan: {keys}.",
    "flow.key_not_for_type": "`{key}` hoort niet bij een vraag van type `{type}` "
    "(wel bij: {types})",
    "flow.unknown_type": "onbekend vraagtype `{type}`; kies uit {types}.",
    "flow.timebox": "ongeldige timebox; schrijf bijvoorbeeld `90s`, `10m`, `1h30m` of een "
    "aantal minuten",
    "flow.bad_pattern": "`pattern` is geen geldige reguliere expressie: {reason}",
    "flow.duplicate_section": "onderdeel-id `{id}` komt al eerder voor; ids moeten uniek zijn",
    "flow.duplicate_question": "vraag-id `{id}` komt al eerder voor; ids moeten uniek zijn in de "
    "hele flow",
    "flow.duplicate_followup": "vervolgvraag-id `{id}` komt al eerder voor in deze `item`-lijst",
    "flow.choices_both": "geef `choices` of `choices_from`, niet allebei",
    "flow.choices_missing": "deze vraag heeft `choices` of `choices_from` nodig",
    "flow.choices_from_type": "`choices_from` moet een eerdere vraag van type `list` of "
    "`multiselect` noemen; `{name}` is dat niet",
    "flow.jinja_syntax": "fout in `{key}`: {reason}",
    "flow.name_later": "`{key}` gebruikt `{name}`, maar die vraag komt pas later; verwijs alleen "
    "naar eerdere vragen",
    "flow.name_unknown": "`{key}` gebruikt `{name}`, maar er is geen eerdere vraag met dat id.",
    "flow.min_max": "`min` ({min}) is groter dan `max` ({max})",
    "flow.unknown_name": "onbekende flow `{name}`; geef een pad naar een .yaml-bestand of een "
    "meegeleverde flow: {names}.",
    # commands that show flows
    "cli.valid": "{path}: in orde",
    "cli.invalid_count": "{count} probleem/problemen gevonden",
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
    "show.total": "{sections} onderdelen, {questions} vragen, totaal {time}",
    "error.prefix": "Fout",
    "error.interrupted": "Onderbroken.",
}

EN: dict[str, str] = {
    "file.missing": "file does not exist; check the path",
    "file.is_dir": "this is a folder, not a file; give the path of a .yaml file",
    "file.unreadable": "file cannot be read: {reason}",
    "file.not_utf8": "not valid UTF-8 text; save the file as UTF-8",
    "file.empty": "file is empty",
    "yaml.tab": "tab in the indentation; YAML allows only spaces",
    "yaml.syntax": "YAML error: {reason}",
    "yaml.too_big": "too many references (anchors/aliases): the document would become "
    "unreasonably large and was refused",
    "yaml.duplicate_key": "key `{key}` appears here twice",
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
    "flow.too_small": "`{key}` must be at least {limit}",
    "flow.unknown_key": "unknown key `{key}` in {where}.",
    "flow.allowed_keys": "Allowed: {keys}.",
    "flow.key_not_for_type": "`{key}` does not belong to a question of type `{type}` "
    "(it does to: {types})",
    "flow.unknown_type": "unknown question type `{type}`; choose from {types}.",
    "flow.timebox": "invalid timebox; write for example `90s`, `10m`, `1h30m` or a number of "
    "minutes",
    "flow.bad_pattern": "`pattern` is not a valid regular expression: {reason}",
    "flow.duplicate_section": "section id `{id}` is used before; ids must be unique",
    "flow.duplicate_question": "question id `{id}` is used before; ids must be unique in the "
    "whole flow",
    "flow.duplicate_followup": "follow-up id `{id}` is used before in this `item` list",
    "flow.choices_both": "give `choices` or `choices_from`, not both",
    "flow.choices_missing": "this question needs `choices` or `choices_from`",
    "flow.choices_from_type": "`choices_from` must name an earlier question of type `list` or "
    "`multiselect`; `{name}` is not one",
    "flow.jinja_syntax": "error in `{key}`: {reason}",
    "flow.name_later": "`{key}` uses `{name}`, but that question only comes later; refer to "
    "earlier questions only",
    "flow.name_unknown": "`{key}` uses `{name}`, but there is no earlier question with that id.",
    "flow.min_max": "`min` ({min}) is larger than `max` ({max})",
    "flow.unknown_name": "unknown flow `{name}`; give the path of a .yaml file or a bundled "
    "flow: {names}.",
    "cli.valid": "{path}: valid",
    "cli.invalid_count": "{count} problem(s) found",
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
    "show.total": "{sections} sections, {questions} questions, {time} in all",
    "error.prefix": "Error",
    "error.interrupted": "Interrupted.",
}

CATALOGUES = {"nl": NL, "en": EN}

_language = "nl"


def _initial() -> str:
    chosen = os.environ.get("LIMBURGLAB_LANG", "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else "nl"


_language = _initial()


def set_language(language: str | None) -> None:
    """Use `language` for everything said from now on (None: keep the current one)."""
    global _language
    if language in LANGUAGES:
        _language = language


def language() -> str:
    return _language


def env_language() -> str | None:
    """The language asked for in LIMBURGLAB_LANG, if any."""
    chosen = os.environ.get("LIMBURGLAB_LANG", "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else None


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    text = CATALOGUES[_language].get(key) or NL[key]
    return text.format(**values) if values else text
