"""The two error families, as qutebrowser separates them.

A :class:`KnownError` is caused by the environment or the user (wrong password, file locked, disk
full, damaged file, bad input). It carries a stable ``code`` for tests and the command line and a
Dutch ``message`` that says what is wrong and what to do; the UI shows it plainly. Anything else that
escapes is a bug and goes to the crash dialog, whose report never contains field values or paths.
"""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure with a message for the user (Dutch) and a stable code."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"


class StoreError(KnownError):
    code = "store"


class WrongPasswordError(StoreError):
    code = "wrong_password"


class NotAStoreError(StoreError):
    code = "not_a_store"


class NewerFormatError(StoreError):
    code = "newer_format"


class DamagedStoreError(StoreError):
    """The file fails authentication: damaged on disk or tampered with."""

    code = "damaged"


class RollbackError(StoreError):
    """The file authenticates but is older than a generation this machine has seen."""

    code = "rollback"


class StoreLockedError(StoreError):
    code = "locked"


class DiskFullError(StoreError):
    code = "disk_full"


class SaveFailedError(StoreError):
    """Writing failed; the last good file is intact and the change is kept in memory."""

    code = "save_failed"


class ValidationError(KnownError):
    """Input refused by a service; ``code`` names the rule that refused it."""

    code = "invalid"


class PermissionDeniedError(KnownError):
    code = "permission_denied"


class NotFoundError(KnownError):
    code = "not_found"
