"""lessonkit: unplugged programming lessons from YAML to print-ready kits, proved by simulation."""

__version__ = "0.1.0"
