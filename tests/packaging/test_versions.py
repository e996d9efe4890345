"""One version for the toolkit: both packages' ``__version__`` are the installed distribution's."""

from __future__ import annotations

from importlib.metadata import version

import contract_tests
import reference_server


def test_both_packages_report_the_distributions_version() -> None:
    installed = version("workspace-scripts-toolkit")
    assert reference_server.__version__ == contract_tests.__version__ == installed
    assert installed.count(".") == 2 and all(part.isdigit() for part in installed.split("."))
