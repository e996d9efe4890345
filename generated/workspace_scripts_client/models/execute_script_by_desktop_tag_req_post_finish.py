from enum import StrEnum


class ExecuteScriptByDesktopTagReqPostFinish(StrEnum):
    REBOOT = "reboot"
    STOP = "stop"

    def __str__(self) -> str:
        return str(self.value)
