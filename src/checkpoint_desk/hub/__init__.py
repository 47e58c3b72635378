"""The community hub: FastAPI server and its CLI. No Qt."""
