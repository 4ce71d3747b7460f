"""jhviewer: an offline desktop viewer for district briefings (facts, figures, targets)."""

__version__ = "0.1.0"
