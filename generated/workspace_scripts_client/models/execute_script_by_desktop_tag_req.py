from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execute_script_by_desktop_tag_req_command_type import ExecuteScriptByDesktopTagReqCommandType
from ..models.execute_script_by_desktop_tag_req_post_finish import ExecuteScriptByDesktopTagReqPostFinish
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecuteScriptByDesktopTagReq")


@_attrs_define
class ExecuteScriptByDesktopTagReq:
    """What to run, on the desktops that carry a tag.

    Cross-field rules, stated for tools in `x-constraints` (all from the reference page): `command_content` and
    `script_ids` are alternatives, and a command needs its `command_type`.

        Attributes:
            desktop_tag (str): The tag that selects the desktops (the page does not document its syntax; the reference
                server matches it exactly against the tags of its inventory, assumption).
            script_ids (list[str] | Unset): Scripts to run; the alternative to `command_content`.
            gray_count (int | Unset): Number of desktops in the gray (first) batch; wins over `gray_desktop_ids` when both
                are given. Non-negative (assumption, as for ExecuteScriptOrCommand).
            gray_desktop_ids (list[str] | Unset): Desktops that form the gray batch, unless `gray_count` is given.
            gray_fail_threshold (int | Unset): Number of gray failures at which the next batch is not run (the edge as
                decided for ExecuteScriptOrCommand). Non-negative (assumption).
            pre_start (str | Unset): A step to take before running (the page does not list the values).
            post_finish (ExecuteScriptByDesktopTagReqPostFinish | Unset): A step to take after running; `stop` shuts the
                desktop down, `reboot` restarts it.
            command_content (str | Unset): The command line to run; the alternative to `script_ids`.
            command_type (ExecuteScriptByDesktopTagReqCommandType | Unset): How `command_content` is read; `POWERSHELL` and
                `BAT` on Windows, `SHELL` on Linux.
            execution_timeout (int | Unset): How long one script may run, in minutes (default 1). Non-negative (assumption).
                Default: 1.
    """

    desktop_tag: str
    script_ids: list[str] | Unset = UNSET
    gray_count: int | Unset = UNSET
    gray_desktop_ids: list[str] | Unset = UNSET
    gray_fail_threshold: int | Unset = UNSET
    pre_start: str | Unset = UNSET
    post_finish: ExecuteScriptByDesktopTagReqPostFinish | Unset = UNSET
    command_content: str | Unset = UNSET
    command_type: ExecuteScriptByDesktopTagReqCommandType | Unset = UNSET
    execution_timeout: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        desktop_tag = self.desktop_tag

        script_ids: list[str] | Unset = UNSET
        if not isinstance(self.script_ids, Unset):
            script_ids = self.script_ids

        gray_count = self.gray_count

        gray_desktop_ids: list[str] | Unset = UNSET
        if not isinstance(self.gray_desktop_ids, Unset):
            gray_desktop_ids = self.gray_desktop_ids

        gray_fail_threshold = self.gray_fail_threshold

        pre_start = self.pre_start

        post_finish: str | Unset = UNSET
        if not isinstance(self.post_finish, Unset):
            post_finish = self.post_finish.value

        command_content = self.command_content

        command_type: str | Unset = UNSET
        if not isinstance(self.command_type, Unset):
            command_type = self.command_type.value

        execution_timeout = self.execution_timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "desktop_tag": desktop_tag,
            }
        )
        if script_ids is not UNSET:
            field_dict["script_ids"] = script_ids
        if gray_count is not UNSET:
            field_dict["gray_count"] = gray_count
        if gray_desktop_ids is not UNSET:
            field_dict["gray_desktop_ids"] = gray_desktop_ids
        if gray_fail_threshold is not UNSET:
            field_dict["gray_fail_threshold"] = gray_fail_threshold
        if pre_start is not UNSET:
            field_dict["pre_start"] = pre_start
        if post_finish is not UNSET:
            field_dict["post_finish"] = post_finish
        if command_content is not UNSET:
            field_dict["command_content"] = command_content
        if command_type is not UNSET:
            field_dict["command_type"] = command_type
        if execution_timeout is not UNSET:
            field_dict["execution_timeout"] = execution_timeout

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        desktop_tag = d.pop("desktop_tag")

        script_ids = cast(list[str], d.pop("script_ids", UNSET))

        gray_count = d.pop("gray_count", UNSET)

        gray_desktop_ids = cast(list[str], d.pop("gray_desktop_ids", UNSET))

        gray_fail_threshold = d.pop("gray_fail_threshold", UNSET)

        pre_start = d.pop("pre_start", UNSET)

        _post_finish = d.pop("post_finish", UNSET)
        post_finish: ExecuteScriptByDesktopTagReqPostFinish | Unset
        if isinstance(_post_finish, Unset):
            post_finish = UNSET
        else:
            post_finish = ExecuteScriptByDesktopTagReqPostFinish(_post_finish)

        command_content = d.pop("command_content", UNSET)

        _command_type = d.pop("command_type", UNSET)
        command_type: ExecuteScriptByDesktopTagReqCommandType | Unset
        if isinstance(_command_type, Unset):
            command_type = UNSET
        else:
            command_type = ExecuteScriptByDesktopTagReqCommandType(_command_type)

        execution_timeout = d.pop("execution_timeout", UNSET)

        execute_script_by_desktop_tag_req = cls(
            desktop_tag,
            script_ids,
            gray_count,
            gray_desktop_ids,
            gray_fail_threshold,
            pre_start,
            post_finish,
            command_content,
            command_type,
            execution_timeout,
        )

        execute_script_by_desktop_tag_req.additional_properties = d
        return execute_script_by_desktop_tag_req

    @classmethod
    def _from_parsed(cls: type[T], src_dict: dict[str, Any]) -> T:
        """``from_dict`` for a dict parsed by this package and handed over: it is consumed."""
        d = src_dict
        desktop_tag = d.pop("desktop_tag")

        script_ids = cast(list[str], d.pop("script_ids", UNSET))

        gray_count = d.pop("gray_count", UNSET)

        gray_desktop_ids = cast(list[str], d.pop("gray_desktop_ids", UNSET))

        gray_fail_threshold = d.pop("gray_fail_threshold", UNSET)

        pre_start = d.pop("pre_start", UNSET)

        _post_finish = d.pop("post_finish", UNSET)
        post_finish: ExecuteScriptByDesktopTagReqPostFinish | Unset
        if isinstance(_post_finish, Unset):
            post_finish = UNSET
        else:
            post_finish = ExecuteScriptByDesktopTagReqPostFinish(_post_finish)

        command_content = d.pop("command_content", UNSET)

        _command_type = d.pop("command_type", UNSET)
        command_type: ExecuteScriptByDesktopTagReqCommandType | Unset
        if isinstance(_command_type, Unset):
            command_type = UNSET
        else:
            command_type = ExecuteScriptByDesktopTagReqCommandType(_command_type)

        execution_timeout = d.pop("execution_timeout", UNSET)

        execute_script_by_desktop_tag_req = cls(
            desktop_tag,
            script_ids,
            gray_count,
            gray_desktop_ids,
            gray_fail_threshold,
            pre_start,
            post_finish,
            command_content,
            command_type,
            execution_timeout,
        )

        execute_script_by_desktop_tag_req.additional_properties = d
        return execute_script_by_desktop_tag_req

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
