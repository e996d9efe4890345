from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateScriptReq")


@_attrs_define
class UpdateScriptReq:
    """The new state of a script. There is no `type`: the update page's body table has no such row, so a script's type
    cannot be changed through the API (assumption). The update page states no length limits; those below are
    CreateScript's, assumed to hold for an update too (assumption).

        Attributes:
            name (str): Name of the script.
            content (str): The script itself. 1 to 100,000 characters, as on CreateScript (assumption: the update page gives
                no limit).
            description (str | Unset): Free text about the script. At most 256 characters, as on CreateScript (assumption:
                the update page gives no limit).
            version (str | Unset): A version label of the user's choosing. At most 128 characters, as on CreateScript
                (assumption: the update page gives no limit).
    """

    name: str
    content: str
    description: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        content = self.content

        description = self.description

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
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

        content = d.pop("content")

        description = d.pop("description", UNSET)

        version = d.pop("version", UNSET)

        update_script_req = cls(
            name,
            content,
            description,
            version,
        )

        update_script_req.additional_properties = d
        return update_script_req

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        name = d.pop("name")

        content = d.pop("content")

        description = d.pop("description", UNSET)

        version = d.pop("version", UNSET)

        update_script_req = cls(
            name,
            content,
            description,
            version,
        )

        update_script_req.additional_properties = d
        return update_script_req

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
