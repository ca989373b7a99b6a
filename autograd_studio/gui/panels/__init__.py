"""The dock panels: palette, inspector, Backprop and Gradient Check."""
