"""The command's exit codes, one place (docs/cli.md has the same table, checked by a test)."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``workspace-scripts`` exits with."""

    OK = 0  # done; with --wait: every record of the task succeeded
    SOME_FAILED = (
        1  # --wait: the task ended and some record did not succeed (failed, timed out, skipped, stopped)
    )
    USAGE = 2  # bad options or input, or a contract rule broken: nothing was sent
    REFUSED = 3  # the service answered with an error (status, error_code, error_msg, request id shown)
    UNREACHABLE = 4  # no answer: connection refused, DNS, TLS, timeout
    WAIT_TIMEOUT = 5  # --wait gave up (--wait-timeout) before the task ended; the task goes on
    INTERRUPTED = 130  # Ctrl-C while waiting; the task goes on
