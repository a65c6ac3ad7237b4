"""Retention: how long each kind of record is kept, and the run that anonymises what has
expired (issue: "Retention: periods per record type in the profile ... a scheduled task
anonymises what has expired, history included, except cases on legal hold; each run is
logged").

- `periods`: the record types, their default periods and the pure expiry rule;
- `registry`: how an app tells the run about its records (`protocol` imports neither
  `casework` nor `complaints`: each app registers its own in a `retention` module);
- `erase`: the shared steps of anonymising a case and its hash-chained history;
- `service`: the run itself, batch by batch, logged.

The seeds (000-004) say nothing on how long records are kept: every period is the council's
records-management choice, edited with its protocol profile."""
