"""One way for every command to fail: a one-line message and a non-zero exit, no traceback."""

from collections.abc import Iterator
from contextlib import contextmanager


class CliError(Exception):
    """Raised by a command with a message for the user; ``exit_code`` defaults to 2."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def as_cli_error(*errors: type[Exception]) -> Iterator[None]:
    """Errors of these types, raised inside, reach the user as a CliError: their own one-line
    message, no traceback."""
    try:
        yield
    except errors as exc:
        raise CliError(str(exc)) from None
