"""The Qt user interface: main window, one module per panel, models over the store."""
