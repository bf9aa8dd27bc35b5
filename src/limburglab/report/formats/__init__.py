"""The output formats: each one a module behind one small interface (`render(report,
template)`), registered in `registry`.

Templates only arrange the model; they compute nothing. Answer text is data in every format,
never markup. Rendering imports Jinja2, Typst, python-docx or openpyxl only when a format is
used.
"""
