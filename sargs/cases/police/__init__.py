"""The police's part in a case (issue 16 point 7, domain.md §7): their assessment of grounds
for criminal or administrative proceedings and its result, and juvenile prevention work."""
