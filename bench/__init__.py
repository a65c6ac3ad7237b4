"""`make bench`: the casework and complaint pages and the reminder sweep at a million
enquiries and 100,000 complaints (run by hand, not in CI): `python -m bench.run --help`."""
