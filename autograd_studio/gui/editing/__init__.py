"""Editing the document: undo commands, the clipboard, drag payloads, typed numbers."""
