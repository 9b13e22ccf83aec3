"""The one domain error of the calculator."""


class InputError(ValueError):
    """Invalid input; names the input field and carries a German message for the reader."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_dict(self) -> dict:
        return {"error": {"field": self.field, "message": self.message}}
