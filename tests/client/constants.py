"""Credentials and ids shared by the client's tests (recognisable, so a leak is easy to grep for)."""

PROJECT = "0605767b5e00d5762f8fc01a0a1f0e11"
TOKEN = "token-secret-of-the-client-tests"
AK, SK = "AKCLIENTTESTS0000000", "sk-secret-of-the-client-tests"
SECURITY_TOKEN = "security-token-secret-of-the-client-tests"
