"""Writes of the events app: `festivals` (editions, calls, submissions, juries, awards) and `programmes`
(film weeks, venues, curation, guests, the schedule, publication, attendance)."""
