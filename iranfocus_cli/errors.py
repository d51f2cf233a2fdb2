"""Domain errors. The library raises these; the CLI turns them into one-line messages."""


class IranfocusError(Exception):
    """Base class of the tool's own errors (exit code 1)."""

    exit_code = 1


class CorpusError(IranfocusError):
    """The corpus cannot be read as asked (for example, a path that does not exist)."""

    exit_code = 2


class ItemNotFound(IranfocusError):
    """No item has the id that was asked for."""


class BadQuery(IranfocusError):
    """A pattern or filter that cannot be used (for example, a bad regex)."""

    exit_code = 2


class OutputError(IranfocusError):
    """The output cannot be written as asked."""
