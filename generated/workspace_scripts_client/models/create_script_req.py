from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.script_type import ScriptType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateScriptReq")


@_attrs_define
class CreateScriptReq:
    """A new script for the library.

    Attributes:
        name (str): Name of the script (the page and the published definition give no length limit).
        type_ (ScriptType): The language of a script.
        content (str): The script itself.
        description (str | Unset): Free text about the script.
        version (str | Unset): A version label of the user's choosing.
    """

    name: str
    type_: ScriptType
    content: str
    description: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        content = self.content

        description = self.description

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "content": content,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        type_ = ScriptType(d.pop("type"))

        content = d.pop("content")

        description = d.pop("description", UNSET)

        version = d.pop("version", UNSET)

        create_script_req = cls(
            name,
            type_,
            content,
            description,
            version,
        )

        create_script_req.additional_properties = d
        return create_script_req

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        name = d.pop("name")

        type_ = ScriptType(d.pop("type"))

        content = d.pop("content")

        description = d.pop("description", UNSET)

        version = d.pop("version", UNSET)

        create_script_req = cls(
            name,
            type_,
            content,
            description,
            version,
        )

        create_script_req.additional_properties = d
        return create_script_req

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
