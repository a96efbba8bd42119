"""Open311's error shape: a list of {code, description}, with the HTTP status the spec names."""

from __future__ import annotations


class Open311Error(Exception):
    """A request the API refuses. ``errors`` are (code, description) pairs; all are reported at once."""

    def __init__(self, status: int, errors: list[tuple[int, str]] | str):
        if isinstance(errors, str):
            errors = [(status, errors)]
        super().__init__("; ".join(description for _code, description in errors))
        self.status = status
        self.errors = errors

    def as_data(self) -> list[dict]:
        return [{"code": code, "description": description} for code, description in self.errors]


class FieldErrors:
    """Collects 400 errors that each name the parameter at fault, then raises them together."""

    def __init__(self):
        self.errors: list[tuple[int, str]] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append((400, f"{field}: {message}"))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise Open311Error(400, self.errors)
