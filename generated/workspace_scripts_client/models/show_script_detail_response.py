from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.script_type import ScriptType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShowScriptDetailResponse")


@_attrs_define
class ShowScriptDetailResponse:
    """A script of the library, with its content.

    Attributes:
        id (str): ID of the script.
        name (None | str | Unset): Name of the script.
        description (None | str | Unset): Free text about the script.
        type_ (ScriptType | Unset): The language of a script.
        version (None | str | Unset): Version label.
        create_time (None | str | Unset): When the script was stored (the reference server writes ISO 8601 UTC,
            assumption).
        update_time (None | str | Unset): When the script last changed (ISO 8601 UTC on the reference server,
            assumption).
        content (None | str | Unset): The script itself.
    """

    id: str
    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    type_: ScriptType | Unset = UNSET
    version: None | str | Unset = UNSET
    create_time: None | str | Unset = UNSET
    update_time: None | str | Unset = UNSET
    content: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        create_time: None | str | Unset
        if isinstance(self.create_time, Unset):
            create_time = UNSET
        else:
            create_time = self.create_time

        update_time: None | str | Unset
        if isinstance(self.update_time, Unset):
            update_time = UNSET
        else:
            update_time = self.update_time

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if type_ is not UNSET:
            field_dict["type"] = type_
        if version is not UNSET:
            field_dict["version"] = version
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if update_time is not UNSET:
            field_dict["update_time"] = update_time
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name: None | str | Unset = d.pop("name", UNSET)

        description: None | str | Unset = d.pop("description", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ScriptType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ScriptType(_type_)

        version: None | str | Unset = d.pop("version", UNSET)

        create_time: None | str | Unset = d.pop("create_time", UNSET)

        update_time: None | str | Unset = d.pop("update_time", UNSET)

        content: None | str | Unset = d.pop("content", UNSET)

        show_script_detail_response = cls(
            id,
            name,
            description,
            type_,
            version,
            create_time,
            update_time,
            content,
        )

        show_script_detail_response.additional_properties = d
        return show_script_detail_response

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        id = d.pop("id")

        name: None | str | Unset = d.pop("name", UNSET)

        description: None | str | Unset = d.pop("description", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ScriptType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ScriptType(_type_)

        version: None | str | Unset = d.pop("version", UNSET)

        create_time: None | str | Unset = d.pop("create_time", UNSET)

        update_time: None | str | Unset = d.pop("update_time", UNSET)

        content: None | str | Unset = d.pop("content", UNSET)

        show_script_detail_response = cls(
            id,
            name,
            description,
            type_,
            version,
            create_time,
            update_time,
            content,
        )

        show_script_detail_response.additional_properties = d
        return show_script_detail_response

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
