"""The application's exception hierarchy; each error knows its HTTP status and code."""


class AppError(Exception):
    """Base of every error the application raises on purpose."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, object] = details or {}

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "details": self.details}


class ConfigurationError(AppError):
    code = "configuration_error"


class NotFoundError(AppError):
    status_code = 404
    code = "not_found"

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(f"{entity} {key!r} not found", details={"entity": entity})
        self.entity = entity
        self.key = key


class ValidationError(AppError):
    status_code = 422
    code = "validation_error"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        summary = "; ".join(
            f"{field}: {', '.join(messages)}" for field, messages in sorted(errors.items())
        )
        super().__init__(summary or "invalid input", details={"fields": errors})
        self.errors = errors

    @classmethod
    def single(cls, field: str, message: str) -> "ValidationError":
        return cls({field: [message]})


class ConflictError(AppError):
    status_code = 409
    code = "conflict"


class AuthenticationError(AppError):
    status_code = 401
    code = "not_authenticated"


class PermissionDeniedError(AppError):
    status_code = 403
    code = "permission_denied"


class RateLimitedError(AppError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry in {retry_after:.0f} s", details={"retry_after": retry_after})
        self.retry_after = retry_after


class ExternalServiceError(AppError):
    status_code = 502
    code = "external_service_error"

    def __init__(self, service: str, message: str, *, retryable: bool = True) -> None:
        super().__init__(f"{service}: {message}", details={"service": service})
        self.service = service
        self.retryable = retryable


class OperationTimeoutError(ExternalServiceError):
    status_code = 504
    code = "timeout"

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(what, f"no answer after {seconds:.1f} s")
        self.seconds = seconds


def status_for(error: BaseException) -> int:
    """The HTTP status of any exception: 500 for the unexpected ones."""
    return error.status_code if isinstance(error, AppError) else 500


def is_retryable(error: BaseException) -> bool:
    if isinstance(error, ExternalServiceError):
        return error.retryable
    return isinstance(error, RateLimitedError)
