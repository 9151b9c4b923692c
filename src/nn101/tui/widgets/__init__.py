"""The playground's panes, one widget per file."""
