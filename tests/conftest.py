"""Settings for every test run of this repository."""

import atexit
import os
import shutil
import tempfile

# Hypothesis keeps its example database and caches in .hypothesis/ under the working directory, the
# checkout: the contract-suite runs that tests start would leave examples there that `make contract`
# replays. Tests keep theirs in a scratch folder (inherited by the runs they start, xdist workers too).
if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:
    _scratch = tempfile.mkdtemp(prefix="hypothesis-")
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = _scratch
    atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
