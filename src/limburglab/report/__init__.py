"""The conclusion report: sessions gathered, merged into one model, rendered, written atomically.

`command` runs the whole command; the steps live in their own modules and are imported only
when a report is made: `gather` (sessions and their flow), `event`, `edits` (the secretary's
tidying), `model` with `merge` (the Report), and `formats` (one module per output format, with
the `registry` that knows them).
"""
