"""Pure-Python engines of the catalogue: subtitles, identifiers and rating systems, with no Django import."""
