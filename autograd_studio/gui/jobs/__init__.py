"""Work on worker threads that the user can cancel."""
