"""Space Cooperation Atlas: YAML entries → validated model → Markdown pages."""
