from enum import StrEnum


class ExecuteScriptOrCommandReqCommandType(StrEnum):
    BAT = "BAT"
    POWERSHELL = "POWERSHELL"
    SHELL = "SHELL"

    def __str__(self) -> str:
        return str(self.value)
