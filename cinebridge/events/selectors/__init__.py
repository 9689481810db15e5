"""Reads of the events app: `access` (who may do what to a programme), `festivals`, `programmes`."""
