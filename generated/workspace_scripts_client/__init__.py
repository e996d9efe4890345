"""A client library for accessing Huawei Cloud Workspace - Script API"""

from .auth import AkSkAuth
from .client import AuthenticatedClient, Client, RaisingClient
from .endpoints import UnknownRegionError
from .errors import ApiError
from .factory import create_client
from .regions import REGIONS
from .retry_policy import RetryPolicy
from .validation import RequestValidationError

# The contract's info.version, which is also the package's (a template: only the generator knows it).
__version__ = "2.1.0"

__all__ = (
    "REGIONS",
    "AkSkAuth",
    "ApiError",
    "AuthenticatedClient",
    "Client",
    "RaisingClient",
    "RequestValidationError",
    "RetryPolicy",
    "UnknownRegionError",
    "__version__",
    "create_client",
)
