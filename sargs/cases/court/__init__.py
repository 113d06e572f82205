"""The orphan's court's work in a case: proceedings (matters, decisions, court judgments,
the one-year deprivation review), preventive talks, out-of-family care and the support record
for the court."""
