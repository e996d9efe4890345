"""The global options (where the service is, who is calling) and the client built from them.

Credentials reach the client exactly as ``create_client`` takes them: an IAM token, or AK/SK read by the
client itself from the ``HUAWEICLOUD_SDK_*`` variables. No secret is ever an option value (command lines
are visible to every user of the machine in ``ps``): the token comes from ``WORKSPACE_TOKEN`` or a file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workspace_scripts_client import RaisingClient

ENV_TOKEN = "WORKSPACE_TOKEN"  # the contract suite reads the same variable
ENV_REGION = "WORKSPACE_SCRIPTS_REGION"
ENV_ENDPOINT = "WORKSPACE_SCRIPTS_ENDPOINT"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"


class SettingsError(ValueError):
    """A global option or variable that cannot be used; the message names it, never a secret."""


@dataclass
class Settings:
    """What the root command's options say; ``json`` is set by each subcommand's ``--json``."""

    region: str | None = None
    endpoint: str | None = None
    project_id: str | None = None
    token_file: Path | None = None
    request_timeout: float = 30.0
    ca_bundle: Path | None = None
    json: bool = False
    started_work: bool = False  # set just before sending a request that starts scripts (run, retry)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    def token(self) -> str | None:
        """The IAM token from ``--token-file`` (trailing line break dropped) or ``WORKSPACE_TOKEN``."""
        if self.token_file is not None:
            try:
                text = self.token_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise SettingsError(f"--token-file {self.token_file}: cannot read it ({error})") from None
            return text.rstrip("\r\n")
        return self.environ.get(ENV_TOKEN) or None

    def open_client(self) -> RaisingClient:
        """A raising client for the service these settings name (errors are exceptions, not values)."""
        from workspace_scripts_client import create_client

        if (self.region is None) == (self.endpoint is None):
            raise SettingsError(
                f"give exactly one of --region (or {ENV_REGION}) and --endpoint (or {ENV_ENDPOINT})"
            )
        verify: str | bool = True if self.ca_bundle is None else str(self.ca_bundle)
        token = self.token()
        try:
            if token is not None:
                project_id = self.project_id or self.environ.get(ENV_PROJECT_ID) or None
                if project_id is None:
                    raise SettingsError(f"a token needs a project id: --project-id or {ENV_PROJECT_ID}")
                return create_client(
                    self.region,
                    endpoint=self.endpoint,
                    token=token,
                    project_id=project_id,
                    timeout=self.request_timeout,
                    verify_ssl=verify,
                    raise_on_error=True,
                )
            if not (self.environ.get(ENV_AK) and self.environ.get(ENV_SK)):
                raise SettingsError(
                    f"no credentials: set {ENV_TOKEN} (or --token-file) for an IAM token, "
                    f"or {ENV_AK} and {ENV_SK} for AK/SK"
                )
            client = create_client(
                self.region,
                endpoint=self.endpoint,
                project_id=self.project_id,
                timeout=self.request_timeout,
                verify_ssl=verify,
                raise_on_error=True,
                environ=self.environ,
            )
        except SettingsError:
            raise
        except ValueError as error:  # the client names the parameter or variable, never its value
            raise SettingsError(str(error)) from None
        try:
            client.project_id  # noqa: B018 - raises ValueError when there is none
        except ValueError:
            raise SettingsError(f"AK/SK needs a project id: --project-id or {ENV_PROJECT_ID}") from None
        return client
