"""``workspace-scripts``: the Script API from a terminal (run, watch, stop, retry; manage scripts)."""

__version__ = "0.1.0"
