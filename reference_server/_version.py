"""The toolkit's version: the one literal that the package metadata (pyproject.toml) and both packages'
``__version__`` read."""

__version__ = "0.1.0"
