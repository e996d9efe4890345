from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execute_script_or_command_req_command_type import ExecuteScriptOrCommandReqCommandType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecuteScriptOrCommandReq")


@_attrs_define
class ExecuteScriptOrCommandReq:
    """What to run and where. No field is required.

    Cross-field rules, stated for tools in `x-constraints`: when both are given, `gray_fail_threshold` is less than
    `gray_count` (from the reference page); `command` and `script_ids` are alternatives, not to be sent together
    (assumed from the official SDK's description of `command`).

        Attributes:
            gray_count (int | Unset): Number of desktops in the gray (first) batch. Non-negative: the page states no bound,
                a negative count is taken to be an error (assumption).
            resource_type (str | Unset): Type of the target resources, for example `DESKTOP`.
            gray_resource_ids (list[str] | Unset): Desktops that form the gray batch.
            gray_fail_threshold (int | Unset): Number of failures in the gray batch at which the next batch is not started.
                Less than `gray_count` when both are given. Non-negative (assumption, as for `gray_count`).
            resource_ids (list[str] | Unset): Desktops to run the scripts on.
            script_ids (list[str] | Unset): Scripts to run.
            execution_timeout (int | Unset): How long one script may run, in minutes. Non-negative (assumption: the page
                states no bound).
            command (str | Unset): The command line to run, instead of `script_ids`. Not on the reference page: taken from
                the official SDK's request model (huaweicloudsdkworkspace 3.1.219), which states no length limit.
            command_type (ExecuteScriptOrCommandReqCommandType | Unset): How `command` is interpreted. Not on the reference
                page: taken from the official SDK's request model (huaweicloudsdkworkspace 3.1.219).
    """

    gray_count: int | Unset = UNSET
    resource_type: str | Unset = UNSET
    gray_resource_ids: list[str] | Unset = UNSET
    gray_fail_threshold: int | Unset = UNSET
    resource_ids: list[str] | Unset = UNSET
    script_ids: list[str] | Unset = UNSET
    execution_timeout: int | Unset = UNSET
    command: str | Unset = UNSET
    command_type: ExecuteScriptOrCommandReqCommandType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        gray_count = self.gray_count

        resource_type = self.resource_type

        gray_resource_ids: list[str] | Unset = UNSET
        if not isinstance(self.gray_resource_ids, Unset):
            gray_resource_ids = self.gray_resource_ids

        gray_fail_threshold = self.gray_fail_threshold

        resource_ids: list[str] | Unset = UNSET
        if not isinstance(self.resource_ids, Unset):
            resource_ids = self.resource_ids

        script_ids: list[str] | Unset = UNSET
        if not isinstance(self.script_ids, Unset):
            script_ids = self.script_ids

        execution_timeout = self.execution_timeout

        command = self.command

        command_type: str | Unset = UNSET
        if not isinstance(self.command_type, Unset):
            command_type = self.command_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if gray_count is not UNSET:
            field_dict["gray_count"] = gray_count
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if gray_resource_ids is not UNSET:
            field_dict["gray_resource_ids"] = gray_resource_ids
        if gray_fail_threshold is not UNSET:
            field_dict["gray_fail_threshold"] = gray_fail_threshold
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if script_ids is not UNSET:
            field_dict["script_ids"] = script_ids
        if execution_timeout is not UNSET:
            field_dict["execution_timeout"] = execution_timeout
        if command is not UNSET:
            field_dict["command"] = command
        if command_type is not UNSET:
            field_dict["command_type"] = command_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        gray_count = d.pop("gray_count", UNSET)

        resource_type = d.pop("resource_type", UNSET)

        gray_resource_ids = cast(list[str], d.pop("gray_resource_ids", UNSET))

        gray_fail_threshold = d.pop("gray_fail_threshold", UNSET)

        resource_ids = cast(list[str], d.pop("resource_ids", UNSET))

        script_ids = cast(list[str], d.pop("script_ids", UNSET))

        execution_timeout = d.pop("execution_timeout", UNSET)

        command = d.pop("command", UNSET)

        _command_type = d.pop("command_type", UNSET)
        command_type: ExecuteScriptOrCommandReqCommandType | Unset
        if isinstance(_command_type, Unset):
            command_type = UNSET
        else:
            command_type = ExecuteScriptOrCommandReqCommandType(_command_type)

        execute_script_or_command_req = cls(
            gray_count,
            resource_type,
            gray_resource_ids,
            gray_fail_threshold,
            resource_ids,
            script_ids,
            execution_timeout,
            command,
            command_type,
        )

        execute_script_or_command_req.additional_properties = d
        return execute_script_or_command_req

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        gray_count = d.pop("gray_count", UNSET)

        resource_type = d.pop("resource_type", UNSET)

        gray_resource_ids = cast(list[str], d.pop("gray_resource_ids", UNSET))

        gray_fail_threshold = d.pop("gray_fail_threshold", UNSET)

        resource_ids = cast(list[str], d.pop("resource_ids", UNSET))

        script_ids = cast(list[str], d.pop("script_ids", UNSET))

        execution_timeout = d.pop("execution_timeout", UNSET)

        command = d.pop("command", UNSET)

        _command_type = d.pop("command_type", UNSET)
        command_type: ExecuteScriptOrCommandReqCommandType | Unset
        if isinstance(_command_type, Unset):
            command_type = UNSET
        else:
            command_type = ExecuteScriptOrCommandReqCommandType(_command_type)

        execute_script_or_command_req = cls(
            gray_count,
            resource_type,
            gray_resource_ids,
            gray_fail_threshold,
            resource_ids,
            script_ids,
            execution_timeout,
            command,
            command_type,
        )

        execute_script_or_command_req.additional_properties = d
        return execute_script_or_command_req

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
