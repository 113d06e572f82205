"""Case work: cases, participants, the timeline, tasks and worklists, needs and risk
assessments, the rehabilitation plan, closure and the outcome figures."""
