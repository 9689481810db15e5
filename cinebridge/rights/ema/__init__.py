"""MovieLabs/EMA Avails in and out: read and check XML (v2.2–v2.7) and XLSX (1.7–1.9), write v2.7 and 1.9.

`records`, `codes`, `rules`, `values`, the readers and the writers are pure Python (no Django import);
`importing` and `exporting` connect them to the catalogue and the grant services. docs/ema-avails.md
describes what is supported and how a file maps to grants.
"""
