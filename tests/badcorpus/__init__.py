"""The bad-database corpus (cases.py) and the harness that runs it (probe.py)."""
