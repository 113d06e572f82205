"""Concerns about children and the alerts they raise; triage into a case or closure."""
