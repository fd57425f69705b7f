"""Looking at what a build made: the proof pages and the watcher that rebuilds on change."""
