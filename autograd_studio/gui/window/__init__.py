"""The window shell: the main window, its actions, menus, settings, dialogs and files."""
