"""Save a screenshot of an X window: ``python grab_window.py WINDOW_ID OUT.png``.

Run as its own program on the xcb platform, beside the editor under test, the way a
screenshot tool would look at it.
"""

import sys

from PySide6.QtGui import QGuiApplication

if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    image = app.primaryScreen().grabWindow(int(sys.argv[1])).toImage()
    sys.exit(0 if image.save(sys.argv[2]) else 1)
