"""The per-user background service (systemd user unit, LaunchAgent, logon task) and ``doctor``."""
