"""Pure-Python engines of the core: search keys, digits and calendars, with no Django import."""
