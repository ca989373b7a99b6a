"""How the editor looks outside the canvas: painted icons and the application palettes."""
