"""jhviewer: an offline desktop viewer for the Jianghan District briefing."""

__version__ = "0.1.0"
