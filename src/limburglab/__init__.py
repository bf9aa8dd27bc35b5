"""limburglab: facilitated workshops from YAML question flows to one conclusion report."""

__version__ = "0.2.0"
