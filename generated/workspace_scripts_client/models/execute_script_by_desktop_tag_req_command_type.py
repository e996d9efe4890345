from enum import StrEnum


class ExecuteScriptByDesktopTagReqCommandType(StrEnum):
    BAT = "BAT"
    POWERSHELL = "POWERSHELL"
    SHELL = "SHELL"

    def __str__(self) -> str:
        return str(self.value)
