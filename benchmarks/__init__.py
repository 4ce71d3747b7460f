"""jhviewer's performance benchmarks: `python -m benchmarks [start|charts|search|...]`.

Each benchmark measures the app (A) against a floor (B) of what Qt and SQLite themselves
cost, alternating A and B in one run so that the ratio holds on a noisy machine. See
benchmarks/README.md. Keep this file free of imports: the floor scripts import the package.
"""
