"""NPAIS oversight (issue 16 point 9, domain.md §7): what each institution should enter into
the national minors' support information system, by when, and who confirmed it."""
