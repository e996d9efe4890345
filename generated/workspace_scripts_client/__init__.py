"""A client library for accessing Huawei Cloud Workspace - batch script execution"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
