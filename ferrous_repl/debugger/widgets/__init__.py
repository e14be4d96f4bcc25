"""The debugger's widgets: each receives a frozen view and posts messages up."""
