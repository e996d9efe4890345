"""Starting work: ExecuteScriptOrCommand, ExecuteScriptByDesktopTag, StopScriptExecution,
RetryScriptExecution."""
