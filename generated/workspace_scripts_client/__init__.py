"""A client library for accessing Huawei Cloud Workspace - batch script execution"""

from .auth import AkSkAuth
from .client import AuthenticatedClient, Client
from .endpoints import UnknownRegionError
from .errors import ApiError
from .factory import create_client
from .regions import REGIONS
from .retry_policy import RetryPolicy
from .validation import RequestValidationError

__all__ = (
    "REGIONS",
    "AkSkAuth",
    "ApiError",
    "AuthenticatedClient",
    "Client",
    "RequestValidationError",
    "RetryPolicy",
    "UnknownRegionError",
    "create_client",
)
