"""The yearly summary without Qt: counting (figures), reading the store (queries), small-number
protection, the documented JSON, and the XLSX/CSV exports. Rendering lives in reports.render."""
