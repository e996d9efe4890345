"""Contract test suite: fuzzes a server implementing openapi.yaml and names the clause each failure breaks.

Run ``pytest contract_tests`` (the bundled reference server) or add ``--base-url URL --project-id P
--token T`` (or ``--ak AK --sk SK``) to test any other implementation.
"""

from importlib.metadata import PackageNotFoundError, version

# The distribution's version, read from its metadata: the suite needs the reference server only to start
# the bundled one, so importing the suite must not import the server.
try:
    __version__ = version("workspace-scripts-toolkit")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
