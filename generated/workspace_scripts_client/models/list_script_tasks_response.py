from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.script_task_info import ScriptTaskInfo


T = TypeVar("T", bound="ListScriptTasksResponse")


@_attrs_define
class ListScriptTasksResponse:
    """One page of execution tasks.

    Attributes:
        count (int): Number of all tasks that match the filters.
        script_tasks (list[ScriptTaskInfo]): The tasks of this page.
    """

    count: int
    script_tasks: list[ScriptTaskInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        script_tasks = []
        for script_tasks_item_data in self.script_tasks:
            script_tasks_item = script_tasks_item_data.to_dict()
            script_tasks.append(script_tasks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "script_tasks": script_tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.script_task_info import ScriptTaskInfo  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        script_tasks = []
        _script_tasks = d.pop("script_tasks")
        for script_tasks_item_data in _script_tasks:
            script_tasks_item = ScriptTaskInfo.from_dict(script_tasks_item_data)

            script_tasks.append(script_tasks_item)

        list_script_tasks_response = cls(
            count,
            script_tasks,
        )

        list_script_tasks_response.additional_properties = d
        return list_script_tasks_response

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        from ..models.script_task_info import ScriptTaskInfo  # noqa: PLC0415

        d = src_dict
        count = d.pop("count")

        script_tasks = []
        _script_tasks = d.pop("script_tasks")
        for script_tasks_item_data in _script_tasks:
            script_tasks_item = ScriptTaskInfo._from_parsed(script_tasks_item_data)

            script_tasks.append(script_tasks_item)

        list_script_tasks_response = cls(
            count,
            script_tasks,
        )

        list_script_tasks_response.additional_properties = d
        return list_script_tasks_response

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
