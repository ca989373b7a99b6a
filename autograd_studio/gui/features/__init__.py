"""Feature controllers behind the window's actions: auto layout, picture and script export,
expression import, the step-through backward, gradient flow and Backward's semantics."""
