"""One way for every command to fail: a one-line message and a non-zero exit, no traceback."""


class CliError(Exception):
    """Raised by a command with a message for the user; ``exit_code`` defaults to 2."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
