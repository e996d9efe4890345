"""The script library: CreateScript, ListScripts, ShowScriptDetail, UpdateScript, DeleteScript."""
