from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The body of every error answer.

    Attributes:
        error_code (str): Error code. Codes of the service look like `WKS.0001`; codes starting with `APIGW` come from
            the API gateway in front of it.
        error_msg (str): Human-readable error message.
        error_detail (str | Unset): More about the error (listed on the by-desktop-tag page only).
        encoded_authorization_message (str | Unset): An encoded explanation of a refused authorization, which IAM's STS
            can decode (listed on the by-desktop-tag page only).
    """

    error_code: str
    error_msg: str
    error_detail: str | Unset = UNSET
    encoded_authorization_message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code

        error_msg = self.error_msg

        error_detail = self.error_detail

        encoded_authorization_message = self.encoded_authorization_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_code": error_code,
                "error_msg": error_msg,
            }
        )
        if error_detail is not UNSET:
            field_dict["error_detail"] = error_detail
        if encoded_authorization_message is not UNSET:
            field_dict["encoded_authorization_message"] = encoded_authorization_message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_code = d.pop("error_code")

        error_msg = d.pop("error_msg")

        error_detail = d.pop("error_detail", UNSET)

        encoded_authorization_message = d.pop("encoded_authorization_message", UNSET)

        error_response = cls(
            error_code,
            error_msg,
            error_detail,
            encoded_authorization_message,
        )

        error_response.additional_properties = d
        return error_response

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        error_code = d.pop("error_code")

        error_msg = d.pop("error_msg")

        error_detail = d.pop("error_detail", UNSET)

        encoded_authorization_message = d.pop("encoded_authorization_message", UNSET)

        error_response = cls(
            error_code,
            error_msg,
            error_detail,
            encoded_authorization_message,
        )

        error_response.additional_properties = d
        return error_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
