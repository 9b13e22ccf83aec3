"""The one domain error of the calculator."""


class InputError(ValueError):
    """Invalid input; names the input field and carries a German message for the reader."""

    def __init__(self, field: str, message: str, missing: bool = False) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.missing = missing  # a required value is not there yet: the page asks for it, it is no mistake

    def as_dict(self) -> dict:
        error = {"field": self.field, "message": self.message}
        if self.missing:
            error["missing"] = True
        return {"error": error}
