"""``python -m workspace_scripts_cli``: the same as the ``workspace-scripts`` command."""

from .app import main

main()
