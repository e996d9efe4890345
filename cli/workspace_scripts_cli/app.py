"""The ``workspace-scripts`` command: global options, the subcommands, and how failures end it.

Only click is imported at start-up (the client, httpx and Rich wait until a command needs them), so
``--help`` and tab completion answer at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from . import __version__
from .exit_codes import ExitCode
from .settings import ENV_ENDPOINT, ENV_PROJECT_ID, ENV_REGION, ENV_TOKEN, Settings

PROG = "workspace-scripts"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Root(click.Group):
    """Turns the client's errors into one line and an exit code (a bug keeps its traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            settings = ctx.find_object(Settings)
            message = "interrupted"
            if settings is not None and settings.started_work:
                message += ": the request may have reached the service; check `workspace-scripts tasks`"
            click.echo(f"{PROG}: {message}", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except Exception as error:
            from .failures import describe
            from .output import emit_json

            settings = ctx.find_object(Settings)
            started = settings is not None and settings.started_work
            failure = describe(error, started_work=started)
            if failure is None:
                raise
            if settings is not None and settings.json:
                emit_json({"error": failure.details, "exit_code": int(failure.exit_code)})
            click.echo(f"{PROG}: error: {failure.line}", err=True)
            ctx.exit(failure.exit_code)


@click.group(cls=_Root, context_settings=CONTEXT)
@click.version_option(__version__, prog_name=PROG)
@click.option(
    "--region", envvar=ENV_REGION, metavar="REGION", help=f"Region, e.g. cn-north-4 (env {ENV_REGION})."
)
@click.option(
    "--endpoint",
    envvar=ENV_ENDPOINT,
    metavar="URL",
    help=f"Endpoint instead of a region (env {ENV_ENDPOINT}).",
)
@click.option("--project-id", metavar="ID", help=f"Project id (default: env {ENV_PROJECT_ID}).")
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"File holding an IAM token (default: env {ENV_TOKEN}; else AK/SK from HUAWEICLOUD_SDK_AK/_SK).",
)
@click.option(
    "--request-timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
    metavar="SECONDS", help="Time limit of each request.",
)  # fmt: skip
@click.option(
    "--ca-bundle",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CA certificates to verify the endpoint with (default: the system's).",
)
@click.pass_context
def main(
    ctx: click.Context,
    region: str | None,
    endpoint: str | None,
    project_id: str | None,
    token_file: Path | None,
    request_timeout: float,
    ca_bundle: Path | None,
) -> None:
    """Run scripts or commands on Huawei Cloud Workspace desktops, watch them, stop and retry them,
    and manage the scripts themselves.

    Credentials: an IAM token (WORKSPACE_TOKEN or --token-file, with a project id), or AK/SK from
    HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID),
    as the official SDK reads them. Secrets are never options and never shown.

    Exit codes: 0 done (with --wait: every record succeeded), 1 some record did not succeed, 2 usage
    error (nothing sent), 3 the service refused, 4 no answer, 5 --wait-timeout reached, 130 Ctrl-C.
    """
    ctx.obj = Settings(
        region=region,
        endpoint=endpoint,
        project_id=project_id,
        token_file=token_file,
        request_timeout=request_timeout,
        ca_bundle=ca_bundle,
    )


def _register() -> None:
    from . import executions, run, scripts

    for command in (run.run, run.retry, executions.tasks, executions.records, executions.record):
        main.add_command(command)
    main.add_command(executions.stop)
    main.add_command(scripts.scripts)
    main.add_command(completion)


@click.command(context_settings=CONTEXT)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the tab-completion script for SHELL (click's own).

    bash: eval "$(workspace-scripts completion bash)" in ~/.bashrc.
    """
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell)
    assert completer is not None  # every choice is one click knows
    click.echo(completer(main, {}, PROG, "_WORKSPACE_SCRIPTS_COMPLETE").source())


_register()
