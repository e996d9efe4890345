"""Contract test suite: fuzzes a server implementing openapi.yaml and names the clause each failure breaks.

Run ``pytest contract_tests`` (the bundled reference server) or add ``--base-url URL --project-id P
--token T`` (or ``--ak AK --sk SK``) to test any other implementation.
"""

from reference_server._version import __version__  # one version for the whole toolkit distribution

__all__ = ["__version__"]
