"""The Textual app: panes that show what the engine's Playground answers."""
